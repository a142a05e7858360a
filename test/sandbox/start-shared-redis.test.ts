/**
 * Sandbox mode on a Redis the user gave (REDIS_URL), which also holds another body's committee
 * (one of the demo's people sits on it too) and queued work for it: no redis-server child is
 * started, a reset removes the demo's own keys and jobs and nothing of the other body, and
 * closing the sandbox leaves the user's Redis running.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHAT_ID } from '../../sandbox/demo-roster.js';
import { startSandbox, type Sandbox } from '../../sandbox/start.js';
import { systemClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { OUTBOX_QUEUE, type OutboxJob } from '../../src/lark/outbox.js';
import { memoryLogger } from '../../src/log.js';
import { createQueue } from '../../src/scheduler/queues.js';
import { committeeIdOfChat, createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { submitTopic } from '../../src/services/topics.js';
import { committeeKeys, membershipKey } from '../../src/store/keys.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { snapshot } from '../integration/meeting-fixture.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { TEST_SEEN_KEY } from '../support/store.js';

const OTHER_CHAT = 'oc_other_body';
const SHARED = 'ou_demo_m1';
const demoId = committeeIdOfChat(DEMO_CHAT_ID);
const otherId = committeeIdOfChat(OTHER_CHAT);

let server: RedisServer;
let redis: Redis;
let sandbox: Sandbox;
let dataDir: string;
let outbox: ReturnType<typeof createQueue<OutboxJob>>;

const send = (chatId: string): OutboxJob => ({ kind: 'send', key: `later|${chatId}`, uuid: `u-${chatId}`, to: { chatId }, message: { text: '稍后发送' } });

beforeAll(async () => {
  server = await startRedisServer({ settings: { appendonly: 'yes' } });
  dataDir = mkdtempSync(join(tmpdir(), 'yishi-sandbox-shared-'));
  sandbox = await startSandbox({ port: 0, dataDir, redisUrl: server.socket, log: memoryLogger('warn') });
  redis = createRedis(server.socket);
  await whenReady(redis);
  const deps: ServiceDeps = { redis, clock: systemClock, log: memoryLogger(), seenKey: TEST_SEEN_KEY };
  const roster: Member[] = [
    { id: 'chair', openId: 'ou_other_chair', name: '孙主任', role: 'chair' },
    { id: 'shared', openId: SHARED, name: '张明', role: 'member' },
    { id: 'clerk', openId: 'ou_other_clerk', name: '吴秘书', role: 'clerk' },
  ];
  await createCommittee(deps, { chatId: OTHER_CHAT, name: '另一个党组', profileId: 'NT', roster, actorOpenId: 'ou_other_clerk' });
  await submitTopic(deps, { committeeId: otherId, actorId: 'clerk', title: '另一个议题', kind: 'general' });
  outbox = createQueue<OutboxJob>(OUTBOX_QUEUE, { redisUrl: server.socket });
  // Due in an hour: still queued when the reset runs.
  await outbox.queue.add('send', send(OTHER_CHAT), { jobId: 'other-later', delay: 3_600_000 });
  await outbox.queue.add('send', send(DEMO_CHAT_ID), { jobId: 'demo-later', delay: 3_600_000 });
}, 60_000);

afterAll(async () => {
  await outbox.close();
  await redis.quit();
  await sandbox.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('startSandbox with a REDIS_URL of the user', () => {
  it('starts no redis-server of its own and seeds the demo there', async () => {
    expect(sandbox.redisChild).toBeNull();
    expect(sandbox.redisUrl).toBe(server.socket);
    expect(await redis.exists(committeeKeys(demoId).committee)).toBe(1);
  });

  it('resets the demo and leaves the other committee, its memberships and its queued job exactly as they were', async () => {
    const before = await snapshot(redis, otherId);
    expect(Object.keys(before).length).toBeGreaterThan(2);
    await sandbox.demo.reset('NT');
    expect(await snapshot(redis, otherId)).toEqual(before);
    expect((await redis.smembers(membershipKey(SHARED))).sort()).toEqual([demoId, otherId].sort());
    expect(await outbox.queue.getJob('other-later')).toBeDefined();
    expect(await outbox.queue.getJob('demo-later')).toBeUndefined();
    expect(sandbox.demo.profile()).toBe('NT');
  }, 30_000);

  it('on blank, takes the demo out of the shared person\'s memberships but keeps the other body in them', async () => {
    await sandbox.demo.reset('blank');
    expect(await redis.smembers(membershipKey(SHARED))).toEqual([otherId]);
    expect(await redis.exists(committeeKeys(otherId).committee)).toBe(1);
  }, 30_000);

  it('leaves the user\'s Redis running when it closes', async () => {
    await sandbox.close();
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.exists(committeeKeys(otherId).committee)).toBe(1);
  }, 30_000);
});
