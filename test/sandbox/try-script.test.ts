/**
 * `./try`, the README's first command: it installs what a fresh machine lacks (npm packages when
 * node_modules is absent or older than the lock file; redis-server from apt when absent, saying
 * so) and then runs `npm start`. Run on a copy of the script with recording stand-ins for npm and
 * apt-get on a PATH of its own, so that nothing is installed for real.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const folders: string[] = [];
afterAll(() => { for (const folder of folders) rmSync(folder, { recursive: true, force: true }); });

/** A folder with the script, a lock file, and a bin/ of real basics plus recording fakes. */
function machine(options: { nodeModules: 'absent' | 'fresh' | 'stale'; redisServer: boolean; uid?: number; sudo?: boolean; browser?: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), 'yishi-try-'));
  folders.push(dir);
  copyFileSync(join(ROOT, 'try'), join(dir, 'try'));
  writeFileSync(join(dir, 'package-lock.json'), '{}');
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  for (const tool of ['env', 'dirname', 'grep']) symlinkSync(`/usr/bin/${tool}`, join(bin, tool));
  symlinkSync(process.execPath, join(bin, 'node'));
  const log = join(dir, 'calls.log');
  const fake = (name: string) => writeFileSync(join(bin, name), `#!/bin/sh\necho "${name} $*" >> "${log}"\n`, { mode: 0o755 });
  fake('npm');
  fake('apt-get');
  // Who the script runs as is what `id -u` says: root, or a user with or without sudo.
  writeFileSync(join(bin, 'id'), `#!/bin/sh\necho ${options.uid ?? 0}\n`, { mode: 0o755 });
  if (options.sudo === true) writeFileSync(join(bin, 'sudo'), `#!/bin/sh\necho "sudo $1" >> "${log}"\nexec "$@"\n`, { mode: 0o755 });
  if (options.redisServer) fake('redis-server');
  // chromium and the CJK font, which npm test's browser test needs; present unless said otherwise.
  if (options.browser !== false) {
    fake('chromium');
    writeFileSync(join(bin, 'dpkg-query'), '#!/bin/sh\nprintf "install ok installed"\n', { mode: 0o755 });
  }
  if (options.nodeModules !== 'absent') {
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules/.package-lock.json'), '{}');
    const lockAge = options.nodeModules === 'stale' ? 0 : -60;
    const now = Date.now() / 1000;
    utimesSync(join(dir, 'package-lock.json'), now + lockAge, now + lockAge);
    utimesSync(join(dir, 'node_modules/.package-lock.json'), now - 30, now - 30);
  }
  const run = (env: Record<string, string> = {}) => {
    const result = spawnSync('/bin/sh', [join(dir, 'try')], { env: { ...env, PATH: bin }, encoding: 'utf8' });
    let calls: string[] = [];
    try {
      calls = readFileSync(log, 'utf8').trim().split('\n');
    } catch { /* nothing was called */ }
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, calls };
  };
  return { run, dir };
}

describe('./try', () => {
  it('on a machine with everything in place, only runs npm start', () => {
    const { status, calls } = machine({ nodeModules: 'fresh', redisServer: true }).run();
    expect(status).toBe(0);
    expect(calls).toEqual(['npm start']);
  });

  it('runs npm ci first when node_modules is absent, and when it is older than the lock file', () => {
    for (const nodeModules of ['absent', 'stale'] as const) {
      const { status, stdout, calls } = machine({ nodeModules, redisServer: true }).run();
      expect(status).toBe(0);
      expect(calls).toEqual(['npm ci --no-audit --no-fund', 'npm start']);
      expect(stdout).toContain('npm ci');
    }
  });

  it('installs redis-server with apt when it is missing, saying so, then starts', () => {
    const { status, stdout, calls } = machine({ nodeModules: 'fresh', redisServer: false }).run();
    expect(status).toBe(0);
    expect(stdout).toContain('未找到 redis-server');
    expect(stdout).toContain('redis-server (the sandbox\'s store) is missing: installing it with apt');
    expect(calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq redis-server', 'npm start']);
  });

  it('installs chromium and the CJK font that npm test needs, with redis-server in one apt call, saying why', () => {
    const { status, stdout, calls } = machine({ nodeModules: 'fresh', redisServer: false, browser: false }).run();
    expect(status).toBe(0);
    expect(stdout).toContain('npm test');
    expect(stdout).toContain('fonts-noto-cjk');
    expect(calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq redis-server chromium fonts-noto-cjk', 'npm start']);
    expect(machine({ nodeModules: 'fresh', redisServer: true, browser: false }).run().calls)
      .toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium fonts-noto-cjk', 'npm start']);
  });

  it('as a user, installs redis-server through sudo; without sudo it says what to run as root and stops', () => {
    const withSudo = machine({ nodeModules: 'fresh', redisServer: false, uid: 1000, sudo: true }).run();
    expect(withSudo.status).toBe(0);
    expect(withSudo.calls).toEqual(['sudo env', 'apt-get update -qq', 'sudo env', 'apt-get install -y -qq redis-server', 'npm start']);
    const without = machine({ nodeModules: 'fresh', redisServer: false, uid: 1000 }).run();
    expect(without.status).toBe(1);
    expect(without.stdout).toContain('apt-get install -y redis-server');
    expect(without.calls).toEqual([]);
  });

  it('skips redis-server when REDIS_URL names a server of the user\'s', () => {
    const m = machine({ nodeModules: 'fresh', redisServer: false });
    expect(m.run({ REDIS_URL: 'redis://127.0.0.1:6379/0' }).calls).toEqual(['npm start']);
  });

  it('skips redis-server when .env sets REDIS_URL, but not for a blank one', () => {
    const given = machine({ nodeModules: 'fresh', redisServer: false });
    writeFileSync(join(given.dir, '.env'), 'LARK_APP_ID=\nREDIS_URL=/run/redis/redis.sock\n');
    expect(given.run().calls).toEqual(['npm start']);
    const blank = machine({ nodeModules: 'fresh', redisServer: false });
    writeFileSync(join(blank.dir, '.env'), 'REDIS_URL=\n');
    expect(blank.run().calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq redis-server', 'npm start']);
  });
});
