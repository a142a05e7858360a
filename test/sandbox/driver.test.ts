import { afterEach, describe, expect, it } from 'vitest';
import { signatureOf } from '../../sandbox/open-api/crypto.js';
import { startStandIn } from '../../sandbox/open-api/index.js';
import type { StandIn, StandInOptions } from '../../sandbox/open-api/index.js';
import { rawBot, sdkBot, sdkDispatcher } from './bot-double.js';
import type { Answer, BotDouble } from './bot-double.js';
import { app } from './helpers.js';

let standIn: StandIn | undefined;
let bot: BotDouble | undefined;

afterEach(async () => {
  await standIn?.close();
  await bot?.close();
  standIn = undefined;
  bot = undefined;
});

async function withBot<B extends BotDouble>(b: B, extra: Partial<StandInOptions> = {}): Promise<{ s: StandIn; b: B }> {
  bot = b;
  standIn = await startStandIn({ ...app, botUrl: b.url, ...extra });
  standIn.addChat('oc_1', ['ou_a', 'ou_b']);
  return { s: standIn, b };
}

const header = (p: { plain: Record<string, unknown> }) => p.plain.header as { event_id: string; token: string; event_type: string };

describe('driver: pushes that node-sdk accepts', () => {
  it('delivers an encrypted, signed text message that the SDK decrypts, verifies and flattens', async () => {
    const seen: Array<{ text: string; sender: string; eventId: string }> = [];
    const dispatcher = sdkDispatcher({
      'im.message.receive_v1': (data) => {
        const d = data as { event_id: string; message: { content: string }; sender: { sender_id: { open_id: string } } };
        seen.push({ text: (JSON.parse(d.message.content) as { text: string }).text, sender: d.sender.sender_id.open_id, eventId: d.event_id });
        return {};
      },
    });
    const { s } = await withBot(await sdkBot(dispatcher));
    const d = s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: '请假 明天下午' });
    await d.settled;
    expect(d.outcome).toBe('delivered');
    expect(d.attempts.map((a) => a.status)).toEqual([200]);
    expect(seen).toEqual([{ text: '请假 明天下午', sender: 'ou_a', eventId: d.eventId }]);
    expect(s.message(d.messageId)).toMatchObject({ chatId: 'oc_1', sender: 'user' });
  });

  it('a forged signature is refused by the SDK: the handler never runs', async () => {
    let calls = 0;
    const { s } = await withBot(await sdkBot(sdkDispatcher({ 'im.message.receive_v1': () => ((calls += 1), {}) })));
    await s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' }, { forge: { badSignature: true }, retry: false }).settled;
    expect(calls).toBe(0);
  });

  it('answers url_verification through the SDK auto-challenge', async () => {
    const { s } = await withBot(await sdkBot(sdkDispatcher({})));
    const v = await s.push.urlVerification();
    expect(v).toMatchObject({ ok: true, status: 200 });
    expect(v.latencyMs).toBeLessThan(1000);
  });
});

describe('driver: forgeries for the receiver tests', () => {
  it('signs correctly by default and forges stale timestamps, wrong tokens, oversized and unencrypted bodies on request', async () => {
    const { s, b } = await withBot(await rawBot(() => ({ status: 200, body: {} })));
    await s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'ok' }).settled;
    await s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' }, { forge: { staleBySec: 600 } }).settled;
    await s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' }, { forge: { wrongToken: true } }).settled;
    await s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' }, { forge: { oversizeBytes: 2_000_000 } }).settled;
    await s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' }, { forge: { unencrypted: true } }).settled;
    const [good, stale, wrong, big, plain] = b.pushes;
    const h = (p: typeof good, k: string) => String(p!.headers[k]);
    expect(h(good, 'x-lark-signature')).toBe(signatureOf(h(good, 'x-lark-request-timestamp'), h(good, 'x-lark-request-nonce'), app.encryptKey, good!.raw));
    expect(header(good!).token).toBe(app.verificationToken);
    expect(Date.now() / 1000 - Number(h(stale, 'x-lark-request-timestamp'))).toBeGreaterThanOrEqual(600);
    expect(header(wrong!).token).not.toBe(app.verificationToken);
    expect(big!.raw.length).toBeGreaterThan(2_000_000);
    expect(JSON.parse(plain!.raw)).toHaveProperty('schema', '2.0');
  });
});

