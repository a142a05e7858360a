/**
 * Opens the store for a running bot: connect, wait until ready, load every script, warn clearly
 * when the server's persistence settings would let an acknowledged vote be lost, and start the AOF
 * rewrite for any secret ballot whose close was not followed by a confirmed one (a crash).
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { catchUpAofRewrite } from './aof-compaction.js';
import { checkDurability, createRedis, whenReady } from './redis.js';
import { loadScripts, type ScriptName } from './scripts.js';

export const ALL_SCRIPTS: readonly ScriptName[] = ['commit-docs', 'cast-vote', 'open-ballot', 'close-ballot'];

export async function openStore(url: string, log: Logger): Promise<{ redis: Redis; durabilityProblems: string[] }> {
  const redis = createRedis(url, 'request', {}, log);
  await whenReady(redis);
  await loadScripts(redis, ALL_SCRIPTS);
  const durabilityProblems = await checkDurability(redis, log);
  await catchUpAofRewrite(redis, log);
  return { redis, durabilityProblems };
}
