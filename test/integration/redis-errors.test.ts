/**
 * The bot's own connections during an outage: the redis-server under them is stopped, ioredis
 * retries and fails again and again, and what reaches stderr and the log is checked. A connection
 * made without a logger is the control: it shows the test would see ioredis's own lines.
 */
import { rmSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../src/log.js';
import { createQueue } from '../../src/scheduler/queues.js';
import { createRedis, logConnectionErrors, whenReady } from '../../src/store/redis.js';
import { startRedisServer } from '../support/redis-server.js';

const UNHANDLED = 'Unhandled error event';
const opened: Redis[] = [];
afterEach(() => {
  for (const redis of opened.splice(0)) redis.disconnect();
  vi.restoreAllMocks();
});

/** Everything written to stderr, by console.error or directly, while `run` runs. */
async function stderrDuring(run: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { written.push(args.map(String).join(' ')); });
  const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
  try {
    await run();
  } finally {
    write.mockRestore();
  }
  return written.join('\n');
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A redis-server, a connection to it made by `connect`, then the server stopped and 2.5 s of retries. */
async function outage(connect: (socket: string) => Redis): Promise<{ stderr: string; socket: string }> {
  const server = await startRedisServer();
  const redis = connect(server.socket);
  opened.push(redis);
  await whenReady(redis);
  const stderr = await stderrDuring(async () => {
    await server.stop();
    await wait(2_500);
  });
  rmSync(server.dir, { recursive: true, force: true });
  return { stderr, socket: server.socket };
}

describe('a connection whose redis-server stops', () => {
  it('without a logger (the control) ioredis prints its unhandled error lines, more than once', async () => {
    const { stderr } = await outage((socket) => createRedis(socket, 'worker'));
    expect(stderr.split(UNHANDLED).length - 1).toBeGreaterThan(1);
  });

  it.each(['request', 'worker'] as const)('as the bot makes it (%s): nothing on stderr, one log line naming the reason and not the socket', async (role) => {
    const log = memoryLogger();
    const { stderr, socket } = await outage((path) => createRedis(path, role, {}, log));
    expect(stderr).not.toContain(UNHANDLED);
    expect(log.lines).toHaveLength(1);
    const line = JSON.parse(log.lines[0] ?? '{}') as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'warn', role });
    expect(String(line.reason)).toMatch(/^E[A-Z]+$/);
    expect(log.lines[0]).not.toContain(socket);
  });

  it('a queue\'s connection: nothing on stderr, one log line', async () => {
    const log = memoryLogger();
    const server = await startRedisServer();
    const handle = createQueue('hygiene', { redisUrl: server.socket, prefix: 'hygiene', log });
    await handle.queue.waitUntilReady();
    const stderr = await stderrDuring(async () => {
      await server.stop();
      await wait(2_500);
    });
    void handle.close().catch(() => undefined);
    rmSync(server.dir, { recursive: true, force: true });
    expect(stderr).not.toContain(UNHANDLED);
    expect(log.lines.filter((l) => l.includes('redis connection error'))).toHaveLength(1);
  });
});

describe('the error log of one connection', () => {
  it('writes each reason at most once a minute, then once more with the count left out; never the message', () => {
    const log = memoryLogger();
    let now = 0;
    const redis = createRedis('/nonexistent/never.sock', 'request', { lazyConnect: true });
    opened.push(redis);
    logConnectionErrors(redis, 'request', log, () => now);
    const fail = (code: string) => redis.emit('error', Object.assign(new Error(`connect ${code} redis://:hunter2@db:6379`), { code }));
    for (let i = 0; i < 50; i += 1) fail('ECONNREFUSED');
    fail('ETIMEDOUT');
    now = 59_999;
    fail('ECONNREFUSED');
    expect(log.lines).toHaveLength(2);
    now = 60_000;
    fail('ECONNREFUSED');
    expect(log.lines).toHaveLength(3);
    expect(JSON.parse(log.lines[2] ?? '{}')).toMatchObject({ reason: 'ECONNREFUSED', sinceLastLogged: 50 });
    expect(log.lines.join('\n')).not.toMatch(/hunter2|db:6379|redis:\/\//);
  });
});