describe("driver: Feishu's re-delivery schedule (compressed)", () => {
  it('re-delivers the identical event 4 times at +15 s, +5 min, +1 h, +6 h ÷ timeScale, then gives up', async () => {
    const { s, b } = await withBot(await rawBot(() => ({ status: 500 })), { timeScale: 10_000 });
    const d = s.push.event('im.chat.member.user.added_v1', { chat_id: 'oc_1', users: [] });
    await d.settled;
    expect(d.outcome).toBe('failed');
    expect(b.pushes).toHaveLength(5);
    expect(new Set(b.pushes.map((p) => header(p).event_id))).toEqual(new Set([d.eventId]));
    const gaps = b.pushes.slice(1).map((p, i) => p.at - b.pushes[i]!.at);
    const expected = [1.5, 30, 360, 2160];
    gaps.forEach((g, i) => {
      expect(g).toBeGreaterThanOrEqual(expected[i]! - 1);
      expect(g).toBeLessThan(expected[i]! + 150);
    });
  });

  it('stops at the first HTTP 200; a 204 or a slow answer counts as a failure', async () => {
    const answers: Answer[] = [{ status: 204 }, { status: 200, delayMs: 300 }, { status: 200, body: {} }];
    const { s, b } = await withBot(await rawBot((n) => answers[n] ?? { status: 200 }), { timeScale: 1000, responseTimeoutMs: 100 });
    const d = s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' });
    await d.settled;
    expect(d.outcome).toBe('delivered');
    expect(d.attempts.map((a) => a.status)).toEqual([204, 'timeout', 200]);
    expect(b.pushes).toHaveLength(3);
  });

  it('sends spontaneous duplicates of a delivered event when asked (three deliveries in all)', async () => {
    const { s, b } = await withBot(await rawBot(() => ({ status: 200, body: {} })));
    const d = s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' }, { duplicateAfterMs: 20, duplicates: 2 });
    await d.settled;
    expect(d.attempts.map((a) => a.duplicate)).toEqual([false, true, true]);
    expect(b.pushes.map((p) => header(p).event_id)).toEqual([d.eventId, d.eventId, d.eventId]);
    expect(new Set(b.pushes.map((p) => (p.plain.event as { message: { message_id: string } }).message.message_id))).toEqual(new Set([d.messageId]));
    expect(new Set(b.pushes.map((p) => p.raw)).size).toBe(3); // fresh IV each time, same plaintext
  });

  it('re-sends the first attempt\'s exact bytes, timestamp and signature with resign: false', async () => {
    const answers: Answer[] = [{ status: 500 }, { status: 200, body: {} }];
    const { s, b } = await withBot(await rawBot((n) => answers[n] ?? { status: 200, body: {} }), { timeScale: 10_000 });
    const d = s.push.message({ chatId: 'oc_1', senderOpenId: 'ou_a', text: 'x' }, { resign: false, duplicateAfterMs: 1_100 });
    await d.settled;
    expect(d.attempts.map((a) => a.status)).toEqual([500, 200, 200]);
    const signedPart = (p: (typeof b.pushes)[number]) => [p.raw, ...['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature'].map((k) => p.headers[k])];
    expect(b.pushes.map(signedPart)).toEqual([signedPart(b.pushes[0]!), signedPart(b.pushes[0]!), signedPart(b.pushes[0]!)]);
    // The duplicate came a second later than the first try, still stamped with the first try's second.
    expect(b.pushes[2]!.at - b.pushes[0]!.at).toBeGreaterThanOrEqual(1_000);
  });

  it('records a failed delivery instead of throwing when no bot URL is set', async () => {
    standIn = await startStandIn({ ...app });
    const d = standIn.push.event('im.chat.member.bot.added_v1', { chat_id: 'oc_1' }, { retry: false });
    await d.settled;
    expect(d.outcome).toBe('failed');
    expect(d.attempts.map((a) => a.status)).toEqual(['error']);
  });
});
