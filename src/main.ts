/**
 * Entry point: read .env and the config, open the store, serve the receiver, start the workers
 * (and the long connection in ws mode), and shut down gracefully on SIGTERM / SIGINT. In sandbox
 * mode (no LARK_APP_ID) the local stand-in of the Open Platform plays Feishu.
 */
import { buildApp } from './app.js';
import { loadHolidayOverrides } from './calendar/override-file.js';
import { systemClock } from './clock.js';
import { loadConfig, loadDotEnv, type Config } from './config.js';
import { ConfigError } from './errors.js';
import { createLogger, type Logger } from './log.js';
import { SANDBOX_DATA_DIR } from './sandbox-secrets.js';
import { createShutdown } from './scheduler/shutdown.js';
import { openStore } from './store/connect.js';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Sandbox mode: startSandbox runs the whole bot against the local stand-in, with its own
 * redis-server unless REDIS_URL is set; it says in Chinese and English what it started and where.
 */
async function startSandboxMode(config: Config, log: Logger): Promise<void> {
  const holidays = config.holidayFile === null ? undefined : await loadHolidayOverrides(config.holidayFile);
  // Ctrl-C while it starts: let the start finish (its redis-server runs in a group of its own), then stop.
  let stopAsked = false;
  const askStop = (): void => { stopAsked = true; };
  for (const signal of STOP_SIGNALS) process.on(signal, askStop);
  const { startSandbox } = await import('../sandbox/start.js');
  const { sandboxBanner } = await import('../sandbox/banner.js');
  const { chatPage } = await import('../sandbox/chat/index.js');
  const sandbox = await startSandbox({
    pages: chatPage,
    port: config.server.port, host: config.server.host, dataDir: SANDBOX_DATA_DIR, redisUrl: config.redis.url, log,
    app: { timeZone: config.timeZone, maxSkewSec: config.server.eventMaxSkewSec, ...(holidays === undefined ? {} : { holidays }) },
  }).catch((error: unknown) => {
    // Its messages (redis-server missing, the port taken …) are written for the person at the terminal.
    process.stderr.write(`沙盒未能启动 / the sandbox did not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
  // A terminal's Ctrl-C reaches npm, tsx and the bot alike, and each passes it on: a repeat must not
  // cut the shutdown short (with no listener left, tsx's own would exit at once, redis-server orphaned).
  for (const signal of STOP_SIGNALS) process.on(signal, () => undefined).off(signal, askStop);
  const shutdown = createShutdown(log);
  shutdown.add('connections', 'sandbox', sandbox);
  if (stopAsked) {
    await shutdown.run();
    process.exit(0);
  }
  shutdown.onSignals();
  process.stdout.write(sandboxBanner(sandbox, config.server.port));
  void sandbox.failed.then(async (error) => {
    process.stderr.write(`${error.message}\n`);
    await shutdown.run();
    process.exit(1);
  });
}

async function start(config: Config, log: Logger): Promise<void> {
  if (config.mode === 'sandbox') return startSandboxMode(config, log);
  const shutdown = createShutdown(log);
  shutdown.onSignals();
  const redisUrl = config.redis.url;
  const holidays = config.holidayFile === null ? undefined : await loadHolidayOverrides(config.holidayFile);
  const { redis } = await openStore(redisUrl, log);
  shutdown.add('connections', 'redis', { close: async () => { await redis.quit(); } });
  const lark = config.lark;
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
