/**
 * A child process that runs only the outbox worker, for the crash tests (SIGKILL, SIGTERM).
 * Test-only settings come from OUTBOX_TEST_* variables; the bot itself reads config via loadConfig.
 */
import { createLarkApi, createLarkClient } from '../../src/lark/api.js';
import { startOutboxWorker } from '../../src/scheduler/outbox-worker.js';
import { createRateLimiter, FEISHU_LIMITS } from '../../src/lark/rate-limit.js';
import { createLogger } from '../../src/log.js';
import { createShutdown } from '../../src/scheduler/shutdown.js';
import { createRedis, whenReady } from '../../src/store/redis.js';

function need(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is required`);
  return value;
}

const redisUrl = need('OUTBOX_TEST_REDIS');
const namespace = need('OUTBOX_TEST_NAMESPACE');
const log = createLogger('warn', (line) => process.stderr.write(`${line}\n`));
const redis = createRedis(redisUrl, 'worker');
await whenReady(redis);
const api = createLarkApi(createLarkClient({ appId: need('OUTBOX_TEST_APP_ID'), appSecret: need('OUTBOX_TEST_APP_SECRET'), domain: need('OUTBOX_TEST_DOMAIN'), timeoutMs: 5000 }));
const worker = startOutboxWorker({ redisUrl, prefix: need('OUTBOX_TEST_PREFIX') }, {
  api, redis, log, namespace, limiter: createRateLimiter(redis, FEISHU_LIMITS, namespace),
  concurrency: 20, baseBackoffMs: 100, maxBackoffMs: 2000, lockDurationMs: 2000,
});
const shutdown = createShutdown(log);
shutdown.add('workers', 'outbox', worker);
shutdown.add('connections', 'redis', { close: async () => { await redis.quit(); } });
shutdown.onSignals();
await worker.worker.waitUntilReady();
process.stdout.write('ready\n');
