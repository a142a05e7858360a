// @ts-check
/**
 * The layer rules (dependencies point one way, toward the pure core), kept apart so that a test can prove they bite.
 */

/** Modules that do I/O or read the outside world: never allowed in the pure core. */
export const ioModules = [
  'ioredis', 'koa', 'bullmq', '@larksuiteoapi/node-sdk', 'axios', 'undici',
  'fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'http', 'node:http', 'https', 'node:https',
  'net', 'node:net', 'child_process', 'node:child_process', 'dgram', 'node:dgram', 'os', 'node:os',
  'process', 'node:process', 'worker_threads', 'node:worker_threads',
];

/** The pure core may import its own folder, src/domain, zod and dayjs: nothing of the outer layers. */
export const pureCoreRestrictions = {
  paths: ioModules.map((name) => ({ name, message: 'src/rules and cards/ are pure: no I/O modules.' })),
  patterns: [
    { group: ['**/services/**', '**/store/**', '**/lark/**', '**/server/**', '**/scheduler/**', '**/bot/**', '**/handlers/**', '**/app', '**/app.js', '**/main', '**/main.js', '**/config', '**/config.js', '**/sandbox/**'], message: 'The pure core imports nothing of the outer layers (dependencies point one way).' },
  ],
};

/** src/rules and cards/ are pure: no I/O module, no outer layer, no clock, no randomness. */
/** @type {import("eslint").Linter.Config} */
export const pureCore = {
    files: ['src/rules/**/*.ts', 'cards/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', pureCoreRestrictions],
      'no-restricted-globals': ['error',
        { name: 'process', message: 'The pure core reads no environment.' },
        { name: 'fetch', message: 'The pure core does no I/O.' },
        { name: 'setTimeout', message: 'The pure core reads no clock.' },
        { name: 'setInterval', message: 'The pure core reads no clock.' }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'The pure core reads no clock: take "now" as an argument.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The pure core reads no clock: take "now" as an argument.' },
        { selector: "CallExpression[callee.name='dayjs'][arguments.length=0]", message: 'The pure core reads no clock: take "now" as an argument.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'The pure core is deterministic.' }],
    },
  };

/**
 * The dependency arrows, one block per folder. Each names what a folder must not
 * import; together they leave no cycle:
 *   handlers → services, cards, bot (types);  cards → rules, domain;  app.ts → everything;  nothing else → handlers
 *   server → bot, store;  scheduler → bot, lark, store;  bot → services (types), lark (types)
 *   services → rules, domain, store, lark (types);  lark → store;  store → domain
 *   domain → rules (its vocabulary and zone model: types.ts, zone.ts);  rules → nothing of ours
 * The shared leaves (errors, log, clock, config, metrics, crypto-util) import no layer but rules.
 * typescript-eslint's variant of the rule is used so that a layer may take types only.
 */
const outer = {
  services: '**/services/**', store: '**/store/**', lark: '**/lark/**', server: '**/server/**',
  scheduler: '**/scheduler/**', bot: '**/bot/**', handlers: '**/handlers/**', cards: '**/cards/**',
  domain: '**/domain/**', rules: '**/rules/**',
};
// sandbox/ sits outside the bot: only main.ts reaches it, by a dynamic import in sandbox mode.
const root = ['**/app', '**/app.js', '**/main', '**/main.js', '**/sandbox/**'];
const larkSdk = { name: '@larksuiteoapi/node-sdk', message: 'Only src/lark and src/server talk to the Feishu SDK.' };

/**
 * @param {string[]} files
 * @param {string} layer
 * @param {{ banned: (keyof typeof outer)[], typesOnly?: (keyof typeof outer)[], paths?: { name: string, message: string }[], extra?: ({ message: string, allowTypeImports?: boolean } & ({ group: string[] } | { regex: string }))[] }} arrows
 * @returns {import("eslint").Linter.Config}
 */
