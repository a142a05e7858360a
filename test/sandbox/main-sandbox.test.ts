/**
 * `npm start` as a person runs it: tsx on src/main.ts in a fresh folder. Without LARK_APP_ID it is
 * sandbox mode: it says what it started and where, the page answers, Ctrl-C (SIGINT) ends it with
 * exit code 0 and takes its redis-server along, and the append-only file stays in ./data. With
 * LARK_APP_ID it is the real bot and starts neither a stand-in nor a redis-server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, processesMentioning } from '../support/process-alive.js';
import { REDIS_MISSING } from '../../sandbox/redis-child.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
const MAIN = join(ROOT, 'src/main.ts');
const folders: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  // A run a failed test left behind: its whole group (tsx, the bot; redis-server has its own).
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch { /* already gone */ }
    }
  }
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function freshFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'yishi-start-'));
  folders.push(folder);
  return folder;
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * `npm start` in `cwd` with exactly `env` (no .env there): its output as it comes, and its exit.
 * `direct` runs main.ts in this very node process (tsx as a loader), so a SIGKILL kills the bot itself.
 */
function npmStart(cwd: string, env: NodeJS.ProcessEnv, direct = false) {
  const args = direct ? ['--import', pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, MAIN] : [TSX, MAIN];
  // A process group of its own, as a terminal gives a command: Ctrl-C signals the whole group.
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => { out.stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { out.stderr += chunk.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, out, exited };
}

/** npm start, once it has printed its banner; with the pid of the redis-server it names. */
async function upAndRunning(cwd: string, env: NodeJS.ProcessEnv, direct = false) {
  const run = npmStart(cwd, env, direct);
  await until(() => run.out.stdout.includes(`打开 http://localhost:${env.PORT ?? ''}`) || run.child.exitCode !== null, 'the sandbox banner');
  return { ...run, redisPid: Number(/进程号 (\d+)/.exec(run.out.stdout)?.[1]) };
}

async function until(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start without LARK_APP_ID (sandbox mode)', () => {
  it('prints what it started and where, serves the page, and on Ctrl-C exits 0 with no redis-server left and the AOF in ./data', async () => {
    const cwd = freshFolder();
    const port = await freePort();
    const run = npmStart(cwd, { PATH: process.env.PATH, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    await until(() => run.out.stdout.includes(`打开 http://localhost:${port}`) || run.child.exitCode !== null, 'the sandbox banner');
    const banner = run.out.stdout;
    expect(banner, run.out.stderr).toContain(`Open http://localhost:${port}`);
    const pid = Number(/进程号 (\d+)/.exec(banner)?.[1]);
    expect(alive(pid)).toBe(true);
    expect(banner).toContain(join(cwd, 'data', 'redis'));
    const standInUrl = /Open Platform stand-in: (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? '';
    expect((await fetch(`${standInUrl}/open-apis/unknown`)).status).toBe(404);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    // npm start mounts the chat page.
    expect(await page.text()).toContain('当前身份');

    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    await until(() => !alive(pid), 'redis-server to be gone', 5_000);
    const aofDir = join(cwd, 'data', 'redis', 'appendonlydir');
    const aofFiles = readdirSync(aofDir).filter((f) => f.endsWith('.aof'));
    expect(aofFiles.length).toBeGreaterThan(0);
    expect(aofFiles.some((f) => statSync(join(aofDir, f)).size > 0)).toBe(true);
    expect(statSync(join(cwd, 'data')).mode & 0o077).toBe(0);
  }, 60_000);

  it('after being killed outright, starts again: the orphaned redis-server is stopped, and the demo is found, not seeded again', async () => {
    const cwd = freshFolder();
    const env = { PATH: process.env.PATH, PORT: String(await freePort()), LOG_LEVEL: 'info' };
    const first = await upAndRunning(cwd, env, true);
    expect(first.out.stdout).toContain('seeding the demo committee');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(alive(first.redisPid)).toBe(true);
    const second = await upAndRunning(cwd, env);
    expect(second.out.stdout, second.out.stderr).not.toContain('seeding the demo committee');
    expect(alive(first.redisPid)).toBe(false);
    expect(second.redisPid).not.toBe(first.redisPid);
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
  }, 60_000);

  it('on Ctrl-C at a terminal (SIGINT to the whole process group: tsx and the bot alike) still shuts down once, cleanly', async () => {
    const run = await upAndRunning(freshFolder(), { PATH: process.env.PATH, PORT: String(await freePort()), LOG_LEVEL: 'info' });
    process.kill(-(run.child.pid ?? 0), 'SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.out.stdout.match(/signal received: shutting down/g)).toHaveLength(1);
    await until(() => !alive(run.redisPid), 'redis-server to be gone', 5_000);
  }, 60_000);

  it('on Ctrl-C while it is still starting, finishes the start, then stops it all: no redis-server is left', async () => {
    const cwd = freshFolder();
    const run = npmStart(cwd, { PATH: process.env.PATH, PORT: String(await freePort()), LOG_LEVEL: 'warn' }, true);
    // The redis-server is up (its pid file is written) but the demo is not seeded yet.
    await until(() => existsSync(join(cwd, 'data', 'redis', 'redis.pid')) || run.child.exitCode !== null, 'the redis-server to start');
    expect(run.out.stdout).not.toContain('打开 http://localhost');
    run.child.kill('SIGINT');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(processesMentioning(join(cwd, 'data'))).toEqual([]);
  }, 60_000);

  it('says so and exits 1 when its redis-server dies under it', async () => {
    const run = await upAndRunning(freshFolder(), { PATH: process.env.PATH, PORT: String(await freePort()), LOG_LEVEL: 'error' });
    process.kill(run.redisPid, 'SIGKILL');
    const started = Date.now();
    expect((await run.exited).code).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.out.stderr).toContain('redis-server 意外退出');
    expect(run.out.stderr).toContain('the sandbox stops too');
  }, 60_000);

  it('says in Chinese and English how to install redis-server when it is missing, and exits 1', async () => {
    const cwd = freshFolder();
    // An empty PATH: no redis-server to find (tsx runs node by its own absolute path).
    const run = npmStart(cwd, { PATH: join(cwd, 'no-bin'), PORT: String(await freePort()), HOST: '127.0.0.1', LOG_LEVEL: 'warn' });
    expect((await run.exited).code).toBe(1);
    expect(run.out.stderr).toContain(REDIS_MISSING);
    expect(run.out.stderr).toContain('apt-get install -y redis-server');
  }, 60_000);
});

describe('npm start with LARK_APP_ID (Feishu mode)', () => {
  it('is the real bot: without REDIS_URL it stops at the config check, starting no stand-in and no redis-server', async () => {
    const cwd = freshFolder();
    const run = npmStart(cwd, {
      PATH: process.env.PATH, LARK_APP_ID: 'cli_0123456789abcdef', LARK_APP_SECRET: 'secret', LARK_ENCRYPT_KEY: 'encrypt',
      LARK_VERIFICATION_TOKEN: 'token', LARK_ACTION_SECRET: 'a'.repeat(32), PORT: String(await freePort()), LOG_LEVEL: 'warn',
    });
    expect((await run.exited).code).toBe(1);
    expect(run.out.stderr).toContain('REDIS_URL');
    expect(run.out.stdout).not.toContain('沙盒');
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  }, 60_000);
});
