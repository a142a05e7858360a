/**
 * Opens the store for a running bot: connect, wait until ready, load every script, and warn
 * clearly when the server's persistence settings would let an acknowledged vote be lost.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { checkDurability, createRedis, whenReady } from './redis.js';
import { loadScripts, type ScriptName } from './scripts.js';

export const ALL_SCRIPTS: readonly ScriptName[] = ['commit-docs', 'cast-vote', 'open-ballot', 'close-ballot'];

export async function openStore(url: string, log: Logger): Promise<{ redis: Redis; durabilityProblems: string[] }> {
  const redis = createRedis(url, 'request');
  await whenReady(redis);
  await loadScripts(redis, ALL_SCRIPTS);
  const durabilityProblems = await checkDurability(redis, log);
  return { redis, durabilityProblems };
}
