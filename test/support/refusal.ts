/** The one check every refusal test shares: a RefusedError whose message a member can read. */
import { expect } from 'vitest';
import { RefusedError } from '../../src/errors.js';

/** Awaits a call that must be refused; returns the refusal for further checks. */
export async function refusal(promise: Promise<unknown>): Promise<RefusedError> {
  const error: unknown = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(RefusedError);
  const refused = error as RefusedError;
  expect(refused.userMessage).toMatch(/[\u4e00-\u9fff]/);
  return refused;
}

/** The refusal's stable code. */
export async function refusalOf(promise: Promise<unknown>): Promise<RefusedError['refusal']> {
  return (await refusal(promise)).refusal;
}
