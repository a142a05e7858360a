import { describe, expect, it } from 'vitest';
import { LarkApiError, classify } from '../../src/lark/errors.js';
import { backoffDelay } from '../../src/scheduler/outbox-worker.js';

const fields = (larkCode: number | undefined, httpStatus: number | undefined, networkCode?: string) => ({ larkCode, httpStatus, networkCode });

describe('Feishu error classification', () => {
  it.each([
    ['gateway limit 99991400 on HTTP 429', fields(99991400, 429), 'retry'],
    ['gateway limit 99991400 on HTTP 400 (old APIs)', fields(99991400, 400), 'retry'],
    ['business limit 230020', fields(230020, 400), 'retry'],
    ['HTTP 429 without a body', fields(undefined, 429), 'retry'],
    ['HTTP 500', fields(500, 500), 'retry'],
    ['HTTP 503 without a body', fields(undefined, 503), 'retry'],
    ['connection reset', fields(undefined, undefined, 'ECONNRESET'), 'retry'],
    ['timeout', fields(undefined, undefined, 'ECONNABORTED'), 'retry'],
    ['message being sent (230049)', fields(230049, 400), 'retry'],
    ['invalid token 99991663', fields(99991663, 400), 'refresh_token'],
    ['missing token 99991661 on HTTP 200', fields(99991661, 200), 'refresh_token'],
    ['bot not in chat 230002', fields(230002, 400), 'permanent'],
    ['invalid parameter 230001', fields(230001, 400), 'permanent'],
    ['message too large 230025', fields(230025, 400), 'permanent'],
    ['card content error 230099', fields(230099, 400), 'permanent'],
    ['card older than 14 days 230031', fields(230031, 400), 'permanent'],
    ['bot not in chat (members) 232011', fields(232011, 400), 'permanent'],
    ['user outside scope 41050', fields(41050, 400), 'permanent'],
    ['code != 0 on HTTP 200', fields(230002, 200), 'permanent'],
  ] as const)('%s → %s', (_name, input, expected) => {
    expect(classify(input)).toBe(expected);
  });

  it('keeps code, status and log id, and names no payload in its message', () => {
    const error = new LarkApiError({ method: 'sendCard', larkCode: 230002, larkMsg: 'Bot is not in the chat', httpStatus: 400, logId: '2024abc', retryAfterMs: undefined, networkCode: undefined });
    expect(error.code).toBe('lark_api');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Feishu sendCard failed (code 230002, HTTP 400, log id 2024abc): Bot is not in the chat');
  });
});

describe('retry delay', () => {
  it('grows exponentially with ±25 % jitter up to the cap', () => {
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const expected = Math.min(8000, 100 * 2 ** (attempt - 1));
      const delay = backoffDelay(attempt, new Error('x'), 100, 8000);
      expect(delay).toBeGreaterThanOrEqual(expected * 0.75 - 1);
      expect(delay).toBeLessThanOrEqual(expected * 1.25 + 1);
    }
  });

  it('never retries sooner than x-ogw-ratelimit-reset asks', () => {
    const limited = new LarkApiError({ method: 'sendCard', larkCode: 99991400, larkMsg: undefined, httpStatus: 429, logId: undefined, retryAfterMs: 3000, networkCode: undefined });
    for (let i = 0; i < 50; i += 1) expect(backoffDelay(1, limited, 100, 8000)).toBeGreaterThanOrEqual(3000);
  });
});
