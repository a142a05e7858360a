/**
 * A bot process for the crash test: it acknowledges events (queueing them) but runs no worker,
 * prints its port, and waits to be killed. Arguments: stand-in URL, redis socket, queue prefix.
 */
import { createRedis, whenReady } from '../../src/store/redis.js';
import { startBot } from './receiver-setup.js';

const [baseUrl, redisUrl, queuePrefix] = process.argv.slice(2);
if (baseUrl === undefined || redisUrl === undefined || queuePrefix === undefined) throw new Error('usage: receiver-child <stand-in url> <redis> <prefix>');
const redis = createRedis(redisUrl);
await whenReady(redis);
const bot = await startBot({ baseUrl, redis, redisUrl, queuePrefix });
process.stdout.write(`${JSON.stringify({ url: bot.url })}\n`);
