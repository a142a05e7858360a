/**
 * Lua scripts: one file each in ./lua, loaded once with SCRIPT LOAD, called with EVALSHA, and
 * loaded again when Redis answers NOSCRIPT (its script cache is volatile: restarts, failovers,
 * SCRIPT FLUSH). A NOSCRIPT answer means the script did not run, so calling again is safe.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { guarded } from './unavailable.js';

export type ScriptName = 'commit-docs' | 'cast-vote' | 'open-ballot' | 'close-ballot' | 'rate-limit' | 'card-latest' | 'card-sent' | 'card-later' | 'card-posted';

const sources = new Map<ScriptName, { lua: string; sha: string }>();

function source(name: ScriptName): { lua: string; sha: string } {
  let found = sources.get(name);
  if (!found) {
    const lua = readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8');
    found = { lua, sha: createHash('sha1').update(lua).digest('hex') };
    sources.set(name, found);
  }
  return found;
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
 * Runs a script by its SHA, loading it first when the server does not know it. A timeout or a
 * lost connection is a StoreUnavailableError: the script may have run.
 */
export async function runScript(redis: Redis, name: ScriptName, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
  const { lua, sha } = source(name);
  return guarded(async () => {
    try {
      return await redis.evalsha(sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      await redis.script('LOAD', lua);
      return redis.evalsha(sha, keys.length, ...keys, ...args);
    }
  });
}

/** Loads every named script up front, so the first real call is a plain EVALSHA. */
export async function loadScripts(redis: Redis, names: readonly ScriptName[]): Promise<void> {
  for (const name of names) await redis.script('LOAD', source(name).lua);
}
