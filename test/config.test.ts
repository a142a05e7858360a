import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_SKEW_SEC, ENV_NAMES, FEISHU_RETRY_LADDER_SEC, loadConfig, loadDotEnv } from '../src/config.js';
import { BotError, ConfigError } from '../src/errors.js';

// Distinctive secret values: no error message may contain any of them.
const SECRETS = ['app-secret-Zq81xW', 'encrypt-key-Lm27pR', 'verif-token-Kd55sT', 'redis-pass-Vb39nQ', 'action-secret-Hy64cF-0123456789abcdef', 'old-action-secret-Pw02jN-0123456789ab'] as const;
const feishu = {
  LARK_APP_ID: 'cli_a1b2c3d4e5f60718',
  LARK_APP_SECRET: SECRETS[0],
  LARK_ENCRYPT_KEY: SECRETS[1],
  LARK_VERIFICATION_TOKEN: SECRETS[2],
  LARK_ACTION_SECRET: SECRETS[4],
  REDIS_URL: `redis://:${SECRETS[3]}@127.0.0.1:6379/0`,
};

/** Loads `env`, expecting a ConfigError; returns it for further checks. */
function rejection(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toBeInstanceOf(BotError);
    return error as ConfigError;
  }
  throw new Error('expected loadConfig to throw');
}

function expectNoSecret(message: string): void {
  for (const secret of SECRETS) expect(message).not.toContain(secret);
}

