/**
 * A worker process killed while messages are queued: after a restart every message arrives, none
 * twice (Feishu's uuid de-duplication on the stand-in absorbs the re-sent in-flight calls).
 * Asserted on the stand-in's messages, not on the outbox's own bookkeeping.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { createMemoryLarkApi } from '../../src/lark/memory.js';
import { startHarness } from '../lark/outbox-harness.js';

const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' };
const CHATS = 4;

function startWorkerProcess(env: Record<string, string>): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/outbox-worker.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) resolve(); });
    void exited.then((code) => reject(new Error(`worker exited early (${code}): ${stderr.slice(-1000)}`)));
  });
  return { child, ready, exited };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('outbox worker process crash', () => {
  let standIn: StandIn;
  beforeAll(async () => {
    standIn = await startStandIn({ ...APP, verificationToken: 'v' });
    for (let c = 0; c < CHATS; c += 1) standIn.addChat(`oc_crash${c}`, ['ou_a'], { botIn: true });
  });
  afterAll(async () => {
    await standIn.close();
  });

  async function queueMessages(tag: string, count: number) {
    // The producer side only: the worker runs in a child process.
    const h = await startHarness({ redisUrl: inject('redisUrl'), api: createMemoryLarkApi(), noWorker: true });
    for (let i = 0; i < count; i += 1) await h.outbox.enqueueSend({ to: { chatId: `oc_crash${i % CHATS}` }, text: `${tag} #${i}`, key: `${tag}|${i}` });
    const env = {
      OUTBOX_TEST_REDIS: inject('redisUrl'), OUTBOX_TEST_NAMESPACE: h.namespace, OUTBOX_TEST_PREFIX: h.settings.prefix,
      OUTBOX_TEST_DOMAIN: standIn.url, OUTBOX_TEST_APP_ID: APP.appId, OUTBOX_TEST_APP_SECRET: APP.appSecret,
    };
    return { h, env };
  }

  const arrived = (tag: string) => standIn.messages().filter((m) => JSON.stringify(m.content).includes(`${tag} #`));

  function assertExactlyOnce(tag: string, count: number): void {
    const messages = arrived(tag);
    const uuids = new Set(messages.map((m) => m.uuid));
    const contents = new Set(messages.map((m) => JSON.stringify(m.content)));
    expect([messages.length, uuids.size, contents.size]).toEqual([count, count, count]);
  }

  it('SIGKILL while sending: a restarted worker delivers every message, none twice', async () => {
    const COUNT = 200;
    const { h, env } = await queueMessages('kill', COUNT);
    try {
      // Slow answers keep calls in flight at the moment of the kill, and a quarter of the calls are
      // processed but never answered (the socket is cut after 1.5 s), so some sends that did post
      // are not known to the worker when it dies and are sent again after the restart.
      standIn.inject({ rate: 0.25, errors: ['timeout'], hangMs: 1500, latencyMs: 100, routes: ['message.create'], seed: 3 });
      const first = startWorkerProcess(env);
      await first.ready;
      await until(() => arrived('kill').length >= 40, '40 messages before the kill');
      first.child.kill('SIGKILL');
      await first.exited;
      const atKill = arrived('kill').length;
      const second = startWorkerProcess(env);
      await second.ready;
      await until(() => arrived('kill').length >= COUNT, 'all messages after the restart');
      await h.drained();
      second.child.kill('SIGTERM');
      await second.exited;
      standIn.clearInjection();
      assertExactlyOnce('kill', COUNT);
      // Calls the stand-in processed: answered ones and those whose answer it withheld.
      const processed = standIn.requestLog.filter((e) => e.route === 'message.create' && e.target?.startsWith('chat:oc_crash') === true
        && (e.status === 200 || e.injected === 'timeout')).length;
      console.log(`outbox SIGKILL: ${JSON.stringify({ atKill, processedCreates: processed, messages: arrived('kill').length, resentAbsorbedByUuid: processed - COUNT })}`);
      expect(atKill).toBeLessThan(COUNT);
      expect(processed).toBeGreaterThan(COUNT);
    } finally {
      await h.close();
    }
  }, 120_000);

  it('SIGTERM: the worker finishes the calls in hand, exits 0 and leaves no job stalled', async () => {
    const COUNT = 60;
    const { h, env } = await queueMessages('term', COUNT);
    try {
      standIn.inject({ rate: 0, latencyMs: 150 });
      const worker = startWorkerProcess(env);
      await worker.ready;
      await until(() => arrived('term').length >= 10, '10 messages before SIGTERM');
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(await h.queue.getActiveCount()).toBe(0);
      const atStop = arrived('term').length;
      const again = startWorkerProcess(env);
      await again.ready;
      await h.drained();
      again.child.kill('SIGTERM');
      expect(await again.exited).toBe(0);
      standIn.clearInjection();
      assertExactlyOnce('term', COUNT);
      expect(atStop).toBeLessThan(COUNT);
    } finally {
      await h.close();
    }
  }, 120_000);
});
