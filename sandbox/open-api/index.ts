/**
 * A local stand-in of the Feishu/Lark Open Platform for tests and the sandbox: the real node-sdk
 * talks to it through `domain: standIn.url`, and it drives the bot as Feishu does. See README.md.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiContext } from './api-types.js';
import { encryptBody } from './crypto.js';
import { Driver, feishuRetryDelaysMs } from './driver.js';
import type { CardActionOptions, CardActionOutcome, Delivery, PushOptions } from './driver.js';
import type { CardAction, Json, TextMessage } from './envelopes.js';
import { historyOf, restoreHistory, type History } from './history.js';
import { HttpFront, readBody, sendJson } from './http-front.js';
import type { Injection } from './http-front.js';
import { peaksOf } from './peaks.js';
import type { Peaks } from './peaks.js';
import { RateLimiter, feishuLimits } from './rate-window.js';
import type { Limits } from './rate-window.js';
import { StandInState } from './state.js';
import type { Chat, RequestLogEntry, StandInChange, StoredMessage, UpdateRecord, UploadedFile, UrgentRecord, User } from './state.js';
import { httpTransport } from './transport.js';
import { WsHub } from './ws-hub.js';
import type { AckRecord, WsClientConfig } from './ws-hub.js';

export type { History } from './history.js';
export { HistorySchema } from './history.js';
export type { Peaks, CardActionOutcome, Delivery, PushOptions, Injection, Limits, StoredMessage, RequestLogEntry, AckRecord };
export type { StandInChange, UploadedFile, UrgentRecord };
export { checkCard } from './card-check.js';
export { memoryTokenCache } from './token-cache.js';

export interface StandInOptions {
  appId: string;
  appSecret: string;
  /** When set, pushes are encrypted and signed with it (as with an Encrypt Key in the console). */
  encryptKey?: string;
  verificationToken: string;
  /** Where pushes go (the bot's `POST /lark/event`); can be set later with `setBotUrl`. */
  botUrl?: string;
  /** Divides Feishu's re-delivery schedule (15 s, 5 min, 1 h, 6 h). Default 1. */
  timeScale?: number;
  /** How long the bot has to answer a push with HTTP 200 (Feishu: 3000 ms). */
  responseTimeoutMs?: number;
  /** The stand-in's clock for rate windows, token expiry, uuid TTL (default Date.now). */
  now?: () => number;
  limits?: Partial<Limits>;
  tenantKey?: string;
  /** HTTP status for 99991661/99991663 (default 400). */
  authErrorStatus?: number;
  /** The app's bot as `GET /open-apis/bot/v3/info` names it, and as pushed mentions of it carry it. Default `ou_bot`, 议事. */
  bot?: { openId: string; name: string };
  /** ClientConfig handed to the WS client (seconds). Default Feishu's 120 / -1 / 120 / 30. */
  wsClientConfig?: Partial<WsClientConfig>;
  port?: number;
}

export interface UrlVerificationResult {
  ok: boolean;
  status: number | 'timeout' | 'error';
  latencyMs: number;
}

export interface StandIn {
  url: string;
  port: number;
  addChat(chatId: string, memberOpenIds: string[], opts?: { botIn?: boolean; name?: string }): Chat;
  addUser(openId: string, opts?: { name?: string; inScope?: boolean }): User;
  /** Messages sent by the app, in order. */
  messages(): StoredMessage[];
  message(messageId: string): StoredMessage | undefined;
  /** Every message, the app's and the users' (pushed by the driver), in the order they were posted. */
  conversation(): StoredMessage[];
  /** Calls `watch` on every new message, card update and urgent; returns the unsubscribe. */
  subscribe(watch: (change: StandInChange) => void): () => void;
  /** A file the app uploaded (im/v1/files), with its bytes. */
  file(fileKey: string): UploadedFile | undefined;
  updates(): UpdateRecord[];
  urgents(): UrgentRecord[];
  requestLog: RequestLogEntry[];
  /** Peak rates over every call that reached the limiter (see peaks.ts). */
  peaks(): Peaks;
  inject(injection: Injection): void;
  clearInjection(): void;
  /** Invalidates every tenant_access_token issued so far (→ 99991663). */
  revokeTokens(): void;
  setBotUrl(url: string): void;
  /** Forgets every message, update, urgent, file, delivery and callback: a chat history wiped clean. */
  clearHistory(): void;
  /** The chat history as plain JSON (see history.ts), and back: for a sandbox that restarts. */
  history(): History;
  restoreHistory(history: History): void;
  push: {
    event(type: string, event: Json, opts?: PushOptions): Delivery;
    message(m: TextMessage, opts?: PushOptions): Delivery & { messageId: string };
    cardAction(a: CardAction, opts?: CardActionOptions): Promise<CardActionOutcome>;
    urlVerification(opts?: { challenge?: string; timeoutMs?: number }): Promise<UrlVerificationResult>;
  };
  deliveries(): Delivery[];
  cardActions(): CardActionOutcome[];
  ws: { connections(): number; acks(): AckRecord[]; pings(): number; dropAll(): void };
  close(): Promise<void>;
}