describe('loadConfig', () => {
  it('starts sandbox mode with defaults from an empty environment', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      mode: 'sandbox', lark: null, redis: { url: null },
      server: { port: 3000, host: '127.0.0.1', eventMaxSkewSec: 28_800 }, timeZone: 'Asia/Shanghai', logLevel: 'info', holidayFile: null,
    });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.server)).toBe(true);
    expect(Object.isFrozen(config.redis)).toBe(true);
  });

  it('treats blank values as unset and trims the rest', () => {
    const config = loadConfig({ LARK_APP_ID: '  ', PORT: '', LOG_LEVEL: ' debug ', REDIS_URL: '/tmp/redis.sock' });
    expect(config.mode).toBe('sandbox');
    expect(config.server.port).toBe(3000);
    expect(config.logLevel).toBe('debug');
    expect(config.redis.url).toBe('/tmp/redis.sock');
    expect(loadConfig({ HOLIDAY_FILE: ' /etc/yishi/holidays.json ' }).holidayFile).toBe('/etc/yishi/holidays.json');
  });

  it('loads Feishu mode over the long connection by default', () => {
    const config = loadConfig({ ...feishu, PORT: '8080', TZ_DEFAULT: 'asia/hong_kong' });
    expect(config.mode).toBe('feishu');
    if (config.mode !== 'feishu') return;
    expect(config.lark).toEqual({
      appId: feishu.LARK_APP_ID, appSecret: SECRETS[0], encryptKey: SECRETS[1], verificationToken: SECRETS[2],
      actionSecret: { current: SECRETS[4], previous: null }, tenantKeys: null, baseUrl: 'https://open.feishu.cn', eventMode: 'ws',
    });
    expect(config.redis.url).toBe(feishu.REDIS_URL);
    expect(config.server.port).toBe(8080);
    expect(config.server.host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).server.host).toBe('0.0.0.0');
    expect(config.timeZone).toBe('Asia/Hong_Kong');
    expect(Object.isFrozen(config.lark)).toBe(true);
  });

  it('loads Feishu webhook mode, with lark or a base URL as the domain', () => {
    const lark = loadConfig({ ...feishu, LARK_MODE: 'webhook', LARK_DOMAIN: 'Lark' });
    expect(lark.lark).toMatchObject({ eventMode: 'webhook', baseUrl: 'https://open.larksuite.com' });
    // Webhook mode does not use WSClient, so its strict App ID shape is not required there.
    const local = loadConfig({ ...feishu, LARK_APP_ID: 'cli_test', LARK_MODE: 'webhook', LARK_DOMAIN: 'http://127.0.0.1:4010/' });
    expect(local.lark?.baseUrl).toBe('http://127.0.0.1:4010');
  });

  it('keeps the replay window past Feishu\'s whole retry ladder by default', () => {
    // 15 s + 5 min + 1 h + 6 h, plus the 3 s each of the five attempts may take, plus half an hour.
    expect(FEISHU_RETRY_LADDER_SEC).toBe(25_515);
    expect(DEFAULT_MAX_SKEW_SEC).toBeGreaterThanOrEqual(FEISHU_RETRY_LADDER_SEC + 5 * 3 + 30 * 60);
    expect(loadConfig({}).server.eventMaxSkewSec).toBe(DEFAULT_MAX_SKEW_SEC);
  });

  it('reads the previous action secret for rotation and the tenant allow-list', () => {
    const config = loadConfig({ ...feishu, LARK_ACTION_SECRET_PREVIOUS: SECRETS[5], LARK_TENANT_KEYS: ' 736588c9260f175d , tenant_b ' });
    expect(config.lark?.actionSecret).toEqual({ current: SECRETS[4], previous: SECRETS[5] });
    expect(config.lark?.tenantKeys).toEqual(['736588c9260f175d', 'tenant_b']);
  });

  const bad: [string, Record<string, string>, string][] = [
    ['PORT not a number', { PORT: 'abc' }, 'PORT'],
    ['PORT zero', { PORT: '0' }, 'PORT'],
    ['PORT too large', { PORT: '65536' }, 'PORT'],
    ['PORT in exponent form', { PORT: '3e3' }, 'PORT'],
    ['unknown LARK_MODE', { ...feishu, LARK_MODE: 'http' }, 'LARK_MODE'],
    ['unknown time zone', { TZ_DEFAULT: 'Mars/Olympus_Mons' }, 'TZ_DEFAULT'],
    ['offset instead of a zone', { TZ_DEFAULT: '+08:00' }, 'TZ_DEFAULT'],
    ['zone outside UTC+8', { TZ_DEFAULT: 'Europe/Berlin' }, 'TZ_DEFAULT'],
    ['zone of China at another offset', { TZ_DEFAULT: 'Asia/Urumqi' }, 'TZ_DEFAULT'],
    ['zone at UTC+8 with daylight saving since 1992', { TZ_DEFAULT: 'Australia/Perth' }, 'TZ_DEFAULT'],
    ['webhook without encrypt key', { ...feishu, LARK_MODE: 'webhook', LARK_ENCRYPT_KEY: '' }, 'LARK_ENCRYPT_KEY'],
    ['ws without encrypt key', { ...feishu, LARK_ENCRYPT_KEY: ' ' }, 'LARK_ENCRYPT_KEY'],
    ['webhook without verification token', { ...feishu, LARK_MODE: 'webhook', LARK_VERIFICATION_TOKEN: '' }, 'LARK_VERIFICATION_TOKEN'],
    ['app id without secret', { ...feishu, LARK_APP_SECRET: '' }, 'LARK_APP_SECRET'],
    ['Feishu mode without Redis', { ...feishu, REDIS_URL: '' }, 'REDIS_URL'],
    ['secrets without app id', { ...feishu, LARK_APP_ID: '' }, 'LARK_APP_ID'],
    ['secret pasted as app id', { ...feishu, LARK_APP_ID: SECRETS[0] }, 'LARK_APP_ID'],
    ['ws with an app id WSClient refuses', { ...feishu, LARK_APP_ID: 'cli_test' }, 'LARK_APP_ID'],
    ['domain with another scheme', { LARK_DOMAIN: 'ftp://open.feishu.cn' }, 'LARK_DOMAIN'],
    ['domain without a scheme', { LARK_DOMAIN: 'open.feishu.cn' }, 'LARK_DOMAIN'],
    ['domain with credentials', { LARK_DOMAIN: `https://u:${SECRETS[1]}@open.feishu.cn` }, 'LARK_DOMAIN'],
    ['redis URL with http scheme', { ...feishu, REDIS_URL: `http://:${SECRETS[3]}@127.0.0.1` }, 'REDIS_URL'],
    ['unknown log level', { LOG_LEVEL: 'verbose' }, 'LOG_LEVEL'],
    ['replay window too small', { LARK_EVENT_MAX_SKEW_SECONDS: '5' }, 'LARK_EVENT_MAX_SKEW_SECONDS'],
    ['Feishu mode without action secret', { ...feishu, LARK_ACTION_SECRET: '' }, 'LARK_ACTION_SECRET'],
    ['action secret too short', { ...feishu, LARK_ACTION_SECRET: 'short-Hy64cF' }, 'LARK_ACTION_SECRET'],
    ['action secret copied from the encrypt key', { ...feishu, LARK_ENCRYPT_KEY: SECRETS[4] }, 'LARK_ACTION_SECRET'],
    ['previous action secret too short', { ...feishu, LARK_ACTION_SECRET_PREVIOUS: 'short-Pw02jN' }, 'LARK_ACTION_SECRET_PREVIOUS'],
    ['action secret without app id', { LARK_ACTION_SECRET: SECRETS[4] }, 'LARK_APP_ID'],
    ['tenant list with an empty entry', { ...feishu, LARK_TENANT_KEYS: 'tenant_a,,tenant_b' }, 'LARK_TENANT_KEYS'],
    ['tenant list with spaces inside a key', { ...feishu, LARK_TENANT_KEYS: 'tenant a' }, 'LARK_TENANT_KEYS'],
  ];
  it.each(bad)('rejects %s, naming the variable and no secret', (_case, env, variable) => {
    const error = rejection(env);
    expect(error.code).toBe('config_invalid');
    expect(error.issues.map((issue) => issue.variable)).toEqual([variable]);
    expect(error.message).toMatch(new RegExp(`^${variable}: \\S`, 'm'));
    expectNoSecret(error.message);
  });

  it('refuses a zone outside UTC+8 with a message that says why', () => {
    const error = rejection({ TZ_DEFAULT: 'Europe/Berlin' });
    expect(error.message).toContain('TZ_DEFAULT: must be a time zone at UTC+8 all year since 1992, such as Asia/Shanghai');
  });

  it('lists every problem at once, in .env.example order', () => {
    const error = rejection({ LARK_APP_ID: 'cli_a1b2c3d4e5f60718', PORT: '-1', LARK_MODE: 'wss', TZ_DEFAULT: 'Nowhere' });
    expect(error.issues.map((issue) => issue.variable)).toEqual([
      'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN', 'LARK_ACTION_SECRET', 'LARK_MODE', 'PORT', 'REDIS_URL', 'TZ_DEFAULT',
    ]);
    expect(error.message.split('\n').slice(1)).toHaveLength(8);
    expect(error.message).toContain('LARK_ENCRYPT_KEY: required in Feishu mode');
    expect(error.message).toContain('开发者后台 › 事件与回调 › 加密策略');
  });
});

