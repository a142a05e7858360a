// @ts-check
/**
 * The layer rules of DESIGN.md, kept apart so that a test can prove they bite.
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
    { group: ['**/services/**', '**/store/**', '**/lark/**', '**/server/**', '**/scheduler/**', '**/bot/**', '**/handlers/**', '**/app', '**/app.js', '**/main', '**/main.js', '**/config', '**/config.js', '**/sandbox/**'], message: 'The pure core imports nothing of the outer layers (DESIGN.md: dependencies point one way).' },
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
