/**
 * The unsigned path is no decryption oracle: only url_verification comes unsigned, and every other
 * unsigned request gets one answer, byte for byte, whatever is wrong with it. Sent the way an
 * attacker holding a captured `{"encrypt": …}` body would send it: over HTTP, byte by byte.
 */
import { describe, expect, it } from 'vitest';
import { encryptBody } from '../../sandbox/open-api/crypto.js';
import { systemClock } from '../../src/clock.js';
import { usePrivateRedis } from '../support/store.js';
import { KEYS, envelope, harness, sealed, serve } from './receiver-harness.js';

// Its own server: the whole keyspace is compared, and other files write to the shared one meanwhile.
const ctx = usePrivateRedis();

interface Reply { status: number; body: string; headers: Record<string, string> }

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json;charset=utf-8', ...headers } });
  const text = await res.text();
  // The date ticks; every other header is compared.
  const kept = Object.fromEntries([...res.headers].filter(([name]) => name !== 'date'));
  return { status: res.status, body: text, headers: kept };
}

const sealedOf = (encrypt: Buffer | string): string => JSON.stringify({ encrypt: typeof encrypt === 'string' ? encrypt : encrypt.toString('base64') });

describe('unsigned requests', () => {
  it('get one identical answer for every tampered, truncated, malformed or unsigned body', async () => {
    const h = harness(ctx.redis, systemClock);
    const server = await serve(h);
    try {
      const message = envelope('im.message.receive_v1', 'ev_oracle', {
        sender: { sender_id: { open_id: 'ou_a' }, sender_type: 'user' },
        message: { message_id: 'om_oracle', chat_id: 'oc_1', chat_type: 'group', message_type: 'text', content: '{"text":"/帮助"}' },
      });
      const captured = sealed(message, new Date());
      const ciphertext = Buffer.from((JSON.parse(captured.raw.toString()) as { encrypt: string }).encrypt, 'base64');
      const variants: { what: string; body: string }[] = [];
      // Each byte flipped: IV bytes change the first block, the last blocks change the padding.
      for (let i = 0; i < ciphertext.length; i += 1) {
        const flipped = Buffer.from(ciphertext);
        flipped[i] = (flipped[i] ?? 0) ^ 0x01;
        variants.push({ what: `flip byte ${i}`, body: sealedOf(flipped) });
      }
      // The padding-oracle probe: every value of the last byte of the block before the last.
      for (let guess = 0; guess < 256; guess += 1) {
        const probed = Buffer.from(ciphertext);
        probed[probed.length - 17] = guess;
        variants.push({ what: `probe ${guess}`, body: sealedOf(probed) });
      }
      for (const cut of [1, 15, 16, 17, ciphertext.length - 16, ciphertext.length - 1]) {
        variants.push({ what: `truncated by ${cut}`, body: sealedOf(ciphertext.subarray(0, ciphertext.length - cut)) });
      }
      const plain = (text: string) => (JSON.parse(encryptBody(KEYS.encryptKey, text)) as { encrypt: string }).encrypt;
      variants.push(
        { what: 'bad base64', body: sealedOf('!!!not*base64***') },
        { what: 'empty encrypt', body: sealedOf('') },
        { what: 'valid padding, not JSON', body: sealedOf(plain('not json at all')) },
        { what: 'JSON, not url_verification', body: sealedOf(plain('{"type":"event_callback","token":"harness-token"}')) },
        { what: 'url_verification, wrong token', body: sealedOf(plain(JSON.stringify({ type: 'url_verification', challenge: 'c1', token: 'wrong' }))) },
        { what: 'url_verification, no challenge', body: sealedOf(plain(JSON.stringify({ type: 'url_verification', token: KEYS.verificationToken }))) },
        { what: 'real event, no signature headers', body: captured.raw.toString() },
        { what: 'plaintext url_verification with the right token', body: JSON.stringify({ type: 'url_verification', challenge: 'c1', token: KEYS.verificationToken }) },
        { what: 'not JSON', body: 'not json' },
        { what: 'empty body', body: '' },
        { what: 'JSON without encrypt', body: '{"schema":"2.0"}' },
      );
      const keysBefore = await ctx.redis.keys('yishi:*');
      const first = await post(server.url, variants[0]?.body ?? '');
      expect(first.status).toBe(401);
      for (const variant of variants) expect(await post(server.url, variant.body), variant.what).toEqual(first);
      expect(await ctx.redis.keys('yishi:*')).toEqual(keysBefore);
      expect(h.queued).toEqual([]);
      // /metrics is public: it must not tell the variants apart either.
      expect(h.metrics.value('yishi_receiver_requests_total', { outcome: 'unauthorized' })).toBe(variants.length + 1);

      const challenge = await post(server.url, sealedOf(plain(JSON.stringify({ type: 'url_verification', challenge: 'c-42', token: KEYS.verificationToken }))));
      expect(challenge.status).toBe(200);
      expect(JSON.parse(challenge.body)).toEqual({ challenge: 'c-42' });
    } finally {
      await server.close();
    }
  });

  it('answers a forged signature with the same bytes, without reading the body', async () => {
    const h = harness(ctx.redis, systemClock);
    const server = await serve(h);
    try {
      const unsigned = await post(server.url, 'not json');
      const captured = sealed({ type: 'url_verification', challenge: 'c', token: KEYS.verificationToken }, new Date());
      const forged = { ...captured.http, 'x-lark-signature': '0'.repeat(64) };
      expect(await post(server.url, 'not json', forged)).toEqual(unsigned);
      expect(await post(server.url, captured.raw, forged)).toEqual(unsigned);
      // One signature header alone is not "unsigned": it is checked, and refused the same way.
      expect(await post(server.url, captured.raw, { 'x-lark-request-nonce': '1' })).toEqual(unsigned);
    } finally {
      await server.close();
    }
  });
});
