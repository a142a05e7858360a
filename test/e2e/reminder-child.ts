/**
 * A whole bot process (the app as main.ts builds it, every worker on) for the reminder tests with
 * several instances. Arguments: stand-in URL, redis socket, queue prefix. With REMINDER_DIE_AFTER_DELIVER=1
 * it SIGKILLs itself after its first reminder's sends are in the outbox and before the job is acknowledged.
 */
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startBot } from './receiver-setup.js';

const [baseUrl, redisUrl, queuePrefix] = process.argv.slice(2);
if (baseUrl === undefined || redisUrl === undefined || queuePrefix === undefined) throw new Error('usage: reminder-child <stand-in url> <redis> <prefix>');
const die = process.env.REMINDER_DIE_AFTER_DELIVER === '1';
const redis = createRedis(redisUrl);
await whenReady(redis);
const bot = await startBot({
  baseUrl, redis, redisUrl, queuePrefix, outboxLockMs: 1_500,
  reminderWorker: {
    lockDurationMs: 1_500,
    ...(die ? { afterDeliver: (jobId: string) => { process.stdout.write(`${JSON.stringify({ delivered: jobId })}\n`); process.kill(process.pid, 'SIGKILL'); return new Promise<void>(() => undefined); } } : {}),
  },
});
bot.app.startBackground();
process.stdout.write(`${JSON.stringify({ ready: bot.url })}\n`);
