/**
 * The environment, validated once at boot. This is the only module that reads
 * `process.env`; everything else receives the frozen {@link Config} (or a `Pick` of it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';
import { ConfigError, type ConfigIssue } from './errors.js';
import { DEFAULT_TIME_ZONE, isRulesZone, RULES_ZONE_HINT } from './rules/zone.js';

const CREDENTIALS_PAGE = '开发者后台 › 凭证与基础信息';
const ENCRYPTION_PAGE = '开发者后台 › 事件与回调 › 加密策略';
const LARK_BASE_URLS = { feishu: 'https://open.feishu.cn', lark: 'https://open.larksuite.com' } as const;
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error'] as const;

/** A log level accepted by LOG_LEVEL; matches node-sdk's logger methods. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A decimal integer in [min, max]; digits only, so "3e3" or "0x50" are refused, not guessed. */
const intBetween = (min: number, max: number) => z.string()
  .refine((s) => /^\d{1,9}$/.test(s) && Number(s) >= min && Number(s) <= max, { error: `must be a whole number from ${min} to ${max}` })
  .transform(Number);

/** feishu | lark | an http(s) base URL → a base URL without trailing slash (the SDK appends `/open-apis`). */
function toLarkBaseUrl(raw: string, ctx: z.RefinementCtx): string {
  const word = raw.toLowerCase();
  if (word === 'feishu' || word === 'lark') return LARK_BASE_URLS[word];
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    ctx.addIssue('must be feishu, lark, or an http(s) base URL such as http://127.0.0.1:4010');
  } else if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    ctx.addIssue('must be a plain base URL, without user:password@, ?query or #fragment');
  } else {
    return url.origin + url.pathname.replace(/\/+$/, '');
  }
  return z.NEVER;
}

/** An IANA zone name at UTC+8 (rules/zone.ts), canonicalised ("asia/shanghai" → "Asia/Shanghai"). */
function toTimeZone(raw: string, ctx: z.RefinementCtx): string {
  let zone: string | null = null;
  try {
    // The shape test refuses offsets such as +08:00, which newer ICU accepts but are not zones.
    if (/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(raw)) zone = new Intl.DateTimeFormat('en-US', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    // RangeError: a zone this Node's ICU does not know; reported below.
  }
  if (zone === null) ctx.addIssue('must be an IANA time zone name such as Asia/Shanghai');
  else if (!isRulesZone(zone)) ctx.addIssue(RULES_ZONE_HINT);
  else return zone;
  return z.NEVER;
}

/** Feishu re-delivers a failed push after 15 s, 5 min, 1 h and 6 h: the last retry comes ≈ 7 h 05 min after the first try. */
export const FEISHU_RETRY_LADDER_SEC = 15 + 5 * 60 + 3600 + 6 * 3600;
/** Whether a retry is signed afresh is not known: the default window admits the last one with its first signature. */
export const DEFAULT_MAX_SKEW_SEC = 8 * 3600;

/** A button-value key is a secret of its own; 32 characters are 128 bits of hex or more. */
const actionSecret = z.string().min(32, { error: 'must be at least 32 characters; generate one with `openssl rand -hex 32`' });

/** "t1, t2" → ['t1', 't2']; an empty entry is a typo, not "any tenant". */
function toTenantKeys(raw: string, ctx: z.RefinementCtx): readonly string[] {
  const keys = raw.split(',').map((key) => key.trim());
  if (keys.every((key) => /^[A-Za-z0-9_.-]{1,128}$/.test(key))) return keys;
  ctx.addIssue('must be tenant keys separated by commas (letters, digits, _ . -), e.g. 736588c9260f175d,2ed263bf32cf1651');
  return z.NEVER;
}

/** ioredis accepts redis://, rediss:// (TLS) and an absolute unix socket path. */
const isRedisUrl = (s: string) =>
  s.startsWith('/') || (URL.canParse(s) && /^rediss?:$/.test(new URL(s).protocol) && new URL(s).hostname !== '');

/**
 * One field per environment variable. Messages are fixed strings: zod does not copy the input into
 * issues unless asked, so no value (and no secret) can reach a {@link ConfigError}.
 */
export const EnvSchema = z.object({
  LARK_APP_ID: z.string()
    .regex(/^cli_[0-9a-z]+$/i, { error: `must be the App ID (starts with cli_); copy it from ${CREDENTIALS_PAGE}` })
    .optional().describe('Feishu app id; unset means sandbox mode'),
  LARK_APP_SECRET: z.string().optional().describe('Feishu app secret'),
  LARK_ENCRYPT_KEY: z.string().optional().describe('signs and encrypts events and card callbacks'),
  LARK_VERIFICATION_TOKEN: z.string().optional().describe('token inside each decrypted event'),
  LARK_ACTION_SECRET: actionSecret.optional().describe('signs button values'),
  LARK_ACTION_SECRET_PREVIOUS: actionSecret.optional().describe('the action secret before the last rotation, still accepted'),
  LARK_TENANT_KEYS: z.string().transform(toTenantKeys).optional().describe('tenants allowed to reach the bot; unset means any'),
  LARK_DOMAIN: z.string().transform(toLarkBaseUrl).default(LARK_BASE_URLS.feishu).describe('Open Platform base URL'),
  LARK_MODE: z.enum(['ws', 'webhook'], { error: 'must be ws (long connection) or webhook' }).default('ws')
    .describe('how events arrive; card callbacks always come over HTTP'),
  PORT: intBetween(1, 65535).default(3000).describe('HTTP port of the receiver'),
  HOST: z.string().regex(/^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*|localhost)$/, { error: 'must be an IP address to listen on, such as 0.0.0.0 or 127.0.0.1' })
    .optional().describe('address the receiver listens on; 0.0.0.0 in Feishu mode and 127.0.0.1 in sandbox mode when unset'),
  LARK_EVENT_MAX_SKEW_SECONDS: intBetween(30, 86400).default(DEFAULT_MAX_SKEW_SEC).describe('replay window for signed requests'),
  REDIS_URL: z.string().refine(isRedisUrl, { error: 'must be redis://host:6379/0, rediss://… (TLS) or a unix socket path' })
    .optional().describe('the store of record; sandbox mode starts its own redis-server when unset'),
  TZ_DEFAULT: z.string().transform(toTimeZone).default(DEFAULT_TIME_ZONE).describe('zone of a new committee'),
  HOLIDAY_FILE: z.string().optional().describe("the office's own holiday schedule for years the chinese-days package lacks"),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info').describe('log level'),
});

