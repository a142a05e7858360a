/**
 * Entry point: read .env and the config, open the store, serve the receiver, start the workers
 * (and the long connection in ws mode), and shut down gracefully on SIGTERM / SIGINT. In sandbox
 * mode the local stand-in of the Open Platform plays Feishu.
 */
import { buildApp, type AppSettings } from './app.js';
import { loadHolidayOverrides } from './calendar/override-file.js';
import { systemClock } from './clock.js';
import { loadConfig, loadDotEnv, type Config } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger, type Logger } from './log.js';
import { loadSandboxSecrets } from './sandbox-secrets.js';
import { createShutdown, type Shutdown } from './scheduler/shutdown.js';
import { openStore } from './store/connect.js';

/** Sandbox mode: a stand-in on loopback with the sandbox's own credentials; the bot is pointed at it. */
async function sandboxLark(config: Config, shutdown: Shutdown): Promise<AppSettings['lark']> {
  const { startStandIn } = await import('../sandbox/open-api/index.js');
  const { actionSecret, ...lark } = loadSandboxSecrets();
  const standIn = await startStandIn({ ...lark, botUrl: `http://127.0.0.1:${config.server.port}/lark/event` });
  shutdown.add('connections', 'stand-in', { close: () => standIn.close() });
  return { ...lark, actionSecret: { current: actionSecret, previous: null }, tenantKeys: null, baseUrl: standIn.url, eventMode: 'webhook' };
}

async function start(config: Config, log: Logger): Promise<void> {
  const shutdown = createShutdown(log);
  shutdown.onSignals();
  const redisUrl = config.redis.url;
  if (redisUrl === null) {
    log.error('sandbox mode needs REDIS_URL for now: set it to a local redis-server, e.g. redis://127.0.0.1:6379/0');
    process.exit(1);
  }
  const holidays = config.holidayFile === null ? undefined : await loadHolidayOverrides(config.holidayFile);
  const { redis } = await openStore(redisUrl, log);
  shutdown.add('connections', 'redis', { close: async () => { await redis.quit(); } });
  const lark = config.mode === 'feishu' ? config.lark : await sandboxLark(config, shutdown);
  const app = buildApp({ lark, redisUrl, maxSkewSec: config.server.eventMaxSkewSec, timeZone: config.timeZone, holidays }, { redis, log, clock: systemClock });
  await app.ready();
  await app.listen(config.server.port, config.server.host);
  app.startBackground();
  app.closeWith(shutdown);
  log.info('yishi started', { mode: config.mode, eventMode: lark.eventMode, port: config.server.port });
}

function main(): void {
  let config: Config;
  try {
    loadDotEnv();
    config = loadConfig();
  } catch (error) {
    // Every problem at once, in words the operator can act on; never a value.
    if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
    else throw error;
    process.exit(1);
  }
  const log = createLogger(config.logLevel);
  start(config, log).catch((error: unknown) => {
    log.error('start failed', { error: error instanceof Error ? error.name : 'unknown', message: error instanceof Error ? error.message : null });
    process.exit(1);
  });
}

main();
