/**
 * Vote casts per second through the service layer (castVote: zod parsing, key building, result
 * mapping around cast-vote.lua) next to a bare EVALSHA of the same script with the same keys and
 * arguments, on the same Redis, at the same concurrency, in the same run: the service layer's own
 * cost. For scale it also measures a bare EVALSHA of the smallest vote script (SADD + HINCRBY),
 * which shows what the script's guarantees cost. Target: service ≥ 0.5 × bare cast script.
 * Results and the command are in bench/README.md.
 *
 *   npm run bench                       # defaults: 100 in flight, 20 000 casts per round
 *   BENCH_CONCURRENCY=10 BENCH_AOF=always npm run bench
 */
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Redis } from 'ioredis';
import { manualClock } from '../src/clock.js';
import type { Attendance, Meeting, Member, Topic } from '../src/domain/index.js';
import { createLogger } from '../src/log.js';
import { committeeIdOfChat, createCommittee } from '../src/services/committees.js';
import type { ServiceDeps } from '../src/services/context.js';
import { castVote, openBallot } from '../src/services/voting.js';
import { commit, type DocWrite, type StoredDoc } from '../src/store/doc-store.js';
import { committeeKeys } from '../src/store/keys.js';
import { deriveSeenKey, liveKeys } from '../src/store/ballots.js';
import { createRedis, whenReady } from '../src/store/redis.js';
import { ATTENDANCE, attendanceId, BALLOTS, docKey, indexKey, MEETINGS, TOPICS } from '../src/store/repos.js';
import { loadScripts } from '../src/store/scripts.js';
import { readFileSync } from 'node:fs';
import { startRedisServer } from '../test/support/redis-server.js';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 100);
const VOTERS = 2000;
const BALLOTS_PER_ROUND = 10;
const ROUNDS = 3;
const AT = '2025-06-10T01:00:00.000Z';
const COMMITTEE = committeeIdOfChat('oc_bench');

const BARE_LUA = "redis.call('SADD', KEYS[1], ARGV[1])\nredis.call('HINCRBY', KEYS[2], ARGV[2], 1)\nreturn 'recorded'";

let probe: Redis;

/** CPU seconds redis-server has used so far. */
async function redisCpu(): Promise<number> {
  const info = await probe.info('cpu');
  const read = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(info)?.[1] ?? 0);
  return read('used_cpu_user') + read('used_cpu_sys');
}

/** Per call of the last round: microseconds of CPU spent by this process and by redis-server. */
const cpuPerCall: { node: number[]; redis: number[] } = { node: [], redis: [] };

/** Runs `total` calls of `one(i)` with `CONCURRENCY` in flight; returns calls per second. */
async function rate(total: number, one: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const redisBefore = await redisCpu();
  const nodeBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let i = next++; i < total; i = next++) await one(i);
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const node = process.cpuUsage(nodeBefore);
  cpuPerCall.node.push((node.user + node.system) / total);
  cpuPerCall.redis.push(((await redisCpu()) - redisBefore) * 1e6 / total);
  return total / seconds;
}

function roster(): Member[] {
  return [
    { id: 'chair', openId: 'ou_chair', name: '书记', role: 'chair' },
    ...Array.from({ length: VOTERS - 1 }, (_, i) => ({ id: `m${i + 1}`, openId: `ou_m${i + 1}`, name: `委员${i + 1}`, role: 'member' as const })),
  ];
}

