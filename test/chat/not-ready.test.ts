/**
 * The page asks for its state as soon as it opens, which right after `./try` can be while the demo
 * is still being seeded: the server then says so in Chinese with 503 and Retry-After, never a 500,
 * and the page tries again.
 */
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatPage } from '../../sandbox/chat/index.js';
import { PAGE_SENTENCE } from '../../sandbox/chat/copy.js';
import { DemoNotReadyError } from '../../sandbox/demo.js';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import type { SandboxContext } from '../../sandbox/start.js';
import { APP } from '../e2e/receiver-setup.js';

let standIn: StandIn;
let server: ReturnType<Koa['listen']>;
let url: string;

beforeAll(async () => {
  standIn = await startStandIn({ ...APP });
  const context: SandboxContext = {
    standIn,
    get demo(): SandboxContext['demo'] { throw new DemoNotReadyError(); },
  };
  const app = new Koa();
  app.use(chatPage(context));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await standIn.close();
});

describe('the chat page while the demo is being seeded', () => {
  it.each([
    ['GET', '/chat/api/state', undefined],
    ['POST', '/chat/api/message', { as: 'ou_demo_chair', chat: 'group', text: '/帮助', mentions: [] }],
    ['POST', '/chat/api/reset', { profile: 'JY' }],
  ] as const)('%s %s answers 503 in Chinese with Retry-After, and pushes nothing', async (method, path, body) => {
    const before = standIn.conversation().length;
    const res = await fetch(`${url}${path}`, method === 'GET' ? {} : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ error: PAGE_SENTENCE.demoNotReady });
    expect(standIn.conversation()).toHaveLength(before);
  });

  it('still serves the page itself, which retries its state', async () => {
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    const script = await (await fetch(`${url}/chat/page.js`)).text();
    expect(script).toContain('loadOrRetry');
  });
});
