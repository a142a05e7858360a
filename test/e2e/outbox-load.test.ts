/**
 * Messages queued for many chats all arrive exactly once while the stand-in
 * answers 20 % of calls with 429 or 5xx, and no chat or the app ever exceeds its limit. Checked on
 * the stand-in's own record (messages by uuid and content, request log in sliding windows).
 * Feishu's real limits on both sides (50/s and 1000/min per app, 5/s per chat). The full
 * size, 2,000 messages for 40 chats (~2,500 calls), binds every limit including the per-minute one,
 * and so takes over two minutes by its nature (~135 s). OUTBOX_LOAD_MESSAGES=600 runs a quick
 * variant (~16 s) that binds only the per-second limits, for local iteration. The per-minute
 * window itself is also tested against Redis in test/lark/rate-limit.test.ts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { createLarkApi, createLarkClient } from '../../src/lark/api.js';
import { FEISHU_LIMITS } from '../../src/lark/rate-limit.js';
import { startHarness } from '../lark/outbox-harness.js';
import { maxInWindow, maxPerTargetPerSecond } from './outbox-window.js';

const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' };
const MESSAGES = Number(process.env.OUTBOX_LOAD_MESSAGES ?? 2000);
const CHATS = Number(process.env.OUTBOX_LOAD_CHATS ?? 40);
const card = (i: number) => ({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'markdown', content: `通知 #${i}` }] } });

describe(`outbox under load: ${MESSAGES} messages for ${CHATS} chats, 20 % faults`, () => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await startStandIn({ ...APP, verificationToken: 'v', limits: FEISHU_LIMITS });
    for (let c = 0; c < CHATS; c += 1) standIn.addChat(`oc_load${c}`, ['ou_a'], { botIn: true });
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('delivers every message exactly once and never exceeds a limit', async () => {
    const api = createLarkApi(createLarkClient({ ...APP, domain: standIn.url, timeoutMs: 5000 }));
    const h = await startHarness({ redisUrl: inject('redisUrl'), api, worker: { concurrency: 20, baseBackoffMs: 200, maxBackoffMs: 5000 } });
    try {
      standIn.inject({ rate: 0.2, errors: [429, 500, 503], seed: 7 });
      const started = Date.now();
      for (let i = 0; i < MESSAGES; i += 1) {
        const to = { chatId: `oc_load${i % CHATS}` };
        await (i % 2 === 0
          ? h.outbox.enqueueSend({ to, card: card(i), key: `load|${i}` })
          : h.outbox.enqueueSend({ to, text: `提醒 #${i}`, key: `load|${i}` }));
      }
      const queuedMs = Date.now() - started;
      await h.drained(300_000);
      const tookMs = Date.now() - started;
      standIn.clearInjection();

      const messages = standIn.messages().filter((m) => m.chatId?.startsWith('oc_load'));
      const perUuid = new Map<string, number>();
      const perContent = new Map<string, number>();
      for (const m of messages) {
        perUuid.set(m.uuid ?? '', (perUuid.get(m.uuid ?? '') ?? 0) + 1);
        const text = JSON.stringify(m.content);
        perContent.set(text, (perContent.get(text) ?? 0) + 1);
      }
      expect(messages).toHaveLength(MESSAGES);
      expect(perUuid.size).toBe(MESSAGES);
      expect(perContent.size).toBe(MESSAGES);

      const calls = standIn.requestLog.filter((e) => e.route !== 'auth.tenant_access_token');
      const injected = calls.filter((e) => e.injected !== undefined).length;
      const refusedForPace = calls.filter((e) => e.injected === undefined && (e.code === 99991400 || e.code === 230020)).length;
      const times = calls.map((e) => e.at);
      const stats = {
        queuedMs, tookMs, calls: calls.length, injected, refusedForPace,
        maxAppPerSecond: maxInWindow(times, 1000), maxAppPerMinute: maxInWindow(times, 60_000), maxPerChatPerSecond: maxPerTargetPerSecond(calls),
      };
      console.log(`outbox load: ${JSON.stringify(stats)}`);
      // The faults did happen, and every call (faulted ones included) kept within every window.
      expect(injected).toBeGreaterThan(MESSAGES * 0.1);
      expect(refusedForPace).toBe(0);
      expect(stats.maxAppPerSecond).toBeLessThanOrEqual(FEISHU_LIMITS.appPerSecond);
      expect(stats.maxAppPerMinute).toBeLessThanOrEqual(FEISHU_LIMITS.appPerMinute);
      expect(stats.maxPerChatPerSecond).toBeLessThanOrEqual(FEISHU_LIMITS.perChatPerSecond);
    } finally {
      await h.close();
    }
  }, 360_000);
});