/** A meeting whose agenda holds `topics` topics, every voting member signed in. */
async function seed(deps: ServiceDeps, topics: number): Promise<string[]> {
  await createCommittee(deps, { chatId: 'oc_bench', name: '党组', profileId: 'NATIONAL', roster: roster(), actorOpenId: 'ou_chair' });
  const topicIds = Array.from({ length: topics }, (_, i) => `t${i}`);
  const meeting: Meeting = {
    version: 0, id: 'mtg', committeeId: COMMITTEE, title: '会议', kind: 'regular', status: 'inProgress', startsAt: AT,
    agenda: topicIds.map((topicId) => ({ topicId, addedAtMeeting: false, ballotIds: [] })), observers: [], noticeFlags: [], objections: [], createdBy: 'chair',
  };
  const topicDoc = (id: string): Topic => ({ version: 0, id, committeeId: COMMITTEE, title: id, kind: 'general', status: 'scheduled', submittedBy: 'chair',
    submittedAt: AT, materials: [], recusals: [], needsOptions: false, options: [], meetingId: 'mtg' });
  const present = (memberId: string): Attendance => ({ version: 0, meetingId: 'mtg', memberId, signedInAt: AT, signedInAs: 'voting' });
  const ids = roster().map((m) => m.id);
  const docs: DocWrite<StoredDoc>[] = [
    { key: docKey(COMMITTEE, MEETINGS, 'mtg'), value: meeting },
    ...topicIds.map((id) => ({ key: docKey(COMMITTEE, TOPICS, id), value: topicDoc(id) })),
    ...ids.map((id) => ({ key: docKey(COMMITTEE, ATTENDANCE, attendanceId('mtg', id)), value: present(id) })),
  ];
  const indexes = ids.map((id) => ({ key: indexKey(COMMITTEE, ATTENDANCE, 'mtg'), member: attendanceId('mtg', id) }));
  if (!(await commit(deps.redis, { committeeId: COMMITTEE, docs, indexes, audit: null, at: new Date(AT) }))) throw new Error('seed conflict');
  return topicIds;
}

async function openRound(deps: ServiceDeps, topicIds: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const topicId of topicIds) ids.push((await openBallot(deps, { committeeId: COMMITTEE, meetingId: 'mtg', topicId, method: 'secret', actorId: 'chair' })).id);
  return ids;
}

async function bareRound(redis: Redis, sha: string, round: number): Promise<number> {
  const total = VOTERS * BALLOTS_PER_ROUND;
  // Key names of the same shape and length as the service's, so only the work differs.
  const keys = Array.from({ length: BALLOTS_PER_ROUND }, (_, b) => committeeKeys(COMMITTEE).ballot(`b-bare${round}-${String(b).padStart(6, '0')}`));
  return rate(total, (i) => {
    const k = keys[i % BALLOTS_PER_ROUND];
    return redis.evalsha(sha, 2, k?.voted ?? '', k?.tally ?? '', `m${Math.floor(i / BALLOTS_PER_ROUND)}`, 'yes');
  });
}

/** The cast script itself, by EVALSHA, with exactly the keys and arguments castVote sends. */
async function bareCastRound(redis: Redis, sha: string, ballotIds: readonly string[]): Promise<number> {
  const total = VOTERS * ballotIds.length;
  const voters = roster().map((m) => m.id);
  const keys = ballotIds.map((id) => liveKeys(COMMITTEE, id, docKey(COMMITTEE, BALLOTS, id)));
  return rate(total, async (i) => {
    const k = keys[i % keys.length];
    if (!k) throw new Error('no ballot');
    const reply = await redis.evalsha(sha, 7, k.doc, k.eligible, k.voted, k.tally, k.choices, k.order, k.seen(`op-bare-${i}`),
      voters[Math.floor(i / keys.length)] ?? '', 'yes', i.toString(16).padStart(64, '0'));
    if (reply !== 'recorded') throw new Error('cast not recorded');
  });
}

