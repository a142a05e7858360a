import { describe, expect, it } from 'vitest';
import { encryptBody, signatureOf } from '../../sandbox/open-api/crypto.js';
import { safeEqual } from '../../src/crypto-util.js';
import { decryptField, parseTimestamp, verifySignature, verifyToken } from '../../src/server/verify.js';

const KEY = 'encrypt-key-1';
const NOW = 1_800_000_000;

function signed(body: string, at = NOW, nonce = '12345') {
  const timestamp = String(at);
  return { raw: Buffer.from(body), headers: { timestamp, nonce, signature: signatureOf(timestamp, nonce, KEY, body) } };
}

describe('verifySignature', () => {
  it('accepts Feishu\'s signature over the raw bytes', () => {
    const { raw, headers } = signed('{"encrypt":"abc"}');
    expect(verifySignature(raw, headers, KEY, NOW, 300)).toEqual({ ok: true });
  });

  it('refuses a body changed by one byte, or re-serialised with other whitespace', () => {
    const { headers } = signed('{"encrypt":"abc"}');
    expect(verifySignature(Buffer.from('{"encrypt":"abd"}'), headers, KEY, NOW, 300)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifySignature(Buffer.from('{ "encrypt": "abc" }'), headers, KEY, NOW, 300)).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses a signature made with another key', () => {
    const body = '{"encrypt":"abc"}';
    const headers = { timestamp: String(NOW), nonce: '1', signature: signatureOf(String(NOW), '1', 'other-key', body) };
    expect(verifySignature(Buffer.from(body), headers, KEY, NOW, 300)).toEqual({ ok: false, reason: 'signature_mismatch' });
  });

  it('refuses timestamps outside the window in both directions, and accepts its edges', () => {
    for (const skew of [-301, 301, -86_400, 86_400]) {
      const { raw, headers } = signed('{}', NOW + skew);
      expect(verifySignature(raw, headers, KEY, NOW, 300)).toEqual({ ok: false, reason: 'stale' });
    }
    for (const skew of [-300, 300]) {
      const { raw, headers } = signed('{}', NOW + skew);
      expect(verifySignature(raw, headers, KEY, NOW, 300)).toEqual({ ok: true });
    }
  });

  it('refuses missing headers and unreadable timestamps', () => {
    const { raw, headers } = signed('{}');
    expect(verifySignature(raw, { ...headers, nonce: undefined }, KEY, NOW, 300)).toEqual({ ok: false, reason: 'missing_header' });
    expect(verifySignature(raw, { ...headers, signature: undefined }, KEY, NOW, 300)).toEqual({ ok: false, reason: 'missing_header' });
    const timestamp = 'yesterday';
    expect(verifySignature(raw, { ...headers, timestamp, signature: signatureOf(timestamp, '12345', KEY, '{}') }, KEY, NOW, 300))
      .toEqual({ ok: false, reason: 'bad_timestamp' });
  });
});

describe('parseTimestamp', () => {
  it('reads unix seconds and Go\'s time.String() form seen on card callbacks', () => {
    expect(parseTimestamp('1752346850')).toBe(1_752_346_850);
    expect(parseTimestamp('2026-10-04 18:23:46.05 +0800 CST m=+3612.1')).toBe(Date.UTC(2026, 9, 4, 10, 23, 46) / 1000);
    expect(parseTimestamp('1752346850000')).toBeNull();
    expect(parseTimestamp('')).toBeNull();
  });
});

describe('decryptField', () => {
  it('decrypts the documented test vector and what the stand-in encrypts', () => {
    expect(decryptField('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
    const { encrypt } = JSON.parse(encryptBody(KEY, '{"a":"议事"}')) as { encrypt: string };
    expect(decryptField(KEY, encrypt)).toBe('{"a":"议事"}');
  });

  it('returns null for a wrong key or garbage, never throws', () => {
    const { encrypt } = JSON.parse(encryptBody(KEY, 'x'.repeat(40))) as { encrypt: string };
    const wrong = decryptField('other', encrypt);
    expect(wrong === null || wrong !== 'x'.repeat(40)).toBe(true);
    expect(decryptField(KEY, 'not base64 at all!')).toBeNull();
    expect(decryptField(KEY, '')).toBeNull();
  });
});

describe('tokens', () => {
  it('compares in constant time, any lengths', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(verifyToken('t1', 't1')).toEqual({ ok: true });
    expect(verifyToken('t2', 't1')).toEqual({ ok: false, reason: 'token_mismatch' });
  });
});
