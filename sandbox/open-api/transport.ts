/** How the driver hands a push to the bot: signed + encrypted HTTP POST, or a WS data frame. */
import { encryptBody, signedHeaders } from './crypto.js';

export type AttemptStatus = number | 'timeout' | 'error';

export interface TransportResult {
  status: AttemptStatus;
  /** Parsed response body (HTTP) or the ACK's decoded `data` (WS); undefined if none / not JSON. */
  body?: unknown;
  latencyMs: number;
}

/** Ways to forge a push, for the receiver's negative tests. */
export interface Forgery {
  badSignature?: boolean;
  /** Sign with a timestamp this many seconds in the past. */
  staleBySec?: number;
  /** Put a wrong verification token into `header.token`. */
  wrongToken?: boolean;
  /** Pad the envelope so the body is at least this many bytes. */
  oversizeBytes?: number;
  /** Send the plaintext envelope even though an encrypt key is set. */
  unencrypted?: boolean;
}

/**
 * Holds the first HTTP request of a push, so that later attempts send the very same bytes and
 * headers (original timestamp and signature), as Feishu may do for a retry. WS ignores it.
 */
export interface PinnedRequest {
  request?: { body: string; headers: Record<string, string> };
}

export type Transport = (plaintext: string, forge: Forgery | undefined, frameType: 'event' | 'card', pin?: PinnedRequest) => Promise<TransportResult>;

export interface HttpTarget {
  url: string;
  encryptKey?: string;
  timeoutMs: number;
}

function parse(text: string): unknown {
  try {
    return text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

/** Builds the raw body and headers exactly as Feishu does, then forges. */
export function httpRequestOf(plaintext: string, encryptKey: string | undefined, forge: Forgery = {}): { body: string; headers: Record<string, string> } {
  const body = encryptKey !== undefined && !forge.unencrypted ? encryptBody(encryptKey, plaintext) : plaintext;
  if (encryptKey === undefined) return { body, headers: { 'content-type': 'application/json;charset=utf-8' } };
  const at = new Date(Date.now() - (forge.staleBySec ?? 0) * 1000);
  const headers = signedHeaders(encryptKey, body, at);
  if (forge.badSignature) headers['x-lark-signature'] = (headers['x-lark-signature'] ?? '').replace(/^./, (c) => (c === '0' ? '1' : '0'));
  return { body, headers };
}

export function httpTransport(target: () => HttpTarget): Transport {
  return async (plaintext, forge, _frameType, pin) => {
    const started = performance.now();
    try {
      const { url, encryptKey, timeoutMs } = target();
      const { body, headers } = pin?.request ?? httpRequestOf(plaintext, encryptKey, forge);
      if (pin !== undefined) pin.request = { body, headers };
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
      const text = await res.text();
      return { status: res.status, body: parse(text), latencyMs: performance.now() - started };
    } catch (e) {
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      return { status: timedOut ? 'timeout' : 'error', latencyMs: performance.now() - started };
    }
  };
}
