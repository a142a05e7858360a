/**
 * Starts a real redis-server (the Debian package) on a private unix socket in a temporary folder,
 * for tests. No mocks: the store is tested against the server it runs on in production.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  readonly socket: string;
  readonly dir: string;
  readonly process: ChildProcess;
  /** Stops the server (SIGTERM by default) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface RedisServerOptions {
  /** Reuse a data folder (to restart after a crash); a new temporary one otherwise. */
  dir?: string;
  /** Extra `--name value` settings, e.g. { appendonly: 'yes', appendfsync: 'always' }. */
  settings?: Record<string, string>;
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'yishi-redis-'));
  const socket = join(dir, 'redis.sock');
  if (existsSync(socket)) rmSync(socket);
  const settings = { port: '0', unixsocket: socket, unixsocketperm: '700', dir, save: '', appendonly: 'no', ...options.settings };
  const args = Object.entries(settings).flatMap(([name, value]) => [`--${name}`, value]);
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let exited = false;
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exit = new Promise<void>((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  child.once('error', (error) => { output += String(error); exited = true; });
  try {
    await waitFor(() => exited || (existsSync(socket) && /ready to accept connections/i.test(output)), 'redis-server to start');
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  if (exited) throw new Error(`redis-server did not start (is the redis-server package installed?):\n${output.slice(-2000)}`);
  return {
    socket, dir, process: child,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (!exited) child.kill(signal);
      await exit;
    },
  };
}
