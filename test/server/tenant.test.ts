/** With LARK_TENANT_KEYS set, events and card callbacks of any other tenant are refused and change nothing. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signActionValue } from '../../src/bot/action-value.js';
import { systemClock } from '../../src/clock.js';
import { receive } from '../../src/server/receiver.js';
import { handleWsEvent } from '../../src/server/ws.js';
import { usePrivateRedis } from '../support/store.js';
import { ACTION_KEYS, KEYS, envelope, harness, sealed } from './receiver-harness.js';

// Its own server: the whole keyspace is compared, and other files write to the shared one meanwhile.
const ctx = usePrivateRedis();

const messageOf = (tenantKey: string | undefined) => {
  const body = envelope('im.message.receive_v1', randomBytes(16).toString('hex'), {
    sender: { sender_id: { open_id: 'ou_a' }, sender_type: 'user' },
    message: { message_id: `om_${randomBytes(8).toString('hex')}`, chat_id: 'oc_1', chat_type: 'group', message_type: 'text', content: '{"text":"/帮助"}' },
  }, tenantKey);
  if (tenantKey === undefined) delete (body.header as Record<string, unknown>).tenant_key;
  return body;
};

const tapOf = (tenantKey: string) => envelope('card.action.trigger', randomBytes(16).toString('hex'), {
  operator: { open_id: 'ou_a' }, action: { tag: 'button', value: signActionValue(ACTION_KEYS, { a: 'test.run', c: 'cm_1' }) },
}, tenantKey);

describe('tenant allow-list', () => {
  it('refuses events and card callbacks of a foreign or missing tenant, and accepts the listed ones', async () => {
    const h = harness(ctx.redis, systemClock, { tenantKeys: ['tenant_a', 'tenant_b'] });
    let runs = 0;
    h.bot.action('test.run', () => { runs += 1; return Promise.resolve({}); });
    const send = async (body: object) => {
      const { raw, headers } = sealed(body, new Date());
      return receive(raw, headers, h);
    };
    const keysBefore = await ctx.redis.keys('yishi:*');
    for (const body of [messageOf('tenant_evil'), messageOf(undefined), messageOf('tenant_a,tenant_b'), tapOf('tenant_evil'), tapOf('')]) {
      expect(await send(body)).toMatchObject({ status: 401, reason: 'tenant_mismatch' });
    }
    expect(await ctx.redis.keys('yishi:*')).toEqual(keysBefore);
    expect(h.queued).toEqual([]);
    expect(runs).toBe(0);
    expect((await send(messageOf('tenant_b'))).outcome).toBe('accepted');
    expect((await send(tapOf('tenant_a'))).outcome).toBe('card_answered');
    expect(runs).toBe(1);
  });

  it('accepts any tenant when no list is set', async () => {
    const h = harness(ctx.redis, systemClock);
    const { raw, headers } = sealed(messageOf('tenant_anyone'), new Date());
    expect((await receive(raw, headers, h)).outcome).toBe('accepted');
  });

  it('refuses a foreign tenant on the long connection too', async () => {
    const h = harness(ctx.redis, systemClock);
    const deps = { ...h, appId: KEYS.appId, appSecret: 's', baseUrl: 'http://127.0.0.1:1', tenantKeys: ['tenant_a'] };
    // The SDK hands events over flattened: header fields beside the event's.
    const flat = (tenantKey: string) => {
      const { header, event } = messageOf(tenantKey) as { header: Record<string, unknown>; event: Record<string, unknown> };
      return { schema: '2.0', ...header, ...event };
    };
    await handleWsEvent(flat('tenant_evil'), deps);
    expect(h.queued).toEqual([]);
    expect(h.log.lines.some((line) => line.includes('"reason":"tenant_mismatch"'))).toBe(true);
    await handleWsEvent(flat('tenant_a'), deps);
    expect(h.queued).toHaveLength(1);
  });
});