describe('.env.example', () => {
  const text = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
  const entries = text.split('\n').filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line)).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const);

  it('lists exactly the variables the schema knows, once each, in schema order', () => {
    const names = entries.map(([name]) => name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...ENV_NAMES].sort());
    // Same order too, so ConfigError lines read in the order an operator sees in the file.
    expect(names).toEqual(ENV_NAMES);
  });

  it('loads as sandbox mode when copied unchanged', () => {
    const config = loadConfig(Object.fromEntries(entries.map(([name, value]) => [name, value])));
    expect(config.mode).toBe('sandbox');
  });
});

describe('loadDotEnv', () => {
  const file = (text: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'yishi-env-')), '.env');
    writeFileSync(path, text);
    return path;
  };

  it('fills variables from the file, and those already in the environment win, even blank ones', () => {
    const path = file('LOG_LEVEL=debug\nPORT=8080\nTZ_DEFAULT=Asia/Urumqi\n# a comment\nHOST="127.0.0.1"\n');
    const env: Record<string, string | undefined> = { PORT: '9090', TZ_DEFAULT: '' };
    expect(loadDotEnv(path, env)).toBe(true);
    expect(env).toEqual({ PORT: '9090', TZ_DEFAULT: '', LOG_LEVEL: 'debug', HOST: '127.0.0.1' });
    const config = loadConfig(env);
    expect(config.server).toMatchObject({ port: 9090, host: '127.0.0.1' });
    expect(config.logLevel).toBe('debug');
  });

  it('does nothing without a file', () => {
    const env: Record<string, string | undefined> = {};
    expect(loadDotEnv(join(tmpdir(), 'no-such-dir-yishi', '.env'), env)).toBe(false);
    expect(env).toEqual({});
  });
});