/** The name of an environment variable the bot reads. */
export type EnvName = keyof z.input<typeof EnvSchema>;
/** Every environment variable the bot reads; `.env.example` lists exactly these (a test checks). */
export const ENV_NAMES: readonly EnvName[] = Object.freeze(EnvSchema.keyof().options);

/** Credentials and endpoints of the Feishu app, present only in Feishu mode. */
export interface LarkConfig {
  readonly appId: string;
  readonly appSecret: string;
  readonly encryptKey: string;
  readonly verificationToken: string;
  /** Signs button values; `previous` (the one before a rotation) is still accepted, never used to sign. */
  readonly actionSecret: { readonly current: string; readonly previous: string | null };
  /** Tenants whose events and callbacks are accepted; null accepts any. */
  readonly tenantKeys: readonly string[] | null;
  /** Base URL without trailing slash: https://open.feishu.cn, https://open.larksuite.com or a stand-in. */
  readonly baseUrl: string;
  /** How events arrive; card callbacks come over HTTP in both modes. */
  readonly eventMode: 'ws' | 'webhook';
}

interface CommonConfig {
  readonly server: { readonly port: number; readonly host: string; readonly eventMaxSkewSec: number };
  readonly timeZone: string;
  readonly logLevel: LogLevel;
  /** Path of the holiday override file (src/calendar/override-file.ts), or null. */
  readonly holidayFile: string | null;
}

/** The validated, frozen configuration. `mode` narrows `lark` and `redis.url`. */
export type Config =
  | (CommonConfig & { readonly mode: 'sandbox'; readonly lark: null; readonly redis: { readonly url: string | null } })
  | (CommonConfig & { readonly mode: 'feishu'; readonly lark: LarkConfig; readonly redis: { readonly url: string } });

type RawEnv = Partial<Record<EnvName, string>>;

/**
 * Rules that span variables. They read presence only, so they still run when a field is malformed
 * and the operator gets every problem in one go.
 */
