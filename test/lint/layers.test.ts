import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layers } from '../../eslint.layers.js';

/** The project's layer blocks, on a plain TypeScript parser so that virtual files can be linted. */
const linter = new ESLint({
  overrideConfigFile: true,
  overrideConfig: [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { '@typescript-eslint': tseslint.plugin } },
    ...layers,
  ],
});

async function refused(code: string, filePath: string): Promise<boolean> {
  const [result] = await linter.lintText(code, { filePath });
  const ids = (result?.messages ?? []).map((message) => message.ruleId);
  expect(ids.every((id) => id === '@typescript-eslint/no-restricted-imports'), JSON.stringify(result?.messages)).toBe(true);
  return ids.length > 0;
}

describe('lint keeps the dependency arrows one way', () => {
  it.each([
    ["import { Dedup } from '../src/store/redis.js';", 'handlers/cast-vote.ts'],
    ["import { committeeKeys } from '../src/store/keys.js';", 'handlers/cast-vote.ts'],
    ["import Redis from 'ioredis';", 'handlers/cast-vote.ts'],
    ["import { Queue } from 'bullmq';", 'handlers/cast-vote.ts'],
    ["import * as lark from '@larksuiteoapi/node-sdk';", 'handlers/cast-vote.ts'],
    ["import { createLarkApi } from '../src/lark/api.js';", 'handlers/cast-vote.ts'],
    ["import type { LarkApi } from '../src/lark/api.js';", 'handlers/cast-vote.ts'],
    ["import { createOutbox } from '../src/lark/outbox.js';", 'handlers/cast-vote.ts'],
    ["import { createServerApp } from '../src/server/app.js';", 'handlers/cast-vote.ts'],
    ["import type { Envelope } from '../src/server/envelope.js';", 'handlers/cast-vote.ts'],
    ["import { enqueueInbound } from '../src/scheduler/inbound.js';", 'handlers/cast-vote.ts'],
    ["import { Bot } from '../src/bot/bot.js';", 'handlers/cast-vote.ts'],
    ["import { STALE_CARD_TOAST } from '../src/bot/bot.js';", 'handlers/cast-vote.ts'],
    ["import { toMessageEvent } from '../server/envelope.js';", 'src/bot/probe.ts'],
    ["import { startInboundWorker } from '../scheduler/inbound.js';", 'src/bot/probe.ts'],
    ["import { committeeKeys } from '../store/keys.js';", 'src/bot/probe.ts'],
    ["import { createOutbox } from '../lark/outbox.js';", 'src/bot/probe.ts'],
    ["import { castVote } from '../services/voting.js';", 'src/bot/probe.ts'],
    ["import { createWorker } from '../scheduler/queues.js';", 'src/lark/probe.ts'],
    ["import { Bot } from '../bot/bot.js';", 'src/lark/probe.ts'],
    ["import { Bot } from '../bot/bot.js';", 'src/store/probe.ts'],
    ["import { Queue } from 'bullmq';", 'src/store/probe.ts'],
    ["import { decideLeave } from '../rules/leave.js';", 'src/store/probe.ts'],
    ["import { createServerApp } from '../server/app.js';", 'src/scheduler/probe.ts'],
    ["import { Metrics } from '../server/metrics.js';", 'src/scheduler/probe.ts'],
    ["import { startInboundWorker } from '../scheduler/inbound.js';", 'src/server/probe.ts'],
    ["import { createOutbox } from '../lark/outbox.js';", 'src/server/probe.ts'],
    ["import { castVote } from '../services/voting.js';", 'src/server/probe.ts'],
    ["import { Bot } from '../bot/bot.js';", 'src/services/probe.ts'],
    ["import { createOutbox } from '../lark/outbox.js';", 'src/services/probe.ts'],
    ["import { Queue } from 'bullmq';", 'src/services/probe.ts'],
    ["import { registerHandlers } from '../../handlers/index.js';", 'src/services/probe.ts'],
    ["import { TopicSchema } from '../domain/topic.js';", 'src/rules/probe.ts'],
    ["import { decideLeave } from '../rules/leave.js';", 'src/domain/probe.ts'],
    ["import Redis from 'ioredis';", 'src/domain/probe.ts'],
    ["import { loadTopic } from '../src/services/loaders.js';", 'cards/probe-card.ts'],
    ["import { Bot } from './bot/bot.js';", 'src/errors.ts'],
    ["import { registerHandlers } from '../handlers/index.js';", 'src/config.ts'],
    ["import { startStandIn } from '../../sandbox/open-api/index.js';", 'src/services/probe.ts'],
    ["import { startSandbox } from '../sandbox/start.js';", 'src/config.ts'],
    ["import { people } from '../test/e2e/meeting-world.js';", 'sandbox/probe.ts'],
  ])('refuses %s in %s', async (code, filePath) => {
    expect(await refused(code, filePath)).toBe(true);
  });

  it.each([
    ["import type { CommandHandler } from '../src/bot/context.js';\nimport { openTopic } from '../src/services/topics.js';", 'handlers/open-topic.ts'],
    ["import type { Outbox } from '../src/lark/outbox.js';", 'handlers/open-topic.ts'],
    ["import { parseSetupArgs } from '../src/bot/parse/people-commands.js';", 'handlers/open-topic.ts'],
    ["import { parseLeaveArgs } from '../src/bot/parse/commands.js';", 'handlers/request-leave.ts'],
    ["import type { Outbox } from '../lark/outbox.js';\nimport type { ServiceDeps } from '../services/context.js';", 'src/bot/probe.ts'],
    ["import { Bot } from '../bot/bot.js';\nimport { createOutbox } from '../lark/outbox.js';", 'src/scheduler/probe.ts'],
    ["import { Bot } from '../bot/bot.js';\nimport { Dedup } from './dedup.js';", 'src/server/probe.ts'],
    ["import { committeeKeys } from '../store/keys.js';", 'src/lark/probe.ts'],
    ["import { getProfile } from '../rules/index.js';\nimport { committeeKeys } from '../store/keys.js';\nimport type { LarkApi } from '../lark/api.js';", 'src/services/probe.ts'],
    ["import { TOPIC_KINDS } from '../rules/types.js';", 'src/domain/probe.ts'],
    ["import { TopicSchema } from '../../src/domain/topic.js';", 'cards/probe-card.ts'],
    ["import { RULE_IDS } from '../src/rules/index.js';", 'cards/probe-card.ts'],
    ["import { registerHandlers } from '../handlers/index.js';\nimport { Dedup } from './server/dedup.js';", 'src/app.ts'],
    ["import { buildApp } from '../src/app.js';\nimport { startStandIn } from './open-api/index.js';", 'sandbox/start.ts'],
  ])('allows %s in %s', async (code, filePath) => {
    expect(await refused(code, filePath)).toBe(false);
  });
});

/** Relative imports of every source file, folded to the folder (layer) they sit in. */
function layerGraph(): Map<string, Set<string>> {
  const rootDir = resolve(import.meta.dirname, '../..');
  const layerOf = (file: string): string => {
    const path = relative(rootDir, file).replace(/\.js$/, '.ts');
    if (path === 'src/app.ts' || path === 'src/main.ts') return 'composition root';
    const parts = path.split('/');
    return parts[0] === 'src' && parts.length > 2 ? `src/${parts[1]}` : parts[0] === 'src' ? 'src (shared)' : (parts[0] ?? '');
  };
  const files = ['src', 'handlers', 'cards'].flatMap((dir) => {
    try {
      return readdirSync(join(rootDir, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(rootDir, dir, f));
    } catch {
      return [];
    }
  });
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const from = layerOf(file);
    for (const match of readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const to = layerOf(resolve(dirname(file), match[1] ?? ''));
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

describe('the source tree as it is', () => {
  it('has no cycle between folders', () => {
    const graph = layerGraph();
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]): void => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      state.set(node, 'open');
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(graph.get('src/bot')?.has('src/server')).toBe(false);
    expect(cycles).toEqual([]);
  });
});
