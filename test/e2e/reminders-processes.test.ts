/**
 * Several bot processes on one Redis, each the whole app with every worker: each reminder reaches
 * its people exactly once, counted at the stand-in. One process is SIGKILLed while reminders are
 * due (none is lost: another takes its jobs when their lock runs out), and one dies after a
 * reminder's sends are in the outbox but before the job is acknowledged (the job runs again
 * elsewhere, and the outbox's keys, derived from the job id, post nothing twice).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE } from '../../cards/copy.js';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { systemClock } from '../../src/clock.js';
import { memoryLogger } from '../../src/log.js';
import { createReminderQueue, createReminders } from '../../src/scheduler/reminders.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { scheduleMeeting } from '../../src/services/meetings.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { TEST_SEEN_KEY } from '../support/store.js';
import { titleOf } from './group-chat.js';
import { openIdOf, people } from './meeting-world.js';
import { APP, sleep, waitFor } from './receiver-setup.js';

const ATTENDING = ['chair1', 'vice1', 'm1', 'm2', 'm3', 'm4', 'obs1'];

describe('reminders with several bot processes on one Redis', () => {
  let redisServer: RedisServer;
  let redis: Redis;
  let standIn: StandIn;
  let deps: ServiceDeps;
  let closeQueue: () => Promise<void>;
  const prefix = `remp-${randomBytes(4).toString('hex')}`;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    redisServer = await startRedisServer();
    redis = createRedis(redisServer.socket);
    await whenReady(redis);
    standIn = await startStandIn({ ...APP, timeScale: 1000, responseTimeoutMs: 3000 });
    const queue = createReminderQueue({ redisUrl: redisServer.socket, prefix });
    closeQueue = () => queue.close();
    deps = { redis, clock: systemClock, log: memoryLogger(), seenKey: TEST_SEEN_KEY, reminders: createReminders({ queue: queue.queue, redis, clock: systemClock }) };
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await closeQueue();
    await standIn.close();
    await redis.quit();
    await redisServer.stop();
  });

  /** A bot process; resolves once its workers run. */
  async function bot(env: Record<string, string> = {}): Promise<ChildProcess & { lines: Record<string, unknown>[] }> {
    const child = Object.assign(spawn(process.execPath, ['--import', 'tsx', 'test/e2e/reminder-child.ts', standIn.url, redisServer.socket, prefix],
      { env: { ...process.env, TZ: 'UTC', ...env }, stdio: ['ignore', 'pipe', 'pipe'] }), { lines: [] as Record<string, unknown>[] });
    children.push(child);
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) { try { child.lines.push(JSON.parse(line) as Record<string, unknown>); } catch { /* a log line */ } }
    });
    await waitFor(() => child.lines.some((l) => 'ready' in l), 'a bot process to start', 30_000);
    return child;
  }
  const exited = (child: ChildProcess) => new Promise<void>((resolve) => { if (child.exitCode !== null || child.signalCode !== null) resolve(); else child.once('exit', () => resolve()); });

  /** A committee (no quiet hours, so the hour the suite runs at does not matter) with an emergency meeting whose half-hour reminder is due in `inMs`. */
  async function meetingDueIn(chatId: string, inMs: number): Promise<string> {
    const roster = people(chatId);
    standIn.addChat(chatId, roster.map((m) => m.openId), { botIn: true, name: chatId });
    const committee = await createCommittee(deps, { chatId, name: chatId, profileId: 'NT', roster, actorOpenId: openIdOf(roster, 'clerk1'), reminders: { quietHours: null } });
    const startsAt = new Date(Date.now() + inMs + 30 * 60_000).toISOString();
    await scheduleMeeting(deps, { committeeId: committee.id, actorId: 'clerk1', title: '党组会议', kind: 'emergency', startsAt, observers: ['obs1'] });
    return chatId;
  }

  const reminded = (chatId: string) => standIn.messages().filter((m) => m.openId?.startsWith(`ou_${chatId}_`) && JSON.stringify(m.content).includes('30 分钟后开会'));
  const posted = (chatId: string, title: string) => standIn.messages().filter((m) => m.chatId === chatId && titleOf(m.content).includes(title));
  const complete = (chats: readonly string[]) => chats.every((c) => reminded(c).length >= ATTENDING.length && posted(c, TITLE.chairing).length > 0);

  function expectOnce(chats: readonly string[]): void {
    for (const chat of chats) {
      const roster = people(chat);
      expect(reminded(chat).map((m) => m.openId).sort(), chat).toEqual(ATTENDING.map((id) => openIdOf(roster, id)).sort());
      expect(posted(chat, TITLE.signIn), chat).toHaveLength(1);
      expect(posted(chat, TITLE.chairing), chat).toHaveLength(1);
    }
  }

  it('three processes: every reminder once; SIGKILL of one while reminders are due loses none and doubles none', async () => {
    const bots = await Promise.all([bot(), bot(), bot()]);
    const first = await Promise.all([0, 1, 2, 3].map((i) => meetingDueIn(`oc_three_${i}`, 2_500)));
    await waitFor(() => complete(first), 'the first reminders', 30_000);
    await sleep(500);
    expectOnce(first);

    // Due one after another over two seconds; one process dies in the middle of them.
    const second = await Promise.all(Array.from({ length: 8 }, (_, i) => meetingDueIn(`oc_kill_${i}`, 2_000 + i * 250)));
    await sleep(2_700);
    bots[0]?.kill('SIGKILL');
    if (bots[0]) await exited(bots[0]);
    await waitFor(() => complete(second), 'the reminders after the kill', 30_000);
    await sleep(1_000);
    expectOnce(second);
    for (const b of bots.slice(1)) b.kill('SIGTERM');
    await Promise.all(bots.slice(1).map(exited));
  }, 150_000);

  it('a process that dies after a reminder\'s sends are in the outbox and before the job is acknowledged: the job runs again elsewhere, and nothing is sent twice', async () => {
    const dying = await bot({ REMINDER_DIE_AFTER_DELIVER: '1' });
    const chats = await Promise.all([0, 1].map((i) => meetingDueIn(`oc_ack_${i}`, 2_000)));
    await exited(dying);
    expect(dying.signalCode).toBe('SIGKILL');
    expect(dying.lines.some((l) => 'delivered' in l)).toBe(true);
    const survivor = await bot();
    await waitFor(() => complete(chats), 'the reminders after the crash', 30_000);
    await sleep(1_000);
    expectOnce(chats);
    survivor.kill('SIGTERM');
    await exited(survivor);
  }, 150_000);
});
