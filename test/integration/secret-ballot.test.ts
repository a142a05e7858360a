/**
 * What a secret ballot leaves behind: after several members voted, nothing in Redis (every key,
 * every type), in the append-only file once the ballot closed, or in the logs links a member to
 * a choice. Runs on a private redis-server so that the dump holds this test's data only.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { castVote, closeBallot, getBallotView, openBallot } from '../../src/services/voting.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { aofRewriteSettled } from '../../src/store/aof-compaction.js';
import { readAuditLog } from '../../src/store/audit.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { opId, seedMeeting, testDeps } from './voting-fixtures.js';

const CHOICE_WORDS = new Set(['yes', 'no', 'abstain']);
/** The secret voters; the chair opens and closes (and is the audit actor) but does not vote here. */
const VOTERS = ['m1', 'm2', 'm3', 'm4', 'm5', 'm6'];
const CHOICES = ['yes', 'no', 'yes', 'abstain', 'yes', 'no'];

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedisServer({ settings: { appendonly: 'yes', appendfsync: 'always' } });
  redis = createRedis(server.socket);
  await whenReady(redis);
});

afterAll(async () => {
  await aofRewriteSettled(redis);
  await redis.quit();
  await server.stop();
  rmSync(server.dir, { recursive: true, force: true });
});

/** Every stored unit a reader could see: key names, strings, hash field=value pairs, members, elements. */
async function dumpUnits(): Promise<{ key: string; unit: string }[]> {
  const units: { key: string; unit: string }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      units.push({ key, unit: key });
      const type = await redis.type(key);
      const add = (values: string[]) => { for (const unit of values) units.push({ key, unit }); };
      if (type === 'string') add([(await redis.get(key)) ?? '']);
      else if (type === 'hash') add(Object.entries(await redis.hgetall(key)).map(([f, v]) => `${f}=${v}`));
      else if (type === 'set') add(await redis.smembers(key));
      else if (type === 'list') {
        const list = await redis.lrange(key, 0, -1);
        // Neighbouring elements too: a list of (member, choice) pairs would link them.
        add([...list, ...list.slice(1).map((v, i) => `${list[i] ?? ''} ${v}`)]);
      } else if (type === 'zset') add(await redis.zrange(key, 0, -1, 'WITHSCORES'));
      else if (type === 'stream') add((await redis.xrange(key, '-', '+')).map((e) => JSON.stringify(e)));
      else throw new Error(`unexpected type ${type} at ${key}`);
    }
  } while (cursor !== '0');
  return units;
}

const tokens = (text: string): string[] => text.split(/[^A-Za-z0-9_.-]+/).filter(Boolean);

/** Units in which a voter's id and a choice word both occur. */
function links(units: { key: string; unit: string }[], voterIds: readonly string[]): { key: string; unit: string }[] {
  return units.filter(({ unit }) => {
    const found = tokens(unit);
    return found.some((t) => voterIds.includes(t)) && found.some((t) => CHOICE_WORDS.has(t));
  });
}

/** The append-only files on disk: those the manifest lists (Redis loads them) and any others. */
function aofFiles(): { listed: string[]; other: string[] } {
  const dir = join(server.dir, 'appendonlydir');
  const all = readdirSync(dir);
  const manifest = all.find((f) => f.endsWith('.manifest'));
  const listed = readFileSync(join(dir, manifest ?? ''), 'utf8').split('\n').map((l) => /file (\S+)/.exec(l)?.[1]).filter((f): f is string => f !== undefined);
  return { listed, other: all.filter((f) => f !== manifest && !listed.includes(f)) };
}

/** MULTI…EXEC blocks of every incremental append-only file on disk, as lists of commands. */
function aofBlocks(): string[][][] {
  const dir = join(server.dir, 'appendonlydir');
  const { listed, other } = aofFiles();
  const blocks: string[][][] = [];
  for (const file of [...listed, ...other].filter((f) => f.includes('.incr.'))) {
    const words = readFileSync(join(dir, file), 'utf8').split('\r\n').filter((w) => w !== '' && !/^[*$]\d+$/.test(w));
    let block: string[][] | null = null;
    let command: string[] = [];
    for (const word of words) {
      const upper = word.toUpperCase();
      if (upper === 'MULTI') { block = []; command = []; continue; }
      if (upper === 'EXEC') { if (block) blocks.push([...block, command]); block = null; command = []; continue; }
      if (['SADD', 'SETBIT', 'HINCRBY', 'SET', 'HSET', 'RPUSH', 'SELECT', 'DEL', 'PEXPIREAT'].includes(upper) && block) { if (command.length) block.push(command); command = [upper]; continue; }
      command.push(word);
    }
  }
  return blocks;
}

