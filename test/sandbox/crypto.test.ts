import { describe, expect, it } from 'vitest';
import { decryptField, encryptBody, signatureOf } from '../../sandbox/open-api/crypto.js';

describe('Feishu push encryption and signature (stand-in side)', () => {
  it('decrypts the platform documentation test vector', () => {
    expect(decryptField('test key', 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk=')).toBe('hello world');
  });

  it('round-trips a body with a random IV, different each time', () => {
    const a = JSON.parse(encryptBody('k', '{"x":1}')) as { encrypt: string };
    const b = JSON.parse(encryptBody('k', '{"x":1}')) as { encrypt: string };
    expect(a.encrypt).not.toBe(b.encrypt);
    expect(decryptField('k', a.encrypt)).toBe('{"x":1}');
  });

  it('signs timestamp, nonce, key and the raw bytes in that order', async () => {
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update('1700000000' + '42' + 'key' + '{"a":1}').digest('hex');
    expect(signatureOf('1700000000', '42', 'key', '{"a":1}')).toBe(expected);
    expect(signatureOf('1700000000', '42', 'key', '{"a": 1}')).not.toBe(expected);
  });
});