function crossIssues(env: RawEnv): ConfigIssue[] {
  const larkSecrets = ['LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'LARK_VERIFICATION_TOKEN', 'LARK_ACTION_SECRET', 'LARK_ACTION_SECRET_PREVIOUS'] as const;
  if (env.LARK_APP_ID === undefined) {
    // A forgotten App ID next to real secrets would silently start the sandbox: refuse instead.
    const set = larkSecrets.filter((name) => env[name] !== undefined);
    return set.length === 0 ? [] : [{
      variable: 'LARK_APP_ID',
      fix: `required because ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set; copy it from ${CREDENTIALS_PAGE}, or clear the LARK_* credentials for sandbox mode`,
    }];
  }
  const issues: ConfigIssue[] = [];
  const missing = (variable: EnvName, fix: string) => {
    if (env[variable] === undefined) issues.push({ variable, fix });
  };
  missing('LARK_APP_SECRET', `required when LARK_APP_ID is set; copy the App Secret from ${CREDENTIALS_PAGE}`);
  // Card callbacks reach our HTTP receiver in ws mode too, and without the key it cannot tell a
  // forged request from Feishu's; so both modes need it, not only webhook.
  missing('LARK_ENCRYPT_KEY', `required in Feishu mode (ws and webhook) so that HTTP requests are authenticated; copy it from ${ENCRYPTION_PAGE}`);
  missing('LARK_VERIFICATION_TOKEN', `required in Feishu mode (ws and webhook); copy it from ${ENCRYPTION_PAGE}`);
  missing('LARK_ACTION_SECRET', 'required in Feishu mode: the key that signs button values, its own secret (not the Encrypt Key); generate one with `openssl rand -hex 32`');
  if (env.LARK_ACTION_SECRET !== undefined && (env.LARK_ACTION_SECRET === env.LARK_ENCRYPT_KEY || env.LARK_ACTION_SECRET === env.LARK_APP_SECRET)) {
    issues.push({ variable: 'LARK_ACTION_SECRET', fix: 'must be its own secret, not a copy of the Encrypt Key or App Secret; generate one with `openssl rand -hex 32`' });
  }
  missing('REDIS_URL', 'required in Feishu mode (only sandbox mode starts its own redis-server); e.g. redis://127.0.0.1:6379/0');
  // node-sdk's WSClient.start() logs and returns without connecting for any other shape.
  if ((env.LARK_MODE ?? 'ws') === 'ws' && /^cli_[0-9a-z]+$/i.test(env.LARK_APP_ID) && !/^cli_[0-9a-f]{16}$/i.test(env.LARK_APP_ID)) {
    issues.push({ variable: 'LARK_APP_ID', fix: `the long connection (LARK_MODE=ws) needs cli_ plus 16 hex digits; check it in ${CREDENTIALS_PAGE} or use LARK_MODE=webhook` });
  }
  return issues;
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) if (typeof inner === 'object' && inner !== null) deepFreeze(inner as object);
  return Object.freeze(value);
}

/**
 * Validates the environment and returns the frozen {@link Config}. Blank values count as unset and
 * values are trimmed (a stray space in a .env file is never meant). Call once, in `main.ts`.
 * @throws ConfigError listing every problem as `NAME: what to fix`, without any value.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const raw: RawEnv = {};
  for (const name of ENV_NAMES) {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') raw[name] = value;
  }
  const parsed = EnvSchema.safeParse(raw);
  const issues: ConfigIssue[] = [
    ...(parsed.error?.issues ?? []).map((issue) => ({ variable: String(issue.path[0]), fix: issue.message })),
    ...crossIssues(raw),
  ];
  if (!parsed.success || issues.length > 0) {
    const order = (issue: ConfigIssue) => ENV_NAMES.indexOf(issue.variable as EnvName);
    throw new ConfigError(issues.sort((a, b) => order(a) - order(b)));
  }
  const e = parsed.data;
  // The sandbox's page lets anyone act as any member: it stays on this machine unless HOST says otherwise.
  const host = e.HOST ?? (e.LARK_APP_ID === undefined ? '127.0.0.1' : '0.0.0.0');
  const common = { server: { port: e.PORT, host, eventMaxSkewSec: e.LARK_EVENT_MAX_SKEW_SECONDS }, timeZone: e.TZ_DEFAULT, logLevel: e.LOG_LEVEL, holidayFile: e.HOLIDAY_FILE ?? null };
  if (e.LARK_APP_ID === undefined) return deepFreeze({ ...common, mode: 'sandbox', lark: null, redis: { url: e.REDIS_URL ?? null } });
  const { LARK_APP_SECRET: appSecret, LARK_ENCRYPT_KEY: encryptKey, LARK_VERIFICATION_TOKEN: verificationToken, LARK_ACTION_SECRET: current, REDIS_URL: url } = e;
  if (appSecret === undefined || encryptKey === undefined || verificationToken === undefined || current === undefined || url === undefined) {
    throw new Error('unreachable: crossIssues reports every missing Feishu variable');
  }
  const lark = {
    appId: e.LARK_APP_ID, appSecret, encryptKey, verificationToken, actionSecret: { current, previous: e.LARK_ACTION_SECRET_PREVIOUS ?? null },
    tenantKeys: e.LARK_TENANT_KEYS ?? null, baseUrl: e.LARK_DOMAIN, eventMode: e.LARK_MODE,
  };
  return deepFreeze({ ...common, mode: 'feishu', lark, redis: { url } });
}

/**
 * Fills `env` from a .env file in the working directory, if there is one. A variable already in
 * the environment wins, even when blank (as `process.loadEnvFile` does; this is that, for any env).
 * Call once, before {@link loadConfig}. Returns whether a file was read.
 */
export function loadDotEnv(path = '.env', env: Record<string, string | undefined> = process.env): boolean {
  if (!existsSync(path)) return false;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(path, 'utf8')))) {
    if (env[name] === undefined) env[name] = value;
  }
  return true;
}
