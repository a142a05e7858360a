/** Plumbing shared by the stand-in's HTTP routes. */
import type { RateTarget } from './rate-window.js';
import type { StandInState } from './state.js';

export type Json = Record<string, unknown>;

/** A Feishu error answer: HTTP status + `{code, msg}` (+ headers for gateway limits). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(msg);
  }
}

export const bad = (code: number, msg: string): ApiError => new ApiError(400, code, msg);

export interface ApiRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  params: Record<string, string>;
  body: Json;
  now: number;
}

export interface ApiContext {
  state: StandInState;
  appId: string;
  appSecret: string;
  tenantKey: string;
  /** HTTP status used for token errors (Feishu reports vary between 400 and 200). */
  authErrorStatus: number;
  /** The app's bot: what `bot.info` answers. */
  bot: { readonly openId: string; readonly name: string };
}

export interface Route {
  name: string;
  method: string;
  pattern: RegExp;
  /** false only for the token and WS endpoint calls. */
  auth: boolean;
  /** Counted against the gateway limit; false for token and WS endpoint calls. */
  limited: boolean;
  target?: (req: ApiRequest, ctx: ApiContext) => RateTarget | undefined;
  handle: (req: ApiRequest, ctx: ApiContext) => Json;
}

export const ok = (data: unknown): Json => ({ code: 0, msg: 'success', data });

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
