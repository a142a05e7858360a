/**
 * The store boundary's one rule for "outcome unknown": a command that timed out, or that could not
 * be sent or answered because the connection is gone or the server cannot serve now, may or may
 * not have run. Such failures become StoreUnavailableError ("pending" to the member); every write
 * is an idempotent script, so the retry with the same operation id returns the real outcome.
 * Script and logic errors (ERR, WRONGTYPE, NOSCRIPT, …) are bugs, never "pending": they pass as is.
 */
import { StoreUnavailableError } from '../errors.js';

/** ioredis client-side failures, by message. */
const CLIENT_MESSAGES = [
  'Command timed out',
  'Connection is closed',
  "Stream isn't writeable",
  'Reached the max retries per request limit',
];

/** Socket errors, by `code`. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH', 'ENOENT', 'ECONNABORTED']);

/** Server replies that mean "not now" (the command did not run): loading, busy script, failover. */
const SERVER_PREFIXES = ['LOADING ', 'BUSY ', 'MASTERDOWN ', 'CLUSTERDOWN ', 'TRYAGAIN ', 'READONLY '];

export function isStoreUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && SOCKET_CODES.has(code)) return true;
  return CLIENT_MESSAGES.some((m) => error.message.includes(m)) || SERVER_PREFIXES.some((p) => error.message.startsWith(p));
}

/** Runs one store call, turning "outcome unknown" failures into StoreUnavailableError. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isStoreUnavailable(error) ? new StoreUnavailableError(error) : error;
  }
}
