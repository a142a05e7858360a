/**
 * The shape of a secret ballot's data links nobody to a choice. The proof: run the same ballot
 * (and the same evaluation) several times with the same voters and the same choices, but with the
 * voters in different orders and the choices given by different people at different positions —
 * among them a run whose first voter is the only dissenter. If everything stored for the committee
 * (key names, types, encodings, TTLs, field and member order, values) is the same in every run,
 * while open, after close, and in a fresh redis-server loaded from a copy of the append-only
 * files, then nothing in it can tell who chose what, or in which order. A named ballot run the
 * same way differs, so the comparison is not blind.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDIVIDUAL_GRADES, YES_NO_ABSTAIN } from '../../src/domain/index.js';
import { createCommittee } from '../../src/services/committees.js';
import { castRating, closeEvaluation, openEvaluation } from '../../src/services/evaluations.js';
import { castVote, closeBallot, openBallot } from '../../src/services/voting.js';
import { ballotKeys } from '../../src/services/voting-common.js';
import { aofRewriteSettled } from '../../src/store/aof-compaction.js';
import { liveKeys, type LiveKeys } from '../../src/store/ballots.js';
import { committeeKeys } from '../../src/store/keys.js';
import { docKey, EVALUATIONS } from '../../src/store/repos.js';
import { aofBlocks, allKeys, dumpKey, dumpUnits, links, rewriteFilesSettled, withAofCopy, startAofServer, stopAofServer } from '../support/aof.js';
import type { RedisServer } from '../support/redis-server.js';
import { freshId } from '../support/store.js';
import { opId, rosterOf, seedMeeting, testDeps } from './voting-fixtures.js';

const VOTERS = ['m1', 'm2', 'm3', 'm4', 'm5'];

/** One run: who casts in which order, and the choice each cast gives, position by position. */
interface Run { order: readonly string[]; sequence: readonly string[] }

/**
 * The same multiset of choices in every run of a group; who gives which one, and at which position
 * in the order of casting, changes from run to run. Each group has a run whose first voter is the
 * only dissenter, and runs where the dissent comes later.
 */
interface Group { name: string; choices: readonly string[]; runs: readonly Run[] }

const BALLOT_GROUPS: Group[] = [
  { name: 'one dissenter, first in one run', choices: YES_NO_ABSTAIN, runs: [
    { order: ['m1', 'm2', 'm3', 'm4', 'm5'], sequence: ['no', 'yes', 'yes', 'yes', 'yes'] },
    { order: ['m5', 'm4', 'm3', 'm2', 'm1'], sequence: ['yes', 'yes', 'yes', 'yes', 'no'] },
    { order: ['m3', 'm5', 'm1', 'm4', 'm2'], sequence: ['yes', 'yes', 'no', 'yes', 'yes'] },
    { order: ['m2', 'm1', 'm5', 'm3', 'm4'], sequence: ['no', 'yes', 'yes', 'yes', 'yes'] },
  ] },
  { name: 'mixed choices, a dissenter first in one run', choices: YES_NO_ABSTAIN, runs: [
    { order: ['m1', 'm2', 'm3', 'm4', 'm5'], sequence: ['no', 'yes', 'abstain', 'yes', 'no'] },
    { order: ['m4', 'm3', 'm1', 'm2', 'm5'], sequence: ['yes', 'abstain', 'no', 'no', 'yes'] },
    { order: ['m5', 'm1', 'm4', 'm2', 'm3'], sequence: ['abstain', 'yes', 'yes', 'no', 'no'] },
  ] },
];
const EVALUATION_GROUPS: Group[] = [
  { name: 'one 不称职, first in one run', choices: INDIVIDUAL_GRADES, runs: [
    { order: ['m1', 'm2', 'm3', 'm4', 'm5'], sequence: ['不称职', '称职', '称职', '称职', '称职'] },
    { order: ['m5', 'm4', 'm3', 'm2', 'm1'], sequence: ['称职', '称职', '称职', '称职', '不称职'] },
    { order: ['m3', 'm5', 'm1', 'm4', 'm2'], sequence: ['称职', '称职', '不称职', '称职', '称职'] },
  ] },
  { name: 'mixed grades, 不称职 first in one run', choices: INDIVIDUAL_GRADES, runs: [
    { order: ['m2', 'm4', 'm1', 'm3', 'm5'], sequence: ['不称职', '优秀', '称职', '不了解', '不称职'] },
    { order: ['m1', 'm3', 'm5', 'm2', 'm4'], sequence: ['优秀', '不称职', '不了解', '不称职', '称职'] },
    { order: ['m5', 'm2', 'm3', 'm4', 'm1'], sequence: ['称职', '不了解', '不称职', '优秀', '不称职'] },
  ] },
];

