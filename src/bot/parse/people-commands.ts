/**
 * The arguments of the commands that name people: /测评, /督办 and /设置.
 * People come from the message's mentions only (mentions.ts); typed names are refused.
 */
import type { z } from 'zod';
import { ProfileIdSchema, type Role } from '../../domain/committee.js';
import { APPROVER_ROLE_WORDS, ROLE_WORDS, valueOfWord, wordChoices } from '../../domain/labels.js';
import { EvaluationSchema } from '../../domain/ballot.js';
import { TaskSchema, type ApproverRoleSchema } from '../../domain/records.js';
import { localDay, parseDate } from '../../rules/dates.js';
import { readDay } from './datetime.js';
import { InputText, clip, collapse, limited, refuse } from './input-text.js';
import { mentionedPeople, type CommandInput } from './mentions.js';

const EVALUATION_EXAMPLE = '/测评 @张三 @李四';
const TASK_EXAMPLE = '/督办 完成年度预算报告 @张三 12月20日';
const TEAM_WORD = '班子';
const PROFILE_WORD = '规则';
const APPROVER_WORD = '审批';

export type EvaluationArgs = { kind: 'people'; openIds: string[] } | { kind: 'team'; name: string | null };
export type TaskArgs = { kind: 'list' } | { kind: 'create'; title: string; ownerOpenId: string; due: string };
export type SetupArgs =
  | { kind: 'card' }
  | { kind: 'profile'; profileId: z.infer<typeof ProfileIdSchema> }
  | { kind: 'role'; role: Role; openIds: string[] }
  | { kind: 'approver'; role: z.infer<typeof ApproverRoleSchema>; openIds: string[] };

/** Refuses text where only @-mentions belong: a name typed without @ names no one. */
function requireOnlyMentions(rest: string, example: string): void {
  if (rest !== '') refuse('mention', `请用 @ 选择人员，"${clip(rest)}"不是 @ 提及。如"${example}"。`);
}

/** `/测评 @对象…` or `/测评 班子 [班子名称]`. */
export function parseEvaluationArgs(input: CommandInput): EvaluationArgs {
  const text = new InputText(input.args);
  const people = mentionedPeople(input);
  if (text.peekWord() === TEAM_WORD) {
    if (people.length > 0) refuse('mention', `测评班子时不用 @ 人。请写成"/测评 班子"或"${EVALUATION_EXAMPLE}"。`);
    text.takeWord();
    const name = text.rest();
    return { kind: 'team', name: name === '' ? null : limited(name, EvaluationSchema.shape.subject.maxLength, '班子名称', '/测评 班子 县委常委会') };
  }
  requireOnlyMentions(text.rest(), EVALUATION_EXAMPLE);
  if (people.length === 0) refuse('missing', `请 @ 要测评的人，如"${EVALUATION_EXAMPLE}"；测评班子请写"/测评 班子"。`);
  return { kind: 'people', openIds: people };
}

/** `/督办` (the open tasks) or `/督办 <事项> @负责人 <日期>`: one owner, a due date today or later. */
export function parseTaskArgs(input: CommandInput): TaskArgs {
  const people = mentionedPeople(input);
  const args = collapse(input.args);
  if (args === '' && people.length === 0) return { kind: 'list' };
  const cut = args.lastIndexOf(' ');
  const dueWord = args.slice(cut + 1);
  const dueText = new InputText(dueWord);
  const due = cut < 0 && people.length === 0 ? null : readDay(dueText, input.nowMs);
  if (due === null || !dueText.atEnd) refuse('missing', `请写明办结期限，如"${TASK_EXAMPLE}"。`);
  if (parseDate(due, 'due') < localDay(input.nowMs)) {
    refuse('past', `期限"${clip(dueWord)}"已经过去。请写今天或以后的日期，如"12月20日"。`);
  }
  const title = cut < 0 ? '' : args.slice(0, cut);
  if (title === '') refuse('missing', `请写明督办事项，如"${TASK_EXAMPLE}"。`);
  if (people.length === 0) refuse('missing', `请 @ 督办事项的负责人，如"${TASK_EXAMPLE}"。`);
  if (people.length > 1) refuse('mention', `督办事项只能有一位负责人，请只 @ 一人，如"${TASK_EXAMPLE}"。`);
  return { kind: 'create', title: limited(title, TaskSchema.shape.title.maxLength, '督办事项', TASK_EXAMPLE), ownerOpenId: people[0] ?? '', due };
}

const PROFILE_CHOICES = ProfileIdSchema.options.join('、');

/** `/设置`, `/设置 规则 <ID>`, `/设置 <角色> @…` and `/设置 审批 <审批角色> @…`. */
export function parseSetupArgs(input: CommandInput): SetupArgs {
  const text = new InputText(input.args);
  const first = text.takeWord();
  if (first === '') return { kind: 'card' };
  if (first === PROFILE_WORD) {
    const id = text.takeWord(true);
    if (id === '') refuse('missing', `请写明规则，如"/设置 规则 JY"。可选：${PROFILE_CHOICES}。`);
    const profileId = ProfileIdSchema.options.find((option) => option === id.toUpperCase());
    if (profileId === undefined) refuse('unknown_word', `规则"${clip(id)}"不存在。可选：${PROFILE_CHOICES}，如"/设置 规则 JY"。`);
    if (!text.atEnd) refuse('unreadable', `无法识别"${clip(text.rest())}"。请写成"/设置 规则 ${profileId}"。`);
    return { kind: 'profile', profileId };
  }
  const people = mentionedPeople(input);
  if (first === APPROVER_WORD) {
    const word = text.takeWord();
    const example = `/设置 审批 ${APPROVER_ROLE_WORDS.director} @张三`;
    const role = valueOfWord(APPROVER_ROLE_WORDS, word);
    if (role === undefined) {
      const choices = wordChoices(APPROVER_ROLE_WORDS);
      if (word === '') refuse('missing', `请写明审批人的职务（${choices}），如"${example}"。`);
      refuse('unknown_word', `审批职务"${clip(word)}"无法识别。请写${choices}，如"${example}"。`);
    }
    return { kind: 'approver', role, openIds: withPeople(people, text.rest(), `要设为${word}的审批人`, example) };
  }
  const role = valueOfWord(ROLE_WORDS, first);
  const example = `/设置 ${first} @张三`;
  if (role === undefined) {
    refuse('unknown_word', `无法识别"${clip(first)}"。请写成"/设置"、"/设置 规则 JY"、"/设置 ${ROLE_WORDS.chair} @张三"或"/设置 审批 ${APPROVER_ROLE_WORDS.director} @张三"；角色可写${wordChoices(ROLE_WORDS)}。`);
  }
  return { kind: 'role', role, openIds: withPeople(people, text.rest(), `要设为${first}的人`, example) };
}

function withPeople(people: string[], rest: string, who: string, example: string): string[] {
  requireOnlyMentions(rest, example);
  if (people.length === 0) refuse('missing', `请 @ ${who}，如"${example}"。`);
  return people;
}
