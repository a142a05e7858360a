/**
 * How Feishu encrypts and signs what it pushes to a bot, written from the
 * platform's description and checked against its published test vector. The stand-in uses it to
 * drive the bot exactly as Feishu does; the bot's receiver has its own implementation.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const aesKey = (encryptKey: string): Buffer => createHash('sha256').update(encryptKey, 'utf8').digest();

/** `{"encrypt": base64(iv ‖ AES-256-CBC-PKCS7(plaintext, sha256(encryptKey)))}` with a random IV. */
export function encryptBody(encryptKey: string, plaintext: string, iv: Buffer = randomBytes(16)): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  const sealed = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]);
  return JSON.stringify({ encrypt: sealed.toString('base64') });
}

/** The plaintext inside an `encrypt` field. */
export function decryptField(encryptKey: string, encrypted: string): string {
  const sealed = Buffer.from(encrypted, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), sealed.subarray(0, 16));
  return Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]).toString('utf8');
}

/** `X-Lark-Signature`: hex(sha256(timestamp + nonce + encryptKey ‖ raw body bytes)). */
export function signatureOf(timestamp: string, nonce: string, encryptKey: string, rawBody: string | Buffer): string {
  return createHash('sha256').update(`${timestamp}${nonce}${encryptKey}`, 'utf8').update(rawBody).digest('hex');
}

/** The headers Feishu sends with a signed push, for a body and the moment it is sent. */
export function signedHeaders(encryptKey: string, rawBody: string, at: Date, nonce: string = randomBytes(8).readUInt32BE(0).toString()): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000).toString();
  return {
    'content-type': 'application/json;charset=utf-8',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signatureOf(timestamp, nonce, encryptKey, rawBody),
  };
}
