/**
 * The stand-in's HTTP front: routing, bearer auth, fault injection, the rate limits, the request
 * log. Order matters and mirrors Feishu: gateway (auth, injected faults, app limit) before the IM
 * service (per-target limit, validation).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-types.js';
import type { ApiContext, ApiRequest, Json, Route } from './api-types.js';
import { messageRoutes } from './api-messages.js';
import { authenticate, otherRoutes } from './api-other.js';
import type { RateLimiter } from './rate-window.js';
import type { RequestLogEntry } from './state.js';

export type InjectedError = 429 | 500 | 502 | 503 | 'timeout';

export interface Injection {
  /** Share of limited calls answered with an injected fault, 0…1. */
  rate: number;
  /** Faults used in turn (round robin); default [429, 500]. */
  errors?: InjectedError[];
  /** Added to every answer (also to non-faulty ones). */
  latencyMs?: number;
  /** For 'timeout': the call IS processed, the answer is withheld and the socket destroyed after this. Default 2000. */
  hangMs?: number;
  /** Restrict to these route names (see README); default all limited routes. */
  routes?: string[];
  /** PRNG seed, for repeatable runs. Default 1. */
  seed?: number;
}

const routes: Route[] = [...otherRoutes, ...messageRoutes];
const maxBodyBytes = 1024 * 1024;

/** mulberry32: small, seedable, good enough to pick which calls fail. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new ApiError(413, 400, 'request body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-tt-logid': `stand-in-${Date.now()}`, ...headers });
  res.end(JSON.stringify(body));
}

export class HttpFront {
  private injection: Injection | undefined;
  private random: () => number = prng(1);
  private turn = 0;

  constructor(
    private readonly ctx: ApiContext,
    private readonly limiter: RateLimiter,
    private readonly now: () => number,
  ) {}

  inject(injection: Injection): void {
    this.injection = injection;
    this.random = prng(injection.seed ?? 1);
    this.turn = 0;
  }

  clearInjection(): void {
    this.injection = undefined;
  }

  /** Handles the call if a route matches; false otherwise (the caller answers 404 or upgrades). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const match = routes.map((r) => ({ r, m: r.method === method ? r.pattern.exec(url.pathname) : null })).find((x) => x.m !== null);
    if (!match?.m) return false;
    const { r: route } = match;
    const entry: RequestLogEntry = { method, path: url.pathname, route: route.name, at: this.now(), status: 0, code: 0 };
    this.ctx.state.requestLog.push(entry);
    try {
      const raw = await readBody(req);
      const body = /^multipart\/form-data/i.test(req.headers['content-type'] ?? '') ? parseMultipart(raw, req.headers['content-type'] ?? '') : parseJson(raw);
      const apiReq: ApiRequest = { method, path: url.pathname, query: url.searchParams, params: { ...match.m.groups }, body, now: this.now() };
      entry.at = apiReq.now;
      if (route.auth) authenticate(req.headers.authorization, apiReq.now, this.ctx);
      const fault = route.limited ? this.pickFault(route.name) : undefined;
      if (this.injection?.latencyMs) await sleep(this.injection.latencyMs);
      if (fault !== undefined && fault !== 'timeout') return this.answerFault(res, entry, fault);
      if (route.limited) this.limit(route, apiReq, entry);
      const result = route.handle(apiReq, this.ctx);
      if (fault === 'timeout') return await this.hang(res, entry);
      entry.status = 200;
      entry.code = typeof result.code === 'number' ? result.code : 0;
      sendJson(res, 200, result);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      entry.status = e.status;
      entry.code = e.code;
      sendJson(res, e.status, { code: e.code, msg: e.message, error: { log_id: `stand-in-${entry.at}` } }, e.headers);
    }
    return true;
  }

  private limit(route: Route, req: ApiRequest, entry: RequestLogEntry): void {
    const target = route.target?.(req, this.ctx);
    if (target) entry.target = `${target.kind}:${target.id}`;
    const verdict = this.limiter.check(req.now, target);
    entry.limit = verdict.ok ? 'admitted' : verdict.kind;
    if (verdict.ok) {
      this.limiter.admit(req.now, target);
      return;
    }
    if (verdict.kind === 'gateway') {
      throw new ApiError(429, 99991400, 'request trigger frequency limit', {
        'x-ogw-ratelimit-limit': String(verdict.limit),
        'x-ogw-ratelimit-reset': String(verdict.resetSec),
      });
    }
    throw new ApiError(400, 230020, 'This operation triggers the frequency limit');
  }

  private pickFault(routeName: string): InjectedError | undefined {
    const inj = this.injection;
    if (!inj || inj.rate <= 0) return undefined;
    if (inj.routes && !inj.routes.includes(routeName)) return undefined;
    if (this.random() >= inj.rate) return undefined;
    const errors = inj.errors ?? [429, 500];
    const fault = errors[this.turn % errors.length];
    this.turn += 1;
    return fault;
  }

  private answerFault(res: ServerResponse, entry: RequestLogEntry, fault: Exclude<InjectedError, 'timeout'>): true {
    entry.injected = String(fault);
    entry.status = fault;
    if (fault === 429) {
      entry.code = 99991400;
      sendJson(res, 429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-limit': '50', 'x-ogw-ratelimit-reset': '1' });
    } else {
      entry.code = fault;
      sendJson(res, fault, { code: fault, msg: 'internal error (injected)' });
    }
    return true;
  }

  private async hang(res: ServerResponse, entry: RequestLogEntry): Promise<true> {
    entry.injected = 'timeout';
    entry.status = 0;
    await sleep(this.injection?.hangMs ?? 2000);
    res.destroy();
    return true;
  }
}

/** multipart/form-data: text fields as strings, file fields as their bytes (a Buffer). */
function parseMultipart(raw: Buffer, contentType: string): Json {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const mark = boundary?.[1] ?? boundary?.[2];
  if (mark === undefined) throw new ApiError(400, 9499, 'Bad Request: multipart body without boundary');
  const delimiter = Buffer.from(`--${mark}`);
  const body: Json = {};
  let at = raw.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delimiter, start);
    if (next < 0) break;
    const part = raw.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    // A file part names a file or its own content type (the SDK's form-data sends a Buffer with only the latter).
    if (name !== undefined) body[name] = /filename="|content-type:/i.test(head) ? Buffer.from(content) : content.toString('utf8');
    at = next;
  }
  return body;
}

function parseJson(raw: Buffer): Json {
  if (raw.length === 0) return {};
  try {
    const v: unknown = JSON.parse(raw.toString('utf8'));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
  } catch {
    throw new ApiError(400, 9499, 'Bad Request: body is not JSON');
  }
}