let server: RedisServer;
let redis: Redis;

beforeAll(async () => { ({ server, redis } = await startAofServer()); });
afterAll(() => stopAofServer(server, redis));

/**
 * Everything stored for the committee of one ballot, key by key (sorted by name), with the ids that
 * differ between runs by construction (the chat's, the committee's and the ballot's) replaced. Receipt names
 * and values must be keyed digests and count only by their type, encoding and TTL; the audit log's
 * hash chain covers those ids, so its entries are compared without their hashes.
 */
async function footprint(from: Redis, committeeId: string, keys: LiveKeys): Promise<unknown> {
  // The chat id is fresh per run and the committee id derives from it.
  const normal = (text: string): string => text.replaceAll(committeeId, '<committee>').replaceAll(keys.id, '<ballot>').replace(/"chatId":"[^"]*"/g, '"chatId":"<chat>"');
  const { tag, auditLog, auditHead } = committeeKeys(committeeId);
  const receiptPrefix = keys.tally.replace(/tally$/, 'seen:');
  const all = await allKeys(from, `${tag}:*`);
  const receipts = all.filter((key) => key.startsWith(receiptPrefix));
  const others = all.filter((key) => !key.startsWith(receiptPrefix) && key !== auditHead);
  const dumps = await Promise.all([...others, keys.voted, keys.tally, keys.aofPending].map(async (key) => {
    const dump = await dumpKey(from, key);
    const contents = key === auditLog
      ? dump.contents.map((entry) => { const { prev: _prev, hash: _hash, ...rest } = JSON.parse(entry) as Record<string, unknown>; return normal(JSON.stringify(rest)); })
      : dump.contents.map(normal);
    // A hashtable's order comes from the server's random hash seed, new in every process, not from
    // any history: compare it as a set. Listpacks and intsets keep their order, which is compared.
    return { key: normal(key), ...dump, contents: dump.encoding === 'hashtable' ? contents.sort() : contents };
  }));
  const receiptDumps = await Promise.all(receipts.map((key) => dumpKey(from, key)));
  for (const [i, key] of receipts.entries()) {
    expect(key).toMatch(/:seen:[0-9a-f]{64}$/);
    expect(receiptDumps[i]?.contents[0]).toMatch(/^[0-9a-f]{64}$/);
  }
  const receiptShape = receiptDumps.map((d) => `${d.type}/${d.encoding}/${d.ttl}`).sort();
  return { dumps: dumps.sort((x, y) => x.key.localeCompare(y.key)), receipts: receiptShape };
}

interface Stages { open: unknown; openCopy: unknown; closed: unknown; closedCopy: unknown }

/** What an attacker can read after close: the live keyspace, a loaded copy of the AOF, and its raw blocks. */
async function checkClosed(committeeId: string, keys: LiveKeys, choices: readonly string[]): Promise<{ closed: unknown; closedCopy: unknown }> {
  await aofRewriteSettled(redis);
  await rewriteFilesSettled(redis, server.dir);
  expect(links(await dumpUnits(redis), VOTERS, choices)).toEqual([]);
  const touched = aofBlocks(server.dir).filter((block) => block.some((c) => c.slice(1).some((w) => w.startsWith(keys.tally.replace(/tally$/, '')))));
  expect(touched).toEqual([]);
  const closed = await footprint(redis, committeeId, keys);
  // The receipts only served retries while open: the close drops them.
  expect(closed).toMatchObject({ receipts: [] });
  const closedCopy = await withAofCopy(server.dir, async (copy) => {
    expect(links(await dumpUnits(copy), VOTERS, choices)).toEqual([]);
    return footprint(copy, committeeId, keys);
  });
  return { closed, closedCopy };
}

