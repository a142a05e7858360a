import { describe, expect, it } from 'vitest';
import { COMMAND_FAILED_MESSAGE, RefusedError, USER_MESSAGES, userMessageOf } from '../src/errors.js';
import { RULE_ERROR_TEXT, RULE_FLAG_TEXT } from '../src/rules/messages.js';

describe('refusal sentences', () => {
  it('answers a code the rules own with the rules’ own sentence', () => {
    const codes = Object.keys(RULE_ERROR_TEXT) as (keyof typeof RULE_ERROR_TEXT)[];
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(new RefusedError(code).userMessage).toBe(RULE_ERROR_TEXT[code]);
  });

  it('writes each sentence once across refusals, rule flags and failures', () => {
    const sentences = [...Object.values(USER_MESSAGES), ...Object.values(RULE_FLAG_TEXT), COMMAND_FAILED_MESSAGE, userMessageOf(new Error('x'))];
    const seen = new Map<string, number>();
    for (const s of sentences) seen.set(s, (seen.get(s) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([s]) => s)).toEqual([]);
  });
});