function layer(files, layer, arrows) {
  const message = `${layer} must not import this layer: dependencies point one way.`;
  const patterns = [
    { group: [...arrows.banned.map((name) => outer[name]), ...root], message },
    ...(arrows.typesOnly ?? []).map((name) => ({ group: [outer[name]], message: `${layer} may import only types from ${name}.`, allowTypeImports: true })),
    ...(arrows.extra ?? []),
  ];
  return { files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: arrows.paths ?? [], patterns }] } };
}

const noQueue = { name: 'bullmq', message: 'Queues belong to src/scheduler (and the outbox in src/lark).' };
const noQueueNoRedis = [noQueue, { name: 'ioredis', message: 'Redis belongs to src/store.' }];

/** @type {import("eslint").Linter.Config[]} */
export const layers = [
  layer(['src/rules/**/*.ts'], 'src/rules', { banned: ['services', 'store', 'lark', 'server', 'scheduler', 'bot', 'handlers', 'cards', 'domain'] }),
  // Cards render the rules' own sentences and thresholds (依据), so the pure core may read the pure core.
  layer(['cards/**/*.ts'], 'cards/', { banned: ['services', 'store', 'lark', 'server', 'scheduler', 'bot', 'handlers'] }),
  layer(['src/domain/**/*.ts'], 'src/domain', {
    banned: ['services', 'store', 'lark', 'server', 'scheduler', 'bot', 'handlers', 'cards'],
    paths: [...ioModules.map((name) => ({ name, message: 'src/domain is plain data: no I/O modules.' }))],
    extra: [{ group: ['**/rules/**', '!**/rules/types.js', '!**/rules/zone.js'], message: 'src/domain takes only the vocabulary and the zone model (src/rules/types.ts, zone.ts) from the rules.' }],
  }),
  layer(['src/store/**/*.ts'], 'src/store', { banned: ['services', 'lark', 'server', 'scheduler', 'bot', 'handlers', 'cards', 'rules'], paths: [larkSdk, noQueue] }),
  layer(['src/lark/**/*.ts'], 'src/lark', { banned: ['services', 'server', 'scheduler', 'bot', 'handlers', 'cards', 'rules', 'domain'] }),
  layer(['src/services/**/*.ts'], 'src/services', { banned: ['server', 'scheduler', 'bot', 'handlers', 'cards'], typesOnly: ['lark'], paths: [larkSdk, noQueue] }),
  layer(['src/bot/**/*.ts'], 'src/bot', { banned: ['server', 'scheduler', 'store', 'handlers', 'cards'], typesOnly: ['services', 'lark'], paths: [larkSdk, ...noQueueNoRedis] }),
  layer(['src/scheduler/**/*.ts'], 'src/scheduler', { banned: ['server', 'handlers', 'cards'] }),
  layer(['src/server/**/*.ts'], 'src/server', { banned: ['services', 'lark', 'scheduler', 'handlers', 'cards'], paths: [noQueue] }),
  {
    ...layer(['src/*.ts'], 'A shared module', { banned: ['services', 'store', 'lark', 'server', 'scheduler', 'bot', 'handlers', 'cards', 'domain'] }),
    ignores: ['src/app.ts', 'src/main.ts'],
  },
  // The sandbox runs the whole bot (app.ts included) but is no test: nothing of test/ ships with it.
  { files: ['sandbox/**/*.ts'], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/test/**'], message: 'sandbox/ must not import test code.' }] }] } },
  layer(['handlers/**/*.ts'], 'A handler', {
    banned: ['store', 'server', 'scheduler', 'rules'],
    paths: [larkSdk, ...noQueueNoRedis],
    extra: [
      { group: ['**/bot/**', '!**/bot/parse', '!**/bot/parse/**'], message: 'A handler may import only types from bot, and its command parser.', allowTypeImports: true },
      { group: ['**/lark/api', '**/lark/api.js'], message: 'A handler never calls the Feishu API: it answers, or sends through ctx.outbox.' },
      { group: ['**/lark/**', '!**/lark/api', '!**/lark/api.js'], message: 'A handler may import only types from src/lark.', allowTypeImports: true },
    ],
  }),
];
