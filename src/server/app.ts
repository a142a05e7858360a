/**
 * The koa app: `POST /lark/event` (our own receiver, not the SDK's dispatcher), `GET /healthz` and
 * `GET /metrics`. The body is read here, raw and bounded, because the signature covers its bytes.
 */
import type { IncomingMessage } from 'node:http';
import type { Redis } from 'ioredis';
import Koa from 'koa';
import type { Metrics } from '../metrics.js';
import { receive, type Answer, type ReceiverDeps } from './receiver.js';
import type { RefusalLog } from './refusal-log.js';

/** Feishu's pushes are a few KiB; anything larger is refused before it is read. */
export const BODY_LIMIT_BYTES = 64 * 1024;
const HEALTH_TIMEOUT_MS = 500;

export interface ServerDeps extends ReceiverDeps {
  /** The request-path connection: PINGed by /healthz. */
  readonly redis: Redis;
  readonly metrics: Metrics;
  readonly refusals: RefusalLog;
  readonly bodyLimit?: number;
  /** Served ahead of the receiver routes (sandbox mode's chat page), only when given. */
  readonly pages?: Koa.Middleware;
}

/** The body as bytes, or 'too_large' as soon as it passes `limit` (the rest is never read). */
export async function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return 'too_large';
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.pause();
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => { cleanup(); resolve(Buffer.concat(chunks)); };
    const onError = (error: Error): void => { cleanup(); reject(error); };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  // A repeated signature header is as suspicious as a missing one.
  return typeof value === 'string' ? value : undefined;
};

async function redisAlive(redis: Redis): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS); });
  try {
    return await Promise.race([redis.ping().then((reply) => reply === 'PONG'), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function record(deps: ServerDeps, answer: Answer): void {
  deps.metrics.inc('yishi_receiver_requests_total', { outcome: answer.outcome });
  if (answer.status === 401 || answer.status === 400 || answer.status === 413) deps.refusals.note(answer.reason ?? 'unknown', answer.status);
}

export function createServerApp(deps: ServerDeps): Koa {
  const app = new Koa();
  app.on('error', (error: Error) => deps.log.error('http server error', { error: error.name }));
  if (deps.pages !== undefined) app.use(deps.pages);
  app.use(async (ctx) => {
    if (ctx.method === 'GET' && ctx.path === '/healthz') {
      const ok = await redisAlive(deps.redis);
      ctx.status = ok ? 200 : 503;
      ctx.body = { status: ok ? 'ok' : 'redis unreachable' };
      return;
    }
    if (ctx.method === 'GET' && ctx.path === '/metrics') {
      ctx.type = 'text/plain; version=0.0.4; charset=utf-8';
      ctx.body = await deps.metrics.render();
      return;
    }
    if (ctx.path !== '/lark/event') {
      ctx.status = 404;
      return;
    }
    if (ctx.method !== 'POST') {
      ctx.status = 405;
      return;
    }
    const raw = await readRawBody(ctx.req, deps.bodyLimit ?? BODY_LIMIT_BYTES);
    let answer: Answer;
    if (raw === 'too_large') {
      answer = { status: 413, body: { error: 'too_large' }, outcome: 'too_large', reason: 'body_limit' };
      // The unread rest of the body stays on the socket: close it rather than reuse it.
      ctx.set('Connection', 'close');
    } else {
      const headers = {
        timestamp: header(ctx.req, 'x-lark-request-timestamp'),
        nonce: header(ctx.req, 'x-lark-request-nonce'),
        signature: header(ctx.req, 'x-lark-signature'),
      };
      answer = await receive(raw, headers, deps).catch((error: unknown): Answer => {
        // Not accepted (e.g. Redis down before the claim): a non-200 makes Feishu retry.
        deps.log.error('lark request failed before it was accepted', { error: (error as Error).name });
        return { status: 503, body: { error: 'unavailable' }, outcome: 'unavailable' };
      });
    }
    record(deps, answer);
    ctx.status = answer.status;
    ctx.body = answer.body;
  });
  return app;
}
