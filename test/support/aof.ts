/**
 * Reading what an attacker with a copy of the data would read: the append-only files on disk, and
 * the dataset a fresh redis-server loads from a copy of them, dumped key by key in server order.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { aofRewriteSettled } from '../../src/store/aof-compaction.js';
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

/** The append-only files of a data folder: those the manifest lists (Redis loads them) and any others. */
export function aofFiles(dataDir: string): { listed: string[]; other: string[] } {
  const dir = join(dataDir, 'appendonlydir');
  const all = readdirSync(dir);
  const manifest = all.find((f) => f.endsWith('.manifest'));
  const listed = readFileSync(join(dir, manifest ?? ''), 'utf8').split('\n').map((l) => /file (\S+)/.exec(l)?.[1]).filter((f): f is string => f !== undefined);
  return { listed, other: all.filter((f) => f !== manifest && !listed.includes(f)) };
}

/** Every command of one RESP stream (an incremental AOF file), as its words. */
function commandsOf(data: Buffer): string[][] {
  const commands: string[][] = [];
  let at = 0;
  const line = (): string => {
    const end = data.indexOf('\r\n', at);
    const text = data.subarray(at, end).toString('latin1');
    at = end + 2;
    return text;
  };
  while (at < data.length) {
    const count = Number(line().slice(1));
    const words: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const length = Number(line().slice(1));
      words.push(data.subarray(at, at + length).toString('utf8'));
      at += length + 2;
    }
    commands.push(words);
  }
  return commands;
}

/**
 * The units of every incremental AOF file on disk (listed or left over): a MULTI…EXEC block, or a
 * single command outside one. A script's effects are one block.
 */
export function aofBlocks(dataDir: string): string[][][] {
  const dir = join(dataDir, 'appendonlydir');
  const { listed, other } = aofFiles(dataDir);
  const blocks: string[][][] = [];
  for (const file of [...listed, ...other].filter((f) => f.includes('.incr.'))) {
    let block: string[][] | null = null;
    for (const command of commandsOf(readFileSync(join(dir, file)))) {
      const name = (command[0] ?? '').toUpperCase();
      if (name === 'MULTI') block = [];
      else if (name === 'EXEC') { if (block) blocks.push(block); block = null; }
      else if (block) block.push(command);
      else blocks.push([command]);
    }
  }
  return blocks;
}

/** AOF blocks in which a cast set a voter's bit and added to a counter: the link a rewrite removes. */
export function castBlocks(dataDir: string, votedKey: string): number {
  return aofBlocks(dataDir).filter((b) => b.some((c) => c[0]?.toUpperCase() === 'SETBIT' && c[1] === votedKey) && b.some((c) => c[0]?.toUpperCase() === 'HINCRBY')).length;
}

/** Waits until no rewrite runs and the history files it replaced are deleted. */
export async function rewriteFilesSettled(redis: Redis, dataDir: string): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const info = await redis.info('persistence');
    if (/aof_rewrite_in_progress:0/.test(info) && /aof_rewrite_scheduled:0/.test(info) && aofFiles(dataDir).other.length === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('AOF rewrite did not finish');
}

/** Starts a fresh redis-server on a copy of `dataDir`'s appendonlydir and runs `read` against it. */
export async function withAofCopy<T>(dataDir: string, read: (redis: Redis) => Promise<T>): Promise<T> {
  const copy = mkdtempSync(join(tmpdir(), 'yishi-aof-copy-'));
  cpSync(join(dataDir, 'appendonlydir'), join(copy, 'appendonlydir'), { recursive: true });
  const server = await startRedisServer({ dir: copy, settings: { appendonly: 'yes' } });
  const redis = createRedis(server.socket);
  try {
    await whenReady(redis);
    return await read(redis);
  } finally {
    await redis.quit();
    await server.stop();
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Text as text, anything binary (a bitmap) as hex. */
function printable(value: Buffer): string {
  const text = value.toString('utf8');
  // eslint-disable-next-line no-control-regex
  return Buffer.from(text, 'utf8').equals(value) && !/[\u0000-\u0008\u000e-\u001f]/.test(text) ? text : `hex:${value.toString('hex')}`;
}

/** One key as a reader sees it: type, encoding, TTL and contents in the server's own order. */
export async function dumpKey(redis: Redis, key: string): Promise<{ type: string; encoding: string; ttl: number; contents: string[] }> {
  const type = await redis.type(key);
  const encoding = String(await redis.object('ENCODING', key));
  const ttl = await redis.pttl(key);
  let contents: string[];
  if (type === 'string') contents = [printable((await redis.getBuffer(key)) ?? Buffer.alloc(0))];
  else if (type === 'hash') contents = Object.entries(await redis.hgetall(key)).map(([f, v]) => `${f}=${v}`);
  else if (type === 'set') contents = await redis.smembers(key);
  else if (type === 'list') contents = await redis.lrange(key, 0, -1);
  else if (type === 'zset') contents = await redis.zrange(key, 0, -1, 'WITHSCORES');
  else if (type === 'stream') contents = (await redis.xrange(key, '-', '+')).map((e) => JSON.stringify(e));
  else if (type === 'none') contents = [];
  else throw new Error(`unexpected type ${type} at ${key}`);
  return { type, encoding, ttl, contents };
}

/** Every key of the server, in SCAN order. */
export async function allKeys(redis: Redis, match = '*'): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  return keys;
}

/** dumpUnits on a store still in use: a worker may drop a key between listing and reading it, then it reads again. */
export async function settledUnits(redis: Redis): Promise<{ key: string; unit: string }[]> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await dumpUnits(redis);
    } catch (error) {
      if (attempt >= 10) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Every stored unit a reader could see: key names, strings, hash field=value pairs, members, elements. */
export async function dumpUnits(redis: Redis): Promise<{ key: string; unit: string }[]> {
  const units: { key: string; unit: string }[] = [];
  for (const key of await allKeys(redis)) {
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
  return units;
}

/** Words of a unit: ids and English choices, and runs of Chinese (grades). */
const words = (text: string): string[] => text.split(/[^A-Za-z0-9_.\-\u4e00-\u9fff]+/).filter(Boolean);

/** Units in which a voter's id and a choice both occur as whole words. */
export function links(units: { key: string; unit: string }[], voterIds: readonly string[], choices: readonly string[]): { key: string; unit: string }[] {
  return units.filter(({ unit }) => {
    const found = words(unit);
    return found.some((t) => voterIds.includes(t)) && found.some((t) => choices.includes(t));
  });
}

/** A redis-server of its own with the AOF on and fsynced per write, as production runs it. */
export async function startAofServer(): Promise<{ server: RedisServer; redis: Redis }> {
  const server = await startRedisServer({ settings: { appendonly: 'yes', appendfsync: 'always' } });
  const redis = createRedis(server.socket);
  await whenReady(redis);
  return { server, redis };
}

/** Stops it once any rewrite a close started has finished, and removes its data. */
export async function stopAofServer(server: RedisServer, redis: Redis): Promise<void> {
  await aofRewriteSettled(redis);
  await redis.quit();
  await server.stop();
  rmSync(server.dir, { recursive: true, force: true });
}
