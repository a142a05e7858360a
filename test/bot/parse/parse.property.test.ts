import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLeaveArgs, parseMeetingArgs, parseTopicArgs, parseVoteArgs } from '../../../src/bot/parse/commands.js';
import type { CommandInput } from '../../../src/bot/parse/mentions.js';
import { parseEvaluationArgs, parseSetupArgs, parseTaskArgs } from '../../../src/bot/parse/people-commands.js';
import { InputError } from '../../../src/errors.js';
import { BOT, NOW_MS } from './parse-support.js';

const PARSERS = {
  topic: parseTopicArgs, meeting: parseMeetingArgs, leave: parseLeaveArgs, vote: parseVoteArgs,
  evaluation: parseEvaluationArgs, task: parseTaskArgs, setup: parseSetupArgs,
} as const;

const DATES = ['2026-12-10', '12-10', '12/10', '12月10日', '12月40日', '2月29日', '2月30日', '1月5日', '2026年13月1日', '明天', '后天', '今天', '下周三', '周五', '星期日', '本周一', '下下周二', '２０２７－０１－０５'];
const TIMES = ['09:00', '9:00', '25:00', '9:60', '上午9点', '下午3点半', '晚上十二点', '中午1点', '10点一刻', '９：３０', '0:00', '23:59'];
/** The commands' own words, so that random text often comes close to a real command. */
const TOKENS = [
  ...DATES, ...TIMES, '上午', '下午', '点', '至', '到', '~', '事假', '病假', '公出', '年假', '一般', '重大', '人事', '处分', '举手', '记名',
  '无记名', '紧急', '班子', '规则', 'JY', 'nt', '审批', '主任', '书记', '副书记', '列席', '成员', '秘书', '第2项', '0', '3', '９', '：', '　',
  '／', '@', '"', '\\', ' ', '',
];
const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 8 })
  .chain((tokens) => fc.constantFrom(' ', '', '\u3000').map((glue) => tokens.join(glue)));
/** Text shaped like a meeting time or a leave range, so that many inputs are accepted. */
const shapedText = fc.tuple(fc.constantFrom(...DATES), fc.constantFrom(' ', '', ' 至 ', '至'), fc.constantFrom(...DATES, ...TIMES), fc.constantFrom('', ' 第一会议室', ' 紧急', ' 事假 有事', ' 病假'))
  .map((parts) => parts.join(''));
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), tokenText, tokenText, shapedText, shapedText);
const anyInput: fc.Arbitrary<CommandInput> = fc.record({
  args: anyText,
  mentionOpenIds: fc.array(fc.constantFrom(BOT, 'ou_a', 'ou_b', ''), { maxLength: 4 }),
  botOpenId: fc.constant(BOT),
  // Any moment in 2025–2030, so that year ends, leap days and weekdays all come up.
  nowMs: fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2030-12-31T23:59:59Z') }),
});
const anyParser = fc.constantFrom(...Object.keys(PARSERS) as (keyof typeof PARSERS)[]);

type Outcome = { value: unknown } | { refusal: string };

function outcome(name: keyof typeof PARSERS, input: CommandInput): Outcome {
  try {
    return { value: PARSERS[name](input) };
  } catch (error) {
    if (error instanceof InputError) return { refusal: error.userMessage };
    throw error;
  }
}

const RUNS = { numRuns: 3000 };

describe('parsers on random text', () => {
  it('return a value or refuse with an InputError whose message is a Chinese sentence; nothing else is thrown', () => {
    fc.assert(fc.property(anyParser, anyInput, (name, input) => {
      const result = outcome(name, input);
      if ('refusal' in result) expect(result.refusal).toMatch(/^[^\n]+。$/);
    }), RUNS);
  });

  it('are deterministic', () => {
    fc.assert(fc.property(anyParser, anyInput, (name, input) => {
      expect(outcome(name, input)).toEqual(outcome(name, { ...input, mentionOpenIds: [...input.mentionOpenIds] }));
    }), RUNS);
  });

  it('never return a meeting time that is not in the future', () => {
    fc.assert(fc.property(anyInput, fc.constantFrom('', ' 第一会议室', ' 紧急'), (input, tail) => {
      const result = outcome('meeting', { ...input, args: input.args + tail });
      if ('value' in result) expect(Date.parse((result.value as { startsAt: string }).startsAt)).toBeGreaterThan(input.nowMs);
    }), RUNS);
  });

  it('never return a leave that ends before it starts, nor a task due before today', () => {
    const today = (nowMs: number) => new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
    fc.assert(fc.property(anyInput, (input) => {
      const leave = outcome('leave', input);
      if ('value' in leave) {
        const value = leave.value as { kind: string; start?: string; end?: string };
        if (value.kind === 'general') expect(value.start! <= value.end!).toBe(true);
      }
      const task = outcome('task', input);
      if ('value' in task) {
        const value = task.value as { kind: string; due?: string };
        if (value.kind === 'create') expect(value.due! >= today(input.nowMs)).toBe(true);
      }
    }), RUNS);
  });

  it('never name the bot, nor anyone not mentioned', () => {
    fc.assert(fc.property(fc.constantFrom('evaluation', 'task', 'setup') as fc.Arbitrary<keyof typeof PARSERS>, anyInput, (name, input) => {
      const result = outcome(name, input);
      if (!('value' in result)) return;
      const value = result.value as { openIds?: string[]; ownerOpenId?: string };
      for (const openId of [...(value.openIds ?? []), ...(value.ownerOpenId === undefined ? [] : [value.ownerOpenId])]) {
        expect(openId).not.toBe(BOT);
        expect(input.mentionOpenIds).toContain(openId);
      }
    }), RUNS);
  });

  it('read a meeting date typed in full-width exactly as in half-width', () => {
    const fullWidth = (text: string) => text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
    const day = fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), hour: fc.integer({ min: 0, max: 23 }), minute: fc.integer({ min: 0, max: 59 }) });
    fc.assert(fc.property(day, ({ month, day: dayOfMonth, hour, minute }) => {
      const args = `${month}月${dayOfMonth}日 ${hour}:${String(minute).padStart(2, '0')}`;
      const half = outcome('meeting', { args, mentionOpenIds: [], botOpenId: BOT, nowMs: NOW_MS });
      const full = outcome('meeting', { args: fullWidth(args), mentionOpenIds: [], botOpenId: BOT, nowMs: NOW_MS });
      // Every such date is real, so the only refusal is a time earlier today; it quotes the text as typed.
      if ('value' in half) expect(full).toEqual(half);
      else expect(full).toEqual({ refusal: half.refusal.replace(`"${args}"`, `"${fullWidth(args)}"`) });
      expect('value' in half || (month === 12 && dayOfMonth === 1)).toBe(true);
    }), { numRuns: 500 });
  });
});
