/**
 * The sandbox's own Redis: the system `redis-server` as a child process, on a unix socket in the
 * data folder (owner-only), with the append-only file on, so the demo survives a restart. It is
 * stopped with the sandbox; if it dies on its own, `exited` says so and the sandbox stops too.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface RedisChild {
  /** The socket path: what ioredis, BullMQ and REDIS_URL take. */
  readonly url: string;
  readonly pid: number;
  readonly dir: string;
  /** Settles when the child exits, whoever stopped it; `expected` is false for a crash. */
  readonly exited: Promise<{ expected: boolean; code: number | null; signal: NodeJS.Signals | null }>;
  /** SHUTDOWN by SIGTERM (redis-server then finishes the AOF), awaited. */
  stop(): Promise<void>;
}

export const REDIS_MISSING = [
  '未找到 redis-server。请先安装：sudo apt-get install -y redis-server（或运行 ./try，它会自动安装）。',
  'redis-server was not found on PATH. Install it with: sudo apt-get install -y redis-server (or run ./try, which installs it).',
].join('\n');

/** A unix socket path may hold about 107 bytes; past that a short loopback-only port is used instead. */
const SOCKET_PATH_MAX = 100;
const READY_TIMEOUT_MS = 15_000;

export function redisServerInstalled(): boolean {
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

// Persistence as the README asks of a production Redis, so the bot's start-up check stays quiet.
const SETTINGS = { appendonly: 'yes', appendfsync: 'always', 'maxmemory-policy': 'noeviction', save: '' };

export async function startRedisChild(dataDir: string): Promise<RedisChild> {
  if (!redisServerInstalled()) throw new Error(REDIS_MISSING);
  const dir = resolve(dataDir, 'redis');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pidFile = join(dir, 'redis.pid');
  await stopOrphan(pidFile, dir);
  const socket = join(dir, 'redis.sock');
  const useSocket = Buffer.byteLength(socket) <= SOCKET_PATH_MAX;
  if (useSocket && existsSync(socket)) rmSync(socket);
  const port = useSocket ? 0 : await freePort();
  const listen: Record<string, string> = useSocket ? { port: '0', unixsocket: socket, unixsocketperm: '700' } : { port: String(port), bind: '127.0.0.1' };
  const args = Object.entries({ ...listen, dir, ...SETTINGS }).flatMap(([name, value]) => [`--${name}`, value]);
  // Its own process group: Ctrl-C reaches the sandbox, which then stops the server itself, in order.
  const child = spawn('redis-server', [...args, '--pidfile', pidFile], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const keep = (chunk: Buffer): void => { output = (output + chunk.toString()).slice(-4000); };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let stopping = false;
  let gone = false;
  const exited = new Promise<{ expected: boolean; code: number | null; signal: NodeJS.Signals | null }>((done) => {
    child.once('exit', (code, signal) => { gone = true; done({ expected: stopping, code, signal }); });
  });
  child.once('error', (error) => { output += String(error); });
  const until = Date.now() + READY_TIMEOUT_MS;
  while (!gone && !/ready to accept connections/i.test(output)) {
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`redis-server 未能在 ${READY_TIMEOUT_MS / 1000} 秒内启动 / did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  if (gone || child.pid === undefined) throw new Error(`redis-server 启动失败 / failed to start:\n${output}`);
  const url = useSocket ? socket : `redis://127.0.0.1:${port}/0`;
  return {
    url, pid: child.pid, dir, exited,
    async stop() {
      stopping = true;
      if (!gone) child.kill('SIGTERM');
      await exited;
    },
  };
}

const procFile = (pid: number, name: string): string => {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return '';
  }
};

/** The data folder is in use: by the redis-server of a sandbox that is running now. */
export const DATA_DIR_IN_USE = (dir: string, pid: number): string =>
  `另一个沙盒正在使用数据目录 ${dir}（redis-server 进程号 ${pid}）。请先停止它，或换一个目录。/ Another sandbox is using ${dir} (redis-server pid ${pid}): stop it first, or use another folder.`;

/**
 * A redis-server on this data folder from an earlier start. If the node process that started it
 * still runs, that sandbox is alive and this start stops; if it is gone (killed outright), the
 * server is an orphan and is stopped (it finishes its AOF) before a new one opens the same files.
 */
async function stopOrphan(pidFile: string, dir: string): Promise<void> {
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!Number.isSafeInteger(pid) || pid <= 0 || !procFile(pid, 'cmdline').includes('redis-server')) return;
  // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after its ')'.
  const stat = procFile(pid, 'stat');
  const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  if (parent > 1 && procFile(parent, 'cmdline').includes('node')) throw new Error(DATA_DIR_IN_USE(dir, pid));
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (existsSync(`/proc/${pid}`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** A port the kernel had free a moment ago, on loopback. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
