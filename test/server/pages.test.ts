/**
 * AppSettings.pages (sandbox mode's chat page) sits ahead of the receiver routes: it serves what
 * it serves, what it passes on still reaches /healthz and POST /lark/event, and without it the
 * server has no page at all (the real bot never serves one).
 */
import type Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { useRedis } from '../support/store.js';
import { envelope, harness, sealed, serve } from './receiver-harness.js';

const store = useRedis();
let stop: (() => Promise<void>) | undefined;
afterEach(async () => { await stop?.(); stop = undefined; });

const page: Koa.Middleware = async (ctx, next) => {
  if (ctx.method === 'GET' && ctx.path === '/') {
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = '<h1>议事</h1>';
    return;
  }
  await next();
};

async function served(pages?: Koa.Middleware): Promise<string> {
  const h = { ...harness(store.redis, systemClock), ...(pages === undefined ? {} : { pages }) };
  const { url, close } = await serve(h);
  stop = close;
  return url.replace(/\/lark\/event$/, '');
}

describe('pages', () => {
  it('serves its own routes and passes the rest on to /healthz and the receiver', async () => {
    const base = await served(page);
    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toBe('<h1>议事</h1>');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const { raw, http } = sealed(envelope('im.chat.member.user.added_v1', 'evt-pages-1', { chat_id: 'oc_pages', users: [] }), new Date());
    const event = await fetch(`${base}/lark/event`, { method: 'POST', headers: { 'content-type': 'application/json', ...http }, body: raw });
    expect(event.status).toBe(200);
  });

  it('is absent unless given: GET / is a 404', async () => {
    const base = await served();
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
