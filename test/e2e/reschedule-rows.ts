/**
 * The bad-input rows of 改期 and its form's 确认改期, played by step-bad-input.test.ts with the
 * other rows: every role, a stale card, times the /会议 parser refuses, edited and foreign values.
 */
import { FORM_FIELDS } from '../../cards/actions.js';
import { MOVE_FORM_INVALID } from '../../handlers/reschedule-meeting.js';
import { STALE_CARD_TOAST } from '../../src/bot/bot.js';
import { USER_MESSAGES as M } from '../../src/errors.js';
import type { Fixture, Person, Place, Row } from './bad-input-rows.js';
import { sealed } from './meeting-world.js';

const F = FORM_FIELDS.reschedule;
const move = (m: (f: Fixture) => string, late = false) => (f: Fixture) => sealed({ a: 'meeting.reschedule', c: f.c, m: m(f), late });
const noticed = (f: Fixture) => f.noticed;
const action = (name: string, as: Person, where: Place, value: (f: Fixture) => Record<string, unknown> | undefined, answer: string, form?: Record<string, string>): Row =>
  ({ kind: 'action', name, as, where, value, answer, ...(form === undefined ? {} : { form }) });
const at = (time: string, place?: string): Record<string, string> => ({ [F.time]: time, ...(place === undefined ? {} : { [F.place]: place }) });

export const RESCHEDULE_ROWS: Row[] = [
  // 改期: the 书记 or the 秘书 only, with or without the form.
  ...(['viceChair', 'member', 'observer'] as const).flatMap((as) => [
    action(`meeting.reschedule, as ${as}`, as, 'group', move(noticed), M.NOT_CLERK),
    action(`meeting.reschedule with a good form, privately, as ${as}`, as, 'private', move(noticed, true), M.NOT_CLERK, at('12月30日 9:00')),
  ]),
  action('meeting.reschedule by someone not on the roster', 'stranger', 'group', move(noticed), M.NOT_A_MEMBER),
  ...(['chair', 'clerk'] as const).flatMap((as) => [
    action(`meeting.reschedule on a closed meeting (a stale card), as ${as}`, as, 'group', move((f) => f.closed), M.INVALID_STATE),
    action(`meeting.reschedule of a closed meeting with a good form, as ${as}`, as, 'private', move((f) => f.closed, true), M.INVALID_STATE, at('12月30日 9:00')),
    action(`确认改期 with no time, as ${as}`, as, 'private', move(noticed), '请写明会议的日期和时间，如"12月10日 9:00"。', at('', '第二会议室')),
    action(`确认改期 with an unreadable time, as ${as}`, as, 'group', move(noticed), '日期"下个月吧"无法识别。请写成"12月10日 9:00"或"2026-12-10 09:00"。', at('下个月吧')),
    action(`确认改期 with a day and no time, as ${as}`, as, 'group', move((f) => f.scheduled), '请写明会议的时间，如"12月10日 9:00"。', at('12月30日')),
    action(`确认改期 with a time in the past, as ${as}`, as, 'group', move(noticed, true), '时间"2020-01-01 09:00"已经过去。请写一个以后的时间，如"明天 9:00"。', at('2020-01-01 09:00')),
    action(`确认改期 with the place typed into the time, as ${as}`, as, 'group', move(noticed), '无法识别"第一会议室"。请在“会议时间”中只写日期和时间，如"12月10日 9:00"。', at('12月30日 9:00 第一会议室')),
    action(`确认改期 with a place too long, as ${as}`, as, 'group', move(noticed, true), '会议地点太长了（最多 200 字）。请简短些，如"第一会议室"。', at('12月30日 9:00', '地'.repeat(201))),
    action(`确认改期 with a time far too long, as ${as}`, as, 'group', move(noticed), MOVE_FORM_INVALID, at('9'.repeat(201))),
    action(`确认改期 with a time that is not text, as ${as}`, as, 'group', move(noticed), MOVE_FORM_INVALID, { [F.time]: ['12月30日 9:00'] } as unknown as Record<string, string>),
  ]),
  action('meeting.reschedule: an edited meeting id', 'clerk', 'group', (f) => ({ ...move(noticed)(f), m: f.scheduled }), STALE_CARD_TOAST),
  action('meeting.reschedule: an edited late flag', 'clerk', 'group', (f) => ({ ...move(noticed)(f), late: true }), STALE_CARD_TOAST, at('12月30日 9:00')),
  action('meeting.reschedule: an unsigned value', 'clerk', 'group', (f) => ({ a: 'meeting.reschedule', c: f.c, m: f.noticed, late: true }), STALE_CARD_TOAST, at('12月30日 9:00')),
  action('meeting.reschedule: a signed value outside the union', 'clerk', 'group', (f) => sealed({ a: 'meeting.reschedule', c: f.c, m: f.noticed }), STALE_CARD_TOAST),
  action('meeting.reschedule: an unknown meeting', 'clerk', 'group', move(() => 'meeting-unknown', true), M.NOT_FOUND, at('12月30日 9:00')),
  action('meeting.reschedule: another committee\'s card in this group', 'chair', 'group', (f) => sealed({ a: 'meeting.reschedule', c: f.other, m: f.otherMeeting, late: true }), M.FOREIGN_CARD, at('12月30日 9:00')),
  action('meeting.reschedule: this committee\'s card in another committee\'s group', 'clerk', 'otherGroup', move(noticed, true), M.FOREIGN_CARD, at('12月30日 9:00')),
];
