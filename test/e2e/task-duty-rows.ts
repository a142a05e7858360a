/**
 * The bad-input rows of /督办, /职责, 报告进展, 办结 and 登记完成, played by step-bad-input.test.ts
 * with the other rows: every role, bad arguments, unknown, edited, unsigned and foreign values.
 */
import { PROGRESS_MISSING } from '../../handlers/report-task.js';
import { DUTIES_TAKE_NO_ARGS } from '../../handlers/show-duties.js';
import { STALE_CARD_TOAST } from '../../src/bot/bot.js';
import { USER_MESSAGES as M } from '../../src/errors.js';
import type { Fixture, Person, Place, Row } from './bad-input-rows.js';
import { sealed } from './meeting-world.js';

const ROLES = ['chair', 'viceChair', 'member', 'clerk', 'observer'] as const;
const EVERYONE: readonly Person[] = [...ROLES, 'stranger'];
const TASK_EXAMPLE = '"/督办 完成年度预算报告 @张三 12月20日"';

const command = (name: string, as: Person, where: Place, text: string, answer: string): Row => ({ kind: 'command', name, as, where, text, answer });
const action = (name: string, as: Person, where: Place, value: (f: Fixture) => Record<string, unknown> | undefined, answer: string): Row =>
  ({ kind: 'action', name, as, where, value, answer });

const task = (a: 'task.report' | 'task.done', k = 'task-unknown') => (f: Fixture) => sealed({ a, c: f.c, k });
const duty = (d: string) => (f: Fixture) => sealed({ a: 'duty.record', c: f.c, d });

/** The ways a task's or a duty's button value can be bad. */
function badValues(a: string, field: 'k' | 'd', id: string): Row[] {
  const v = (f: Fixture) => ({ a, c: f.c, [field]: id });
  return [
    action(`${a}: an edited id`, 'clerk', 'group', (f) => ({ ...sealed(v(f)), [field]: `${id}x` }), STALE_CARD_TOAST),
    action(`${a}: an edited committee id`, 'clerk', 'group', (f) => ({ ...sealed(v(f)), c: f.other }), STALE_CARD_TOAST),
    action(`${a}: an unsigned value`, 'clerk', 'group', (f) => v(f), STALE_CARD_TOAST),
    action(`${a}: a signed value outside the union`, 'clerk', 'group', (f) => sealed({ ...v(f), x: 1 }), STALE_CARD_TOAST),
    action(`${a}: another committee's card tapped here`, 'clerk', 'group', (f) => sealed({ ...v(f), c: f.other }), M.FOREIGN_CARD),
    action(`${a}: this committee's card tapped in another group`, 'clerk', 'otherGroup', (f) => sealed(v(f)), M.FOREIGN_CARD),
  ];
}

export const TASK_DUTY_ROWS: Row[] = [
  // /督办: who is on the roster hears what is wrong with the arguments (owners are read from the roster).
  ...ROLES.flatMap((as) => [
    command(`/督办 without a due date, as ${as}`, as, 'group', '/督办 完成年度预算报告', `请写明办结期限，如${TASK_EXAMPLE}。`),
    command(`/督办 without an owner, as ${as}`, as, 'group', '/督办 完成年度预算报告 12月20日', `请 @ 督办事项的负责人，如${TASK_EXAMPLE}。`),
    command(`/督办 with an impossible date, as ${as}`, as, 'group', '/督办 完成年度预算报告 12月40日', '日期"12月40日"无法识别。请写成"12月10日"或"2026-12-10"。'),
  ]),
  ...ROLES.map((as) => command(`/督办 with a past due date, privately, as ${as}`, as, 'private', '/task 完成年度预算报告 2020-01-01',
    '期限"2020-01-01"已经过去。请写今天或以后的日期，如"12月20日"。')),
  command('/督办 (the list) by someone not on the roster', 'stranger', 'group', '/督办', M.NOT_A_MEMBER),
  command('/督办 without a due date, by someone not on the roster', 'stranger', 'group', '/督办 完成年度预算报告', M.NOT_A_MEMBER),
  command('/督办 in a group that was never set up, with bad arguments', 'clerk', 'unsetGroup', '/督办 完成年度预算报告 12月40日', M.NO_COMMITTEE),
  command('/督办 (the list) in a group that was never set up', 'member', 'unsetGroup', '/督办', M.NO_COMMITTEE),

  // /职责: nothing after the command word; anyone on the roster.
  ...EVERYONE.map((as) => command(`/职责 with a word after it, as ${as}`, as, 'group', '/职责 本月', DUTIES_TAKE_NO_ARGS)),
  command('/职责 by someone not on the roster', 'stranger', 'group', '/职责', M.NOT_A_MEMBER),
  command('/职责 by someone not on the roster, privately', 'stranger', 'private', '/duties', M.NOT_A_MEMBER),
  command('/职责 in a group that was never set up', 'member', 'unsetGroup', '/职责', M.NO_COMMITTEE),

  // 报告进展 (the form is read first) and 办结, on a task that does not exist.
  ...ROLES.flatMap((as) => [
    action(`task.report with no 进展, as ${as}`, as, 'group', task('task.report'), PROGRESS_MISSING),
    action(`task.done on an unknown task, as ${as}`, as, 'group', task('task.done'), M.NOT_FOUND),
    action(`task.done on an unknown task, privately, as ${as}`, as, 'private', task('task.done'), M.NOT_FOUND),
  ]),
  action('task.report by someone not on the roster', 'stranger', 'group', task('task.report'), M.NOT_A_MEMBER),
  action('task.done by someone not on the roster', 'stranger', 'group', task('task.done'), M.NOT_A_MEMBER),
  ...badValues('task.report', 'k', 'task-unknown'),
  ...badValues('task.done', 'k', 'task-unknown'),

  // 登记完成: the office only; a duty of this committee's profile.
  ...(['viceChair', 'member', 'observer'] as const).flatMap((as) => [
    action(`duty.record, as ${as}`, as, 'group', duty('partyGroupMeeting'), M.NOT_CLERK),
    action(`duty.record privately, as ${as}`, as, 'private', duty('lifeMeeting'), M.NOT_CLERK),
  ]),
  action('duty.record by someone not on the roster', 'stranger', 'group', duty('partyGroupMeeting'), M.NOT_A_MEMBER),
  ...(['chair', 'clerk'] as const).flatMap((as) => [
    action(`duty.record of a duty this profile does not have, as ${as}`, as, 'group', duty('chairAnnualReport'), M.INVALID_INPUT),
  ]),
  ...badValues('duty.record', 'd', 'partyGroupMeeting'),
];