/** The bot the stand-in's app has unless told otherwise; tests mention it by this open_id. */
export const DEFAULT_BOT = { openId: 'ou_bot', name: '议事' } as const;

export async function startStandIn(opts: StandInOptions): Promise<StandIn> {
  const state = new StandInState();
  const now = opts.now ?? Date.now;
  const tenantKey = opts.tenantKey ?? 'tenant_stand_in';
  const ctx: ApiContext = { state, appId: opts.appId, appSecret: opts.appSecret, tenantKey, authErrorStatus: opts.authErrorStatus ?? 400, bot: opts.bot ?? DEFAULT_BOT };
  const front = new HttpFront(ctx, new RateLimiter({ ...feishuLimits, ...opts.limits }), now);
  const hub = new WsHub(opts, { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30, ...opts.wsClientConfig });
  let botUrl = opts.botUrl;
  let port = 0;
  const responseTimeoutMs = opts.responseTimeoutMs ?? 3000;

  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'POST' && req.url?.startsWith('/callback/ws/endpoint')) {
        const raw = await readBody(req);
        sendJson(res, 200, hub.endpoint(JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>, port));
        return;
      }
      if (!(await front.handle(req, res))) sendJson(res, 404, { code: 404, msg: 'not found in stand-in' });
    })().catch(() => {
      if (!res.headersSent) sendJson(res, 500, { code: 500, msg: 'stand-in internal error' });
      else res.destroy();
    });
  });
  hub.attach(server);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const target = () => {
    if (botUrl === undefined) throw new Error('stand-in: no botUrl set');
    return { url: botUrl, timeoutMs: responseTimeoutMs, ...(opts.encryptKey !== undefined ? { encryptKey: opts.encryptKey } : {}) };
  };
  const driver = new Driver({
    appId: opts.appId,
    tenantKey,
    verificationToken: opts.verificationToken,
    state,
    now,
    timeScale: opts.timeScale ?? 1,
    retryDelaysMs: feishuRetryDelaysMs,
    transports: { http: httpTransport(target), ws: hub.transport(() => responseTimeoutMs) },
  });

  async function urlVerification(o: { challenge?: string; timeoutMs?: number } = {}): Promise<UrlVerificationResult> {
    const challenge = o.challenge ?? randomBytes(12).toString('hex');
    const plain = JSON.stringify({ challenge, token: opts.verificationToken, type: 'url_verification' });
    const body = opts.encryptKey !== undefined ? encryptBody(opts.encryptKey, plain) : plain;
    const started = performance.now();
    try {
      const res = await fetch(target().url, { method: 'POST', headers: { 'content-type': 'application/json;charset=utf-8' }, body, signal: AbortSignal.timeout(o.timeoutMs ?? 1000) });
      const answer = (await res.json().catch(() => undefined)) as { challenge?: unknown } | undefined;
      return { ok: res.status === 200 && answer?.challenge === challenge, status: res.status, latencyMs: performance.now() - started };
    } catch (e) {
      const status = e instanceof Error && e.name === 'TimeoutError' ? 'timeout' : 'error';
      return { ok: false, status, latencyMs: performance.now() - started };
    }
  }

  return {
    url,
    port,
    addChat: (chatId, members, o) => state.addChat(chatId, members, o),
    addUser: (openId, o) => state.addUser(openId, o),
    messages: () => [...state.messageOrder],
    file: (fileKey) => state.files.get(fileKey),
    message: (id) => state.messages.get(id),
    conversation: () => [...state.messages.values()],
    subscribe: (watch) => {
      state.watchers.add(watch);
      return () => state.watchers.delete(watch);
    },
    updates: () => [...state.updates],
    urgents: () => [...state.urgents],
    requestLog: state.requestLog,
    peaks: () => peaksOf(state.requestLog),
    inject: (i) => front.inject(i),
    clearInjection: () => front.clearInjection(),
    revokeTokens: () => state.tokens.clear(),
    setBotUrl: (u) => {
      botUrl = u;
    },
    clearHistory: () => {
      state.clearHistory();
      driver.clearHistory();
    },
    history: () => historyOf(state),
    restoreHistory: (h) => restoreHistory(state, h),
    push: {
      event: (type, event, o) => driver.event(type, event, o),
      message: (m, o) => driver.message(m, o),
      cardAction: (a, o) => driver.cardAction(a, o),
      urlVerification,
    },
    deliveries: () => [...driver.deliveries],
    cardActions: () => [...driver.cardActions],
    ws: { connections: () => hub.connections, acks: () => [...hub.acks], pings: () => hub.pings, dropAll: () => hub.dropAll() },
    close: async () => {
      driver.stop();
      hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
