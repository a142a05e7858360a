/**
 * A failed Open Platform call as one typed error: the Feishu `code`, the HTTP
 * status, the log id and whether trying again can help (rate limits and 5xx: yes). The
 * message names the method and the codes only: never the request body, which may hold a card.
 */
import { BotError } from '../errors.js';

/** What the outbox should do with a failure. */
export type RetryClass =
  /** Rate limited or the platform failed: wait (honouring `retryAfterMs`) and try again. */
  | 'retry'
  /** The cached tenant token was refused: drop it and try once more at once. */
  | 'refresh_token'
  /** Trying again cannot help (bad parameter, bot not in chat, card too large, …). */
  | 'permanent';

/** Gateway and business rate limits: 99991400 (HTTP 429 or 400), 230020 (per chat/user/message). */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([99991400, 230020, 1000004, 1000005, 11233]);
/** Token refused: missing, invalid/expired, malformed. */
export const TOKEN_CODES: ReadonlySet<number> = new Set([99991661, 99991663, 99991671]);
/** "The message is being sent" (another request with the same uuid is in flight): ask again later. */
const IN_FLIGHT_CODES: ReadonlySet<number> = new Set([230049]);

export interface LarkApiErrorFields {
  /** The interface method, e.g. `sendCard`. */
  readonly method: string;
  /** Feishu's `code`; undefined when no answer was read (network error, timeout). */
  readonly larkCode: number | undefined;
  /** Feishu's `msg` (an English sentence; it never echoes our payload). */
  readonly larkMsg: string | undefined;
  readonly httpStatus: number | undefined;
  /** `x-tt-logid`, for Feishu support. */
  readonly logId: string | undefined;
  /** From `x-ogw-ratelimit-reset` (seconds) when the gateway sent it. */
  readonly retryAfterMs: number | undefined;
  /** A network-level failure code (ECONNRESET, ETIMEDOUT, ECONNABORTED, …). */
  readonly networkCode: string | undefined;
}

/** Decides what a failure means for a retry; pure, so it is tested by table. */
export function classify(fields: Pick<LarkApiErrorFields, 'larkCode' | 'httpStatus' | 'networkCode'>): RetryClass {
  const { larkCode, httpStatus, networkCode } = fields;
  if (larkCode !== undefined && TOKEN_CODES.has(larkCode)) return 'refresh_token';
  if (larkCode !== undefined && (RATE_LIMIT_CODES.has(larkCode) || IN_FLIGHT_CODES.has(larkCode))) return 'retry';
  if (httpStatus === 429) return 'retry';
  if (httpStatus !== undefined && httpStatus >= 500) return 'retry';
  // No HTTP answer at all: the request may or may not have arrived; the uuid makes a resend safe.
  if (httpStatus === undefined && larkCode === undefined) return networkCode === undefined ? 'permanent' : 'retry';
  return 'permanent';
}

export class LarkApiError extends BotError {
  readonly method: string;
  readonly larkCode: number | undefined;
  readonly larkMsg: string | undefined;
  readonly httpStatus: number | undefined;
  readonly logId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly networkCode: string | undefined;

  constructor(fields: LarkApiErrorFields, options?: { cause?: unknown }) {
    const parts = [
      fields.larkCode === undefined ? undefined : `code ${fields.larkCode}`,
      fields.httpStatus === undefined ? undefined : `HTTP ${fields.httpStatus}`,
      fields.networkCode,
      fields.logId === undefined ? undefined : `log id ${fields.logId}`,
    ].filter((part) => part !== undefined);
    super('lark_api', `Feishu ${fields.method} failed (${parts.join(', ')})${fields.larkMsg === undefined ? '' : `: ${fields.larkMsg}`}`, options);
    this.method = fields.method;
    this.larkCode = fields.larkCode;
    this.larkMsg = fields.larkMsg;
    this.httpStatus = fields.httpStatus;
    this.logId = fields.logId;
    this.retryAfterMs = fields.retryAfterMs;
    this.networkCode = fields.networkCode;
  }

  get retryClass(): RetryClass {
    return classify(this);
  }

  /** True when waiting and trying again can succeed (token refreshes count: the next try refetches). */
  get retryable(): boolean {
    return this.retryClass !== 'permanent';
  }
}
