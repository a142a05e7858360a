/**
 * No acknowledged vote is lost when Redis dies: a private redis-server with `appendfsync always`
 * is killed (SIGKILL) while casts are in flight and restarted on the same data folder; every cast
 * that castVote acknowledged is there, and the counting invariant (sum of counts = voters) holds.
 */
import { rmSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../src/log.js';
import { castVote, closeBallot, openBallot } from '../../src/services/voting.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { turnout, votersOf } from '../../src/store/ballots.js';
import { checkDurability, createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { useRedis } from '../support/store.js';
import { opId, seedMeeting, testDeps, voters } from './voting-fixtures.js';

const ctx = useRedis();
const SETTINGS = { appendonly: 'yes', appendfsync: 'always' };
const servers: RedisServer[] = [];
const clients: Redis[] = [];

async function start(dir?: string): Promise<{ server: RedisServer; redis: Redis }> {
  const server = await startRedisServer({ settings: SETTINGS, ...(dir === undefined ? {} : { dir }) });
  servers.push(server);
  const redis = createRedis(server.socket);
  // The kill makes the client report connection errors; they are expected here.
  redis.on('error', () => undefined);
  clients.push(redis);
  await whenReady(redis);
  return { server, redis };
}

afterAll(async () => {
  for (const client of clients) client.disconnect();
  for (const server of servers) await server.stop('SIGKILL');
  for (const dir of new Set(servers.map((s) => s.dir))) rmSync(dir, { recursive: true, force: true });
});

describe('durability', () => {
  it('keeps every acknowledged cast across a SIGKILL of redis-server mid-load, with the invariant intact', async () => {
    const first = await start();
    const deps = testDeps(first.redis);
    const topics = [{ id: 't0' }, { id: 't1' }, { id: 't2' }];
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 100, topics });
    const ballots = [];
    for (const t of topics) ballots.push(await openBallot(deps, { committeeId, meetingId, topicId: t.id, method: 'secret', actorId: 'chair' }));
    const queue = ballots.flatMap((b) => voters(100).map((voterId, i) => ({ ballotId: b.id, voterId, choice: ['yes', 'no', 'abstain'][i % 3] ?? 'yes' })));
    const acked: { ballotId: string; voterId: string }[] = [];
    const kill: { done: Promise<void> | null } = { done: null };
    let failures = 0;
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        try {
          if (await castVote(deps, { committeeId, ...next, operationId: opId() }) === 'recorded') acked.push(next);
        } catch {
          failures += 1;
        }
        if (acked.length >= 150 && !kill.done) kill.done = first.server.stop('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: 40 }, worker));
    await kill.done;
    first.redis.disconnect();
    expect(acked.length).toBeGreaterThanOrEqual(150);
    expect(failures).toBeGreaterThan(0);

    const second = await start(first.server.dir);
    const after = testDeps(second.redis);
    for (const ballot of ballots) {
      const keys = ballotKeys(committeeId, ballot.id);
      const voted = new Set(await votersOf(second.redis, keys));
      const mine = acked.filter((a) => a.ballotId === ballot.id);
      expect(mine.filter((a) => !voted.has(a.voterId))).toEqual([]);
      const tally = Object.values(await second.redis.hgetall(keys.tally)).reduce((sum, n) => sum + Number(n), 0);
      expect(tally).toBe(voted.size);
      // Every bit set is a seat of the electorate: no voter outside it.
      expect((await turnout(second.redis, keys)).voted).toBe(voted.size);
      // A vote still counts once after the restart, and closing asserts the invariant again.
      const closed = await closeBallot(after, { committeeId, ballotId: ballot.id, actorId: 'chair' });
      expect(closed.result?.voters).toBe(voted.size);
    }
  });

  it('checkDurability finds nothing wrong with appendfsync always, and warns on the default test server', async () => {
    const { redis } = await start();
    expect(await checkDurability(redis, memoryLogger())).toEqual([]);
    const log = memoryLogger();
    const problems = await checkDurability(ctx.redis, log);
    expect(problems).toContain('appendonly is no, expected yes');
    expect(log.lines.some((l) => l.includes('"level":"warn"'))).toBe(true);
  });
});