function linkedBlocks(blocks: string[][][], votedKey: string): number {
  return blocks.filter((b) => b.some((c) => c[0] === 'SETBIT' && c[1] === votedKey) && b.some((c) => c[0] === 'HINCRBY' && CHOICE_WORDS.has(c[2] ?? ''))).length;
}

async function rewriteDone(): Promise<void> {
  for (let i = 0; i < 250; i += 1) {
    const info = await redis.info('persistence');
    // Done when no rewrite runs and the history files it replaced are deleted.
    if (/aof_rewrite_in_progress:0/.test(info) && /aof_rewrite_scheduled:0/.test(info) && aofFiles().other.length === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('AOF rewrite did not finish');
}

describe('secret ballot storage', () => {
  it('keeps no member-to-choice link in Redis, the audit log, the append-only file after close, or the logs; counts stay hidden while open', async () => {
    const deps = testDeps(redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 7, topics: [{ id: 't1' }, { id: 't2' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    const retried = opId();
    for (const [i, voterId] of VOTERS.entries()) {
      const operationId = i === 0 ? retried : opId();
      await castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice: CHOICES[i] ?? 'yes', operationId });
    }
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'yes', operationId: retried });
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'm1', choice: 'no', operationId: opId() }).catch(() => undefined);
    await castVote(deps, { committeeId, ballotId: ballot.id, voterId: 'obs1', choice: 'yes', operationId: opId() }).catch(() => undefined);

    const open = await getBallotView(deps, { committeeId, ballotId: ballot.id, viewerId: 'chair' });
    expect(open).toMatchObject({ state: 'open', voted: 6, eligible: 7 });
    expect(open.result).toBeUndefined();
    expect(open.participants).toBeUndefined();
    expect(links(await dumpUnits(), VOTERS)).toEqual([]);
    // While open the AOF does hold each cast's effects together: the reason for the rewrite at close.
    expect(linkedBlocks(aofBlocks(), ballotKeys(committeeId, ballot.id).voted)).toBe(6);

    const closed = await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    expect(closed.result).toMatchObject({ counts: { yes: 3, no: 2, abstain: 1 }, voters: 6 });
    expect(closed.result?.roll).toBeUndefined();
    const view = await getBallotView(deps, { committeeId, ballotId: ballot.id, viewerId: 'm2' });
    expect(view.participants).toEqual(VOTERS);
    expect(view.choices).toBeUndefined();

    expect(links(await dumpUnits(), VOTERS)).toEqual([]);
    expect(await redis.exists(ballotKeys(committeeId, ballot.id).choices, ballotKeys(committeeId, ballot.id).order)).toBe(0);
    const audit = await readAuditLog(redis, committeeId);
    expect(audit.map((e) => e.action)).toEqual(['committee.create', 'ballot.open', 'ballot.close']);
    await rewriteDone();
    expect(linkedBlocks(aofBlocks(), ballotKeys(committeeId, ballot.id).voted)).toBe(0);
    expect(links(deps.log.lines.map((unit) => ({ key: 'log', unit })), VOTERS)).toEqual([]);

    // The detector is not blind: a named vote by the same members is found at once.
    const named = await openBallot(deps, { committeeId, meetingId, topicId: 't2', method: 'named', actorId: 'chair' });
    await castVote(deps, { committeeId, ballotId: named.id, voterId: 'm3', choice: 'no', operationId: opId() });
    expect(links(await dumpUnits(), VOTERS).map((l) => l.key)).toContain(ballotKeys(committeeId, named.id).choices);
  });

  it('does not show who took part in a secret ballot when fewer than three voted', async () => {
    const deps = testDeps(redis);
    const { committeeId, meetingId } = await seedMeeting(deps, { members: 5, topics: [{ id: 't1' }] });
    const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method: 'secret', actorId: 'chair' });
    for (const voterId of ['m1', 'm2']) await castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice: 'yes', operationId: opId() });
    await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
    const view = await getBallotView(deps, { committeeId, ballotId: ballot.id, viewerId: 'm1' });
    expect(view).toMatchObject({ state: 'closed', voted: 2, result: { counts: { yes: 2 } } });
    expect(view.participants).toBeUndefined();
  });
});
