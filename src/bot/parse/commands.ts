/**
 * The arguments of /议题, /会议, /请假 and /表决. Each parser returns a typed
 * value or throws InputError with one Chinese sentence that says what is wrong and gives an example.
 */
import { LEAVE_REASON_WORDS, TOPIC_KIND_WORDS, VOTE_METHOD_WORDS, valueOfWord, wordChoices } from '../../domain/labels.js';
import { MeetingLeaveSchema, MeetingSchema } from '../../domain/meeting.js';
import { TopicSchema } from '../../domain/topic.js';
import type { z } from 'zod';
import type { LeaveReasonSchema, VoteMethodSchema } from '../../domain/index.js';
import { readDateTime, readDay, readRangeEnd, requireWordEnd } from './datetime.js';
import { InputText, clip, collapse, limited, refuse } from './input-text.js';
import type { CommandInput } from './mentions.js';

const TOPIC_EXAMPLE = '/议题 关于2027年度部门预算的请示 重大';
const MEETING_EXAMPLE = '/会议 12月10日 9:00 第一会议室';
const MEETING_LEAVE_EXAMPLE = '/请假 出差在外';
const GENERAL_LEAVE_EXAMPLE = '/请假 12月10日 至 12月12日 事假 家中有事';
const VOTE_EXAMPLE = '/表决 2 无记名';
const URGENT_WORD = '紧急';
/** 至 and its signs; not 到, which reasons use ("明天 到省里开会"). */
const UNTIL_RE = /\s*(?:至|~|—)/y;

export interface TopicArgs { title: string; kind: keyof typeof TOPIC_KIND_WORDS }
export interface MeetingArgs { startsAt: string; place: string | null; emergency: boolean }
export type LeaveArgs =
  | { kind: 'meeting'; reason: string }
  | { kind: 'general'; start: string; end: string; reason: z.infer<typeof LeaveReasonSchema>; reasonText: string };
export interface VoteArgs { item: number; method: z.infer<typeof VoteMethodSchema> | null }

/** Splits off the last word when it is one of `words`' words. */
function trailingWord<V extends string>(args: string, words: Readonly<Record<V, string>>): { head: string; value: V | undefined } {
  const text = collapse(args);
  const cut = text.lastIndexOf(' ');
  const value = valueOfWord(words, cut < 0 ? text : text.slice(cut + 1));
  return value === undefined ? { head: text, value } : { head: cut < 0 ? '' : text.slice(0, cut), value };
}

/** `/议题 <标题> [一般|重大|人事|处分]`; the kind defaults to 一般. */
export function parseTopicArgs(input: CommandInput): TopicArgs {
  const { head, value } = trailingWord(input.args, TOPIC_KIND_WORDS);
  if (head === '') refuse('missing', `请写明议题标题，如"${TOPIC_EXAMPLE}"。`);
  return { title: limited(head, TopicSchema.shape.title.maxLength, '议题标题', TOPIC_EXAMPLE), kind: value ?? 'general' };
}

/** `/会议 <日期 时间> [地点] [紧急]`: the time must be in the future. */
export function parseMeetingArgs(input: CommandInput): MeetingArgs {
  const text = new InputText(input.args);
  const startsAt = readDateTime(text, input.nowMs, '会议', MEETING_EXAMPLE);
  const words = text.rest().split(' ').filter((word) => word !== '');
  const placeWords = words.filter((word) => word !== URGENT_WORD);
  const place = placeWords.length === 0 ? null : limited(placeWords.join(' '), MeetingSchema.shape.location.unwrap().maxLength, '会议地点', MEETING_EXAMPLE);
  return { startsAt, place, emergency: placeWords.length < words.length };
}

function leaveReason(text: InputText, example: string): string {
  const reason = text.rest();
  if (reason === '') refuse('missing', `请写明请假事由，如"${example}"。`);
  return limited(reason, MeetingLeaveSchema.shape.reason.maxLength, '请假事由', example);
}

/**
 * `/请假 <原因>` (meeting leave) or `/请假 <开始> [至 <结束>] <事假|病假|公出> <原因>` (general leave).
 * Text that starts with a date is general leave when 至 follows or the next word is a leave type;
 * otherwise it is a meeting-leave reason ("明天出差").
 */
export function parseLeaveArgs(input: CommandInput): LeaveArgs {
  const text = new InputText(input.args);
  const startAt = text.offset;
  const start = readDay(text, input.nowMs);
  const ranged = start !== null && text.match(UNTIL_RE) !== null;
  let end = start;
  if (ranged) {
    text.skipSpace();
    const endAt = text.offset;
    end = readRangeEnd(text, input.nowMs, start);
    if (end === null) refuse('missing', `请写明结束日期，如"${GENERAL_LEAVE_EXAMPLE}"。`);
    requireWordEnd(text, endAt);
  }
  const typeWord = start !== null && text.atBoundary ? text.peekWord() : '';
  const reason = valueOfWord(LEAVE_REASON_WORDS, typeWord);
  if (start === null || end === null || (!ranged && reason === undefined)) {
    text.offset = startAt;
    return { kind: 'meeting', reason: leaveReason(text, MEETING_LEAVE_EXAMPLE) };
  }
  if (end < start) refuse('order', `结束日期早于开始日期。请写成"${GENERAL_LEAVE_EXAMPLE}"。`);
  if (reason === undefined) {
    const choices = wordChoices(LEAVE_REASON_WORDS);
    if (typeWord === '') refuse('missing', `请写明请假类型（${choices}），如"${GENERAL_LEAVE_EXAMPLE}"。`);
    refuse('unknown_word', `请假类型"${clip(typeWord)}"无法识别。请写${choices}，如"${GENERAL_LEAVE_EXAMPLE}"。`);
  }
  text.takeWord();
  return { kind: 'general', start, end, reason, reasonText: leaveReason(text, GENERAL_LEAVE_EXAMPLE) };
}

/** `/表决 <议题序号> [举手|记名|无记名]`; without a method the profile's method for the kind applies. */
export function parseVoteArgs(input: CommandInput): VoteArgs {
  const text = new InputText(input.args);
  const itemWord = text.takeWord(true);
  if (itemWord === '') refuse('missing', `请写明议题序号，如"${VOTE_EXAMPLE}"。`);
  const item = /^第?([1-9]\d{0,2})项?$/.exec(itemWord)?.[1];
  if (item === undefined) refuse('unreadable', `议题序号"${clip(text.raw.slice(text.offset - itemWord.length, text.offset))}"无法识别。请写数字，如"${VOTE_EXAMPLE}"。`);
  const methodWord = text.takeWord();
  const method = methodWord === '' ? null : valueOfWord(VOTE_METHOD_WORDS, methodWord);
  if (method === undefined) refuse('unknown_word', `表决方式"${clip(methodWord)}"无法识别。请写${wordChoices(VOTE_METHOD_WORDS)}，如"${VOTE_EXAMPLE}"。`);
  if (!text.atEnd) refuse('unreadable', `无法识别"${clip(text.rest())}"。请写成"${VOTE_EXAMPLE}"。`);
  return { item: Number(item), method };
}
