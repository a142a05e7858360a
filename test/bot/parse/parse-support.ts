import { expect } from 'vitest';
import type { CommandInput } from '../../../src/bot/parse/mentions.js';
import { InputError } from '../../../src/errors.js';

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
    expect((error as InputError).code).toBe('input_invalid');
    return (error as InputError).userMessage;
  }
  throw new Error('expected an InputError');
}
