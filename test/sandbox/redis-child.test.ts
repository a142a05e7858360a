/**
 * The sandbox's redis-server child: on an owner-only unix socket in the data folder, or on a
 * loopback port when that folder's path is too long for a socket; AOF on with the settings the bot
 * checks for, no RDB snapshots; stopped (and gone) when asked.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRedisChild } from '../../sandbox/redis-child.js';
import { createRedis, EXPECTED_DURABILITY, whenReady } from '../../src/store/redis.js';
import { alive } from '../support/process-alive.js';

const folders: string[] = [];
afterAll(() => { for (const folder of folders) rmSync(folder, { recursive: true, force: true }); });

async function check(dataDir: string) {
  const child = await startRedisChild(dataDir);
  const redis = createRedis(child.url);
  await whenReady(redis);
  const settings = Object.fromEntries(await Promise.all(Object.keys(EXPECTED_DURABILITY).map(async (name) => (await redis.config('GET', name)) as [string, string])));
  expect(settings).toEqual(EXPECTED_DURABILITY);
  // No RDB snapshots beside the AOF: one file format to keep and to reason about.
  expect(await redis.config('GET', 'save')).toEqual(['save', '']);
  expect(await redis.set('k', 'v')).toBe('OK');
  await redis.quit();
  expect(alive(child.pid)).toBe(true);
  await child.stop();
  expect(alive(child.pid)).toBe(false);
  expect((await child.exited).expected).toBe(true);
  return child;
}

describe('startRedisChild', () => {
  it('listens on an owner-only socket in <dataDir>/redis', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'yishi-rc-'));
    folders.push(dataDir);
    const child = await check(dataDir);
    expect(child.url).toBe(join(dataDir, 'redis', 'redis.sock'));
    expect(statSync(join(dataDir, 'redis')).mode & 0o077).toBe(0);
  }, 30_000);

  it('falls back to a loopback port when the folder\'s path is too long for a socket', async () => {
    const base = mkdtempSync(join(tmpdir(), 'yishi-rc-'));
    folders.push(base);
    const dataDir = join(base, 'a-folder-name-long-enough-that-a-unix-socket-path-inside-it-would-not-fit-in-sun-path');
    mkdirSync(dataDir);
    const child = await check(dataDir);
    expect(child.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+\/0$/);
  }, 30_000);
});
