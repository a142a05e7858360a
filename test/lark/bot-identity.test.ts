/** The bot's own open_id: read once at start, '' (and startup not held up) while the reads fail, retried with backoff. */
import { describe, expect, it } from 'vitest';
import { createBotIdentity } from '../../src/lark/bot-identity.js';
import { createMemoryLarkApi, MEMORY_BOT_OPEN_ID } from '../../src/lark/memory.js';
import { memoryLogger } from '../../src/log.js';

describe('the bot identity', () => {
  it('is empty until the first read succeeds, retrying with growing delays in between', async () => {
    const api = createMemoryLarkApi();
    const asked: number[] = [];
    const counted = { botInfo: () => { asked.push(Date.now()); return api.botInfo(); } };
    for (let i = 0; i < 3; i += 1) api.failNext(500);
    const log = memoryLogger();
    const identity = createBotIdentity(counted, log, { firstDelayMs: 20, maxDelayMs: 1000 });
    expect(identity.openId()).toBe('');
    identity.start();
    identity.start();
    expect(identity.openId()).toBe('');
    expect(await identity.known()).toBe(MEMORY_BOT_OPEN_ID);
    expect(identity.openId()).toBe(MEMORY_BOT_OPEN_ID);
    expect(asked).toHaveLength(4);
    const gaps = asked.slice(1).map((t, i) => t - (asked[i] ?? 0));
    expect(gaps[0]).toBeGreaterThanOrEqual(15);
    expect(gaps[1]).toBeGreaterThanOrEqual(35);
    expect(gaps[2]).toBeGreaterThanOrEqual(75);
    expect(log.lines.filter((l) => l.includes('bot info not read'))).toHaveLength(3);
    expect(log.lines.join('\n')).toContain('"code":500');
    await identity.close();
  });

  it('stops retrying once closed', async () => {
    const api = createMemoryLarkApi();
    let asked = 0;
    api.failNext(500);
    const identity = createBotIdentity({ botInfo: () => { asked += 1; return api.botInfo(); } }, memoryLogger(), { firstDelayMs: 30 });
    identity.start();
    await new Promise((r) => setTimeout(r, 5));
    await identity.close();
    await new Promise((r) => setTimeout(r, 80));
    expect(asked).toBe(1);
    expect(identity.openId()).toBe('');
  });
});
