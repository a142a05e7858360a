import { expect } from 'vitest';
import type { CommandInput } from '../../../src/bot/parse/mentions.js';
import { InputError, userMessageOf } from '../../../src/errors.js';

/** 2026-12-01 10:00 in +08:00, a Tuesday. */
export const NOW_MS = Date.parse('2026-12-01T02:00:00Z');
export const BOT = 'ou_bot';

export const input = (args: string, mentionOpenIds: string[] = [], nowMs = NOW_MS): CommandInput => ({ args, mentionOpenIds, botOpenId: BOT, nowMs });

/** The Chinese sentence a parser refuses `run` with; fails when it returns or throws anything else. */
export function refusalOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    const refusal = error as InputError;
    expect(refusal.code).toBe('input_invalid');
    expect(userMessageOf(refusal)).toBe(refusal.userMessage);
    // The message goes to logs, so it names the problem and never quotes the input.
    expect(refusal.message).toBe(`input refused: ${refusal.problem}`);
    return refusal.userMessage;
  }
  throw new Error('expected an InputError');
}
