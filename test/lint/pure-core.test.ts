import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { pureCore } from '../../eslint.layers.js';

/** The project's pure-core block, on a plain TypeScript parser so that virtual files can be linted. */
function linter(): ESLint {
  return new ESLint({
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } }, pureCore],
  });
}

async function ruleIds(code: string, filePath: string): Promise<(string | null)[]> {
  const [result] = await linter().lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId);
}

describe('lint keeps src/rules and cards/ pure', () => {
  it.each([
    ["import Redis from 'ioredis';", 'src/rules/probe.ts'],
    ["import { readFileSync } from 'node:fs';", 'src/rules/probe.ts'],
    ["import Koa from 'koa';", 'cards/probe-card.ts'],
    ["import * as lark from '@larksuiteoapi/node-sdk';", 'cards/probe-card.ts'],
    ["import { saveVote } from '../store/votes.js';", 'src/rules/probe.ts'],
    ["import { cast } from '../src/services/voting.js';", 'cards/probe-card.ts'],
  ])('refuses %s in %s', async (code, filePath) => {
    expect(await ruleIds(code, filePath)).toContain('no-restricted-imports');
  });

  it('refuses reading the clock, the environment or randomness in the pure core', async () => {
    expect(await ruleIds('export const now = Date.now();', 'src/rules/probe.ts')).toEqual(['no-restricted-syntax']);
    expect(await ruleIds('export const now = new Date();', 'cards/probe-card.ts')).toEqual(['no-restricted-syntax']);
    expect(await ruleIds('export const roll = Math.random();', 'src/rules/probe.ts')).toEqual(['no-restricted-syntax']);
    expect(await ruleIds('export const env = process.env.TZ;', 'src/rules/probe.ts')).toEqual(['no-restricted-globals']);
  });

  it('allows the same code outside the pure core, and pure code inside it', async () => {
    expect(await ruleIds("import Redis from 'ioredis';\nexport const now = Date.now() + String(Redis).length;", 'src/store/probe.ts')).toEqual([]);
    expect(await ruleIds("import { z } from 'zod';\nexport const at = new Date(0); export const s = z.string();", 'src/rules/probe.ts')).toEqual([]);
  });
});
