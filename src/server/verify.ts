/**
 * Pure checks of an inbound Feishu request, including those node-sdk skips: the
 * signature over the raw bytes, the replay window, decryption and constant-time token compares.
 * No I/O and no clock: `nowSec` comes in as an argument.
 */
import { createDecipheriv, createHash } from 'node:crypto';
import { safeEqual } from '../crypto-util.js';

/** Why a request was refused as unauthentic; logged and counted, never shown to anyone. */
export type AuthFailure = 'missing_header' | 'bad_timestamp' | 'stale' | 'signature_mismatch' | 'token_mismatch' | 'app_mismatch';

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: AuthFailure };

export interface SignedHeaders {
  readonly timestamp: string | undefined;
  readonly nonce: string | undefined;
  readonly signature: string | undefined;
}

/**
 * Seconds since the epoch of `X-Lark-Request-Timestamp`. Feishu sends unix seconds; a card callback
 * has been seen with Go's `time.String()` form ("2026-10-04 18:23:46.05 +0800 CST m=+3612.1"), so
 * that form is parsed too. Anything else is null.
 */
export function parseTimestamp(raw: string): number | null {
  if (/^\d{9,11}$/.test(raw)) return Number(raw);
  const go = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.\d+)? ([+-]\d{2})(\d{2})\b/.exec(raw);
  if (go === null) return null;
  const ms = Date.parse(`${go[1]}T${go[2]}${go[3]}:${go[4]}`);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

/** hex(sha256(timestamp + nonce + encryptKey ‖ raw body)), as Feishu computes it. */
export function expectedSignature(timestamp: string, nonce: string, encryptKey: string, raw: Buffer): string {
  return createHash('sha256').update(`${timestamp}${nonce}${encryptKey}`, 'utf8').update(raw).digest('hex');
}

/**
 * Checks the signature over the exact bytes received and the replay window, in both directions
 * (bolt only refuses old timestamps; a future one is as suspicious).
 */
export function verifySignature(raw: Buffer, headers: SignedHeaders, encryptKey: string, nowSec: number, maxSkewSec: number): Verdict {
  const { timestamp, nonce, signature } = headers;
  if (timestamp === undefined || nonce === undefined || signature === undefined) return { ok: false, reason: 'missing_header' };
  const at = parseTimestamp(timestamp);
  if (at === null) return { ok: false, reason: 'bad_timestamp' };
  if (!safeEqual(expectedSignature(timestamp, nonce, encryptKey, raw), signature.toLowerCase())) {
    return { ok: false, reason: 'signature_mismatch' };
  }
  // Checked after the signature so that a forged request cannot learn the window from the answer.
  if (Math.abs(nowSec - at) > maxSkewSec) return { ok: false, reason: 'stale' };
  return { ok: true };
}

/** The plaintext of an `encrypt` field, or null when it does not decrypt (wrong key, bad padding). */
export function decryptField(encryptKey: string, encrypted: string): string | null {
  try {
    const sealed = Buffer.from(encrypted, 'base64');
    if (sealed.length < 32 || sealed.length % 16 !== 0) return null;
    const key = createHash('sha256').update(encryptKey, 'utf8').digest();
    const decipher = createDecipheriv('aes-256-cbc', key, sealed.subarray(0, 16));
    return Buffer.concat([decipher.update(sealed.subarray(16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

/** The token inside the decrypted body must be the app's Verification Token. */
export function verifyToken(received: string, expected: string): Verdict {
  return safeEqual(received, expected) ? { ok: true } : { ok: false, reason: 'token_mismatch' };
}