async function serviceRound(deps: ServiceDeps, ballotIds: readonly string[]): Promise<number> {
  const total = VOTERS * ballotIds.length;
  const voters = roster().map((m) => m.id);
  return rate(total, async (i) => {
    const outcome = await castVote(deps, {
      committeeId: COMMITTEE, ballotId: ballotIds[i % ballotIds.length] ?? '', voterId: voters[Math.floor(i / ballotIds.length)] ?? '',
      choice: 'yes', operationId: `op-${ballotIds[i % ballotIds.length] ?? ''}-${i}`,
    });
    if (outcome !== 'recorded') throw new Error('cast not recorded');
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const aof = process.env.BENCH_AOF;
  const server = await startRedisServer({ settings: aof ? { appendonly: 'yes', appendfsync: aof } : {} });
  const redis = createRedis(server.socket, 'request', { commandTimeout: 10_000 });
  try {
    await whenReady(redis);
    probe = createRedis(server.socket, 'request', { commandTimeout: 10_000 });
    await whenReady(probe);
    const deps: ServiceDeps = { redis, clock: manualClock(AT), log: createLogger('warn'), seenKey: deriveSeenKey('bench') };
    const topicIds = await seed(deps, BALLOTS_PER_ROUND * (ROUNDS + 1) * 2);
    const castLua = readFileSync(new URL('../src/store/lua/cast-vote.lua', import.meta.url), 'utf8');
    const castSha = createHash('sha1').update(castLua).digest('hex');
    let nextTopic = 0;
    const ballotsForRound = async (): Promise<string[]> => {
      nextTopic += BALLOTS_PER_ROUND;
      return openRound(deps, topicIds.slice(nextTopic - BALLOTS_PER_ROUND, nextTopic));
    };
    await loadScripts(redis, ['cast-vote']);
    const sha = createHash('sha1').update(BARE_LUA).digest('hex');
    await redis.script('LOAD', BARE_LUA);
    // Warm-up round of each (JIT, script cache), not counted.
    await bareRound(redis, sha, 0);
    await bareCastRound(redis, castSha, await ballotsForRound());
    await serviceRound(deps, await ballotsForRound());
    const bare: number[] = [];
    const bareCast: number[] = [];
    const service: number[] = [];
    const cpu = { bare: { node: [] as number[], redis: [] as number[] }, bareCast: { node: [] as number[], redis: [] as number[] }, service: { node: [] as number[], redis: [] as number[] } };
    const keep = (into: { node: number[]; redis: number[] }) => {
      into.node.push(cpuPerCall.node.at(-1) ?? 0);
      into.redis.push(cpuPerCall.redis.at(-1) ?? 0);
    };
    for (let round = 1; round <= ROUNDS; round += 1) {
      bare.push(await bareRound(redis, sha, round));
      keep(cpu.bare);
      bareCast.push(await bareCastRound(redis, castSha, await ballotsForRound()));
      keep(cpu.bareCast);
      service.push(await serviceRound(deps, await ballotsForRound()));
      keep(cpu.service);
    }
    const b = median(bare);
    const c = median(bareCast);
    const s = median(service);
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    process.stdout.write([
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, redis-server on a unix socket${aof ? `, appendfsync ${aof}` : ', no persistence'}`,
      `casts per round: ${VOTERS * BALLOTS_PER_ROUND}, in flight: ${CONCURRENCY}, rounds: ${ROUNDS} (median)`,
      `bare EVALSHA of cast-vote.lua:  ${fmt(c)} /s   rounds: ${bareCast.map(fmt).join(', ')}`,
      `service castVote:               ${fmt(s)} /s   rounds: ${service.map(fmt).join(', ')}`,
      `bare EVALSHA (SADD+HINCRBY):    ${fmt(b)} /s   rounds: ${bare.map(fmt).join(', ')}   (for scale)`,
      `CPU per call, µs (median): cast script node ${median(cpu.bareCast.node).toFixed(1)} redis ${median(cpu.bareCast.redis).toFixed(1)}; service node ${median(cpu.service.node).toFixed(1)} redis ${median(cpu.service.redis).toFixed(1)}; minimal node ${median(cpu.bare.node).toFixed(1)} redis ${median(cpu.bare.redis).toFixed(1)}`,
      `ratio service / bare cast script: ${(s / c).toFixed(2)} (target ≥ 0.50) ${s / c >= 0.5 ? 'OK' : 'BELOW TARGET'}`,
      `ratio service / minimal script:   ${(s / b).toFixed(2)} (what the script's guarantees cost, for scale)`,
      '',
    ].join('\n'));
  } finally {
    redis.disconnect();
    probe.disconnect();
    await server.stop();
    rmSync(server.dir, { recursive: true, force: true });
  }
}

await main();