async function ballotRun({ order, sequence }: Run, group: Group, method: 'secret' | 'named' = 'secret'): Promise<Stages> {
  const deps = testDeps(redis);
  const { committeeId, meetingId } = await seedMeeting(deps, { members: 6, topics: [{ id: 't1' }] });
  const ballot = await openBallot(deps, { committeeId, meetingId, topicId: 't1', method, actorId: 'chair' });
  const keys = ballotKeys(committeeId, ballot.id);
  for (const [i, voterId] of order.entries()) {
    expect(await castVote(deps, { committeeId, ballotId: ballot.id, voterId, choice: sequence[i] ?? '', operationId: opId() })).toBe('recorded');
  }
  if (method === 'secret') expect(links(await dumpUnits(redis), VOTERS, group.choices)).toEqual([]);
  const open = await footprint(redis, committeeId, keys);
  const openCopy = await withAofCopy(server.dir, (copy) => footprint(copy, committeeId, keys));
  await closeBallot(deps, { committeeId, ballotId: ballot.id, actorId: 'chair' });
  if (method !== 'secret') return { open, openCopy, closed: null, closedCopy: null };
  return { open, openCopy, ...(await checkClosed(committeeId, keys, group.choices)) };
}

async function evaluationRun({ order, sequence }: Run, group: Group): Promise<Stages> {
  const deps = testDeps(redis);
  const { id: committeeId } = await createCommittee(deps, { chatId: freshId('oc'), name: '县委常委会', profileId: 'ZY', roster: rosterOf(6), actorOpenId: 'ou_clerk1' });
  const evaluation = await openEvaluation(deps, { committeeId, title: '年度测评', category: 'individual', subject: '某同志', raterIds: VOTERS, actorId: 'clerk1' });
  const keys = liveKeys(committeeId, evaluation.id, docKey(committeeId, EVALUATIONS, evaluation.id));
  for (const [i, raterId] of order.entries()) {
    expect(await castRating(deps, { committeeId, evaluationId: evaluation.id, raterId, grade: sequence[i] ?? '', operationId: opId() })).toBe('recorded');
  }
  expect(links(await dumpUnits(redis), VOTERS, group.choices)).toEqual([]);
  const open = await footprint(redis, committeeId, keys);
  const openCopy = await withAofCopy(server.dir, (copy) => footprint(copy, committeeId, keys));
  await closeEvaluation(deps, { committeeId, evaluationId: evaluation.id, actorId: 'clerk1' });
  return { open, openCopy, ...(await checkClosed(committeeId, keys, group.choices)) };
}

function expectAllEqual(runs: Stages[]): void {
  const [first, ...others] = runs;
  for (const other of others) {
    expect(other.open).toEqual(first?.open);
    expect(other.openCopy).toEqual(first?.openCopy);
    expect(other.closed).toEqual(first?.closed);
    expect(other.closedCopy).toEqual(first?.closedCopy);
  }
}

describe('the shape of a secret ballot', () => {
  for (const group of BALLOT_GROUPS) {
    it(`is the same whoever voted what, in whichever order (${group.name}): live, after close, and in a copy of the AOF`, async () => {
      const runs: Stages[] = [];
      for (const run of group.runs) runs.push(await ballotRun(run, group));
      expectAllEqual(runs);
    });
  }

  it('differs for a named ballot run the same way: the comparison sees a link where there is one', async () => {
    const group = BALLOT_GROUPS[0];
    const [first, second] = group?.runs ?? [];
    if (!group || !first || !second) throw new Error('no runs');
    const [a, b] = [await ballotRun(first, group, 'named'), await ballotRun(second, group, 'named')];
    expect(a.open).not.toEqual(b.open);
    expect(a.openCopy).not.toEqual(b.openCopy);
  });
});

describe('the shape of an evaluation (民主测评)', () => {
  for (const group of EVALUATION_GROUPS) {
    it(`is the same whoever rated what, in whichever order (${group.name}): live, after close, and in a copy of the AOF`, async () => {
      const runs: Stages[] = [];
      for (const run of group.runs) runs.push(await evaluationRun(run, group));
      expectAllEqual(runs);
    });
  }
});
