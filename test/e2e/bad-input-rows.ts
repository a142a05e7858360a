/**
 * The rows of the bad-input test: every command and card action the bot registers, played with bad
 * input (malformed arguments, unknown ids, edited, unsigned, foreign or outdated button values,
 * stale cards, the wrong chat, private and group chats) and by every role. Each row names what is
 * tried, who tries it, where, and the one Chinese answer expected; the runner proves that nothing
 * of either committee changed. Add the rows of a new handler here.
 */
import { TITLE } from '../../cards/copy.js';
import { RATING_REFUSALS } from '../../handlers/rate-evaluation.js';
import { MINUTES_TAKES_NO_ARGS } from '../../handlers/draft-minutes.js';
import { MINUTES_WORDING_MISSING } from '../../handlers/save-minutes.js';
import { NO_MEETING_IN_PROGRESS } from '../../handlers/open-vote.js';
import { SIGN_IN_TAKES_NO_ARGS } from '../../handlers/sign-in.js';
import { GENERAL_LEAVE_FORM_INVALID } from '../../handlers/submit-general-leave.js';
import { LEAVE_REASON_MISSING } from '../../handlers/submit-meeting-leave.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { STALE_CARD_TOAST } from '../../src/bot/bot.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { sealed } from './meeting-world.js';
import { TASK_DUTY_ROWS } from './task-duty-rows.js';

/** Who acts: a role of the roster, or someone not on it. */
export const ROLES = ['chair', 'viceChair', 'member', 'clerk', 'observer'] as const;
export type Person = (typeof ROLES)[number] | 'stranger' | 'uninvitedObserver';
export const EVERYONE: readonly Person[] = [...ROLES, 'stranger'];

/** Where: the committee's group, the member's private chat with the bot, the other committee's group, a group never set up. */
export type Place = 'group' | 'private' | 'otherGroup' | 'unsetGroup';

/** What the rows refer to, made by the runner. */
export interface Fixture {
  /** The committee under test and a second one (for foreign cards). */
  c: string;
  other: string;
  /** Meetings of `c`: noticed (sign-in not open), scheduled without notice, closed; one of `other`. */
  noticed: string;
  scheduled: string;
  closed: string;
  otherMeeting: string;
  /** Evaluations of `c` (of m1, so m1 rates neither): one open, one closed; one of `other`. */
  evaluation: string;
  closedEvaluation: string;
  otherEvaluation: string;
  /** The noticed meeting's first topic. */
  noticedTopic: string;
}

type Value = Record<string, unknown> | undefined;
export type Row =
  | { kind: 'command'; name: string; as: Person; where: Place; text: string; answer: string }
  | { kind: 'action'; name: string; as: Person; where: Place; value: (f: Fixture) => Value; answer: string };

const STALE = STALE_CARD_TOAST;
const M = USER_MESSAGES;

const command = (name: string, as: Person, where: Place, text: string, answer: string): Row => ({ kind: 'command', name, as, where, text, answer });
const action = (name: string, as: Person, where: Place, value: (f: Fixture) => Value, answer: string): Row => ({ kind: 'action', name, as, where, value, answer });

/** A signed value with one field changed afterwards. */
const edited = (value: Record<string, unknown>, change: Record<string, unknown>): Record<string, unknown> => ({ ...value, ...change });
/** Signed with a key this deploy does not hold (another app, or a secret rotated out twice). */
const foreignKey = (value: Record<string, unknown> & { a: string; c: string }): Record<string, unknown> =>
  signActionValue(deriveActionKeys({ current: 'some-other-app-secret-0123456789', previous: null }), value);

/** The ways a button value can be bad, for an action on meeting `m` of the committee (and the value's other fields). */
function badValues(a: string, as: Person, m: (f: Fixture) => string, more: (f: Fixture) => Record<string, unknown> = () => ({})): Row[] {
  const v = (f: Fixture) => ({ a, c: f.c, m: m(f), ...more(f) });
  return [
    action(`${a}: an edited meeting id, as ${as}`, as, 'group', (f) => edited(sealed(v(f)), { m: f.scheduled }), STALE),
    action(`${a}: an edited committee id, as ${as}`, as, 'group', (f) => edited(sealed(v(f)), { c: f.other }), STALE),
    action(`${a}: an unsigned value, as ${as}`, as, 'group', (f) => v(f), STALE),
    action(`${a}: no value at all, as ${as}`, as, 'group', () => undefined, STALE),
    action(`${a}: signed with another key, as ${as}`, as, 'group', (f) => foreignKey(v(f)), STALE),
    action(`${a}: a signed value outside the union (an extra field), as ${as}`, as, 'group', (f) => sealed({ ...v(f), x: 1 }), STALE),
    action(`${a}: an unknown meeting, as ${as}`, as, 'group', (f) => sealed({ ...v(f), m: 'meeting-unknown' }), M.NOT_FOUND),
    action(`${a}: another committee's card tapped in this group, as ${as}`, as, 'group', (f) => sealed({ ...v(f), c: f.other, m: f.otherMeeting }), M.FOREIGN_CARD),
    action(`${a}: this committee's card tapped in another committee's group, as ${as}`, as, 'otherGroup', (f) => sealed(v(f)), M.FOREIGN_CARD),
  ];
}

const openSignIn = (m: (f: Fixture) => string) => (f: Fixture) => sealed({ a: 'meeting.openSignIn', c: f.c, m: m(f) });
const signIn = (m: (f: Fixture) => string) => (f: Fixture) => sealed({ a: 'signIn.signIn', c: f.c, m: m(f) });
const noticed = (f: Fixture) => f.noticed;
const leaveOn = (m: (f: Fixture) => string) => (f: Fixture) => sealed({ a: 'notice.leave', c: f.c, m: m(f) });
const decide = (a: 'leave.approve' | 'leave.reject', p: string) => (f: Fixture) => sealed({ a, c: f.c, m: f.noticed, p });
const minutesOn = (a: 'minutes.edit' | 'minutes.save' | 'minutes.signOff') => (f: Fixture) => sealed({ a, c: f.c, m: f.closed });
const toTask = (m: (f: Fixture) => string = (f) => f.closed) => (f: Fixture) => sealed({ a: 'minutes.toTask', c: f.c, m: m(f), t: f.noticedTopic });
const LEAVE_EXAMPLE = '"/请假 12月10日 至 12月12日 事假 家中有事"';
const rateOn = (e: (f: Fixture) => string, g = '称职') => (f: Fixture) => sealed({ a: 'evaluation.cast', c: f.c, e: e(f), g });
const closeOn = (e: (f: Fixture) => string) => (f: Fixture) => sealed({ a: 'evaluation.close', c: f.c, e: e(f) });
const openEval = (f: Fixture) => f.evaluation;
const remindOn = (e: (f: Fixture) => string) => (f: Fixture) => sealed({ a: 'evaluation.remind', c: f.c, e: e(f) });
const EVAL_EXAMPLE = '"/测评 @张三 @李四"';
/** The noticed meeting's first topic (general) is the item a 会议主持 card names. */
const chair = (a: 'chair.vote' | 'chair.defer' | 'chair.reconsider', m: (f: Fixture) => string, t?: string) =>
  (f: Fixture) => sealed({ a, c: f.c, m: m(f), t: t ?? f.noticedTopic });
const endMeeting = (m: (f: Fixture) => string) => (f: Fixture) => sealed({ a: 'chair.endMeeting', c: f.c, m: m(f) });
const NOBODY_SIGNED_IN = '一般议题须半数以上成员到会（应到 6 人，需 3 人，实到 0 人），暂不能表决。依据：JY-23a。';

export const ROWS: Row[] = [
  // /帮助 answers everyone and whatever follows it, and writes nothing.
  ...EVERYONE.map((as) => command(`/帮助 with junk after it, as ${as}`, as, 'group', '/帮助 %$#@ 12月40日', TITLE.help)),
  command('/help in a private chat, as a stranger', 'stranger', 'private', '/help', TITLE.help),

  // demo.ping: a diagnostic button; only its value can be bad.
  action('demo.ping: an edited value', 'member', 'group', (f) => edited(sealed({ a: 'demo.ping', c: f.c, n: 1 }), { n: 2 }), STALE),
  action('demo.ping: a signed value outside the union', 'member', 'group', (f) => sealed({ a: 'demo.ping', c: f.c, n: -1 }), STALE),

  // 开始签到: the meeting's chair or the clerk, once the notice is out, until the meeting closes.
  ...(['viceChair', 'member', 'observer'] as const).flatMap((as) => [
    action(`meeting.openSignIn, as ${as}`, as, 'group', openSignIn(noticed), M.NOT_CHAIR_OR_CLERK),
    action(`meeting.openSignIn in a private chat, as ${as}`, as, 'private', openSignIn(noticed), M.NOT_CHAIR_OR_CLERK),
  ]),
  action('meeting.openSignIn by someone not on the roster', 'stranger', 'group', openSignIn(noticed), M.NOT_A_MEMBER),
  action('meeting.openSignIn by someone not on the roster, privately', 'stranger', 'private', openSignIn(noticed), M.NOT_A_MEMBER),
  ...(['chair', 'clerk'] as const).flatMap((as) => [
    action(`meeting.openSignIn before the notice, as ${as}`, as, 'group', openSignIn((f) => f.scheduled), M.NOTICE_NOT_SENT),
    action(`meeting.openSignIn on a closed meeting (a stale card), as ${as}`, as, 'group', openSignIn((f) => f.closed), M.INVALID_STATE),
    ...badValues('meeting.openSignIn', as, noticed),
  ]),

  // 签到: anyone the meeting expects, while it is open.
  ...ROLES.map((as) => action(`signIn.signIn on a closed meeting (a stale card), as ${as}`, as, 'group', signIn((f) => f.closed), M.INVALID_STATE)),
  action('signIn.signIn by an observer the meeting did not invite', 'uninvitedObserver', 'group', signIn(noticed), M.NOT_INVITED),
  action('signIn.signIn by someone not on the roster', 'stranger', 'group', signIn(noticed), M.NOT_A_MEMBER),
  action('signIn.signIn by someone not on the roster, privately', 'stranger', 'private', signIn(noticed), M.NOT_A_MEMBER),
  ...badValues('signIn.signIn', 'member', noticed),

  // /签到: only while a sign-in is open, and nothing after the command word.
  ...ROLES.flatMap((as) => [
    command(`/签到 with no sign-in open, as ${as}`, as, 'group', '/签到', M.SIGN_IN_NOT_OPEN),
    command(`/签到 with no sign-in open, privately, as ${as}`, as, 'private', '/签到', M.SIGN_IN_NOT_OPEN),
    command(`/签到 naming someone, as ${as}`, as, 'group', '/签到 王委员', SIGN_IN_TAKES_NO_ARGS),
  ]),
  command('/signin with a stray word, privately', 'member', 'private', '/signin 1', SIGN_IN_TAKES_NO_ARGS),
  command('/签到 by an observer the meeting did not invite', 'uninvitedObserver', 'group', '／签到', M.SIGN_IN_NOT_OPEN),
  command('/签到 by someone not on the roster', 'stranger', 'group', '/签到', M.NOT_A_MEMBER),
  command('/签到 by someone not on the roster, privately', 'stranger', 'private', '/签到', M.NOT_A_MEMBER),
  command('/签到 in a group that was never set up', 'member', 'unsetGroup', '/签到', M.NO_COMMITTEE),

  // 请假 on the notice, 提交请假, and the chair's 同意 / 不同意: voting members ask, the meeting's chair decides.
  ...(['clerk', 'observer'] as const).map((as) => action(`notice.leave, as ${as}`, as, 'group', leaveOn(noticed), M.NOT_VOTING_MEMBER)),
  action('notice.leave by someone not on the roster', 'stranger', 'group', leaveOn(noticed), M.NOT_A_MEMBER),
  action('notice.leave on a closed meeting (a stale card), as member', 'member', 'group', leaveOn((f) => f.closed), M.LEAVE_AFTER_START),
  ...badValues('notice.leave', 'member', noticed),
  action('leave.submit with no form, as member', 'member', 'private', (f) => sealed({ a: 'leave.submit', c: f.c, m: f.noticed }), LEAVE_REASON_MISSING),
  // The form is read before the meeting is looked up: an unknown meeting with no form is told to fill it in.
  ...badValues('leave.submit', 'member', noticed).filter((row) => row.answer !== M.NOT_FOUND),
  ...(['leave.approve', 'leave.reject'] as const).flatMap((a) => [
    ...(['viceChair', 'member', 'clerk', 'observer'] as const).map((as) => action(`${a}, as ${as}`, as, 'private', decide(a, 'm1'), M.NOT_CHAIR)),
    action(`${a} by someone not on the roster`, 'stranger', 'group', decide(a, 'm1'), M.NOT_A_MEMBER),
    action(`${a} with no leave asked, as chair`, 'chair', 'private', decide(a, 'm2'), M.INVALID_STATE),
    action(`${a}: an edited member id, as chair`, 'chair', 'private', (f) => edited(decide(a, 'm1')(f), { p: 'm2' }), STALE),
  ]),

  // 请假申请 and each approver's 同意 / 不同意, and 销假.
  action('generalLeave.submit with no form, as member', 'member', 'private', (f) => sealed({ a: 'generalLeave.submit', c: f.c }), GENERAL_LEAVE_FORM_INVALID),
  action('generalLeave.submit by someone not on the roster', 'stranger', 'group', (f) => sealed({ a: 'generalLeave.submit', c: f.c }), M.NOT_A_MEMBER),
  ...(['generalLeave.approve', 'generalLeave.reject'] as const).flatMap((a) => [
    ...ROLES.map((as) => action(`${a} on an unknown leave, as ${as}`, as, 'private', (f) => sealed({ a, c: f.c, l: 'leave-unknown', s: 0 }), M.NOT_FOUND)),
    action(`${a}: an edited step, as chair`, 'chair', 'private', (f) => edited(sealed({ a, c: f.c, l: 'leave-unknown', s: 0 }), { s: 1 }), STALE),
  ]),
  ...ROLES.map((as) => action(`generalLeave.return on an unknown leave, as ${as}`, as, 'private', (f) => sealed({ a: 'generalLeave.return', c: f.c, l: 'leave-unknown' }), M.NOT_FOUND)),

  // /请假 <原因> (voting members) and /请假 <日期> 至 <日期> <类型> <原因>, and /销假.
  ...(['clerk', 'observer'] as const).map((as) => command(`/请假 <原因>, as ${as}`, as, 'group', '/请假 家中有事', M.NOT_VOTING_MEMBER)),
  command('/请假 by someone not on the roster', 'stranger', 'group', '/请假 家中有事', M.NOT_A_MEMBER),
  command('/请假 in a group that was never set up', 'member', 'unsetGroup', '/leave 家中有事', M.NO_COMMITTEE),
  ...ROLES.flatMap((as) => [
    command(`/请假 with an impossible date, as ${as}`, as, 'group', '/请假 12月40日 至 12月42日 事假 家中有事', '日期"12月40日"无法识别。请写成"12月10日"或"2026-12-10"。'),
    command(`/请假 ending before it starts, privately, as ${as}`, as, 'private', '/请假 2030-12-09 至 2030-12-07 事假 家中有事', `结束日期早于开始日期。请写成${LEAVE_EXAMPLE}。`),
    command(`/请假 ending before it starts, without years, as ${as}`, as, 'group', '/请假 12月9日 至 12月7日 事假 家中有事', `结束日期早于开始日期。请写成${LEAVE_EXAMPLE}。`),
    command(`/请假 with an unknown type, as ${as}`, as, 'group', '/请假 2030-12-07 至 2030-12-09 旅游 家中有事', `请假类型"旅游"无法识别。请写"事假"、"病假"或"公出"，如${LEAVE_EXAMPLE}。`),
    command(`/请假 with no reason, as ${as}`, as, 'group', '/请假 2030-12-07 至 2030-12-09 病假', `请写明请假事由，如${LEAVE_EXAMPLE}。`),
    command(`/销假 with no leave to return, as ${as}`, as, 'group', '/销假', M.NO_LEAVE_TO_RETURN),
  ]),
  command('/销假 by someone not on the roster, privately', 'stranger', 'private', '/销假', M.NOT_A_MEMBER),

  // /测评: the chair or the clerk names people with @, or writes 班子.
  ...(['viceChair', 'member', 'observer'] as const).flatMap((as) => [
    command(`/测评 班子, as ${as}`, as, 'group', '/测评 班子', M.NOT_CLERK),
    command(`/测评 班子 privately, as ${as}`, as, 'private', '/eval 班子', M.NOT_CLERK),
  ]),
  ...(['chair', 'clerk'] as const).flatMap((as) => [
    command(`/测评 naming no one, as ${as}`, as, 'group', '/测评', `请 @ 要测评的人，如${EVAL_EXAMPLE}；测评班子请写"/测评 班子"。`),
    command(`/测评 with a typed name, as ${as}`, as, 'group', '/测评 王委员', `请用 @ 选择人员，"王委员"不是 @ 提及。如${EVAL_EXAMPLE}。`),
  ]),
  command('/测评 班子 with a name too long, as clerk', 'clerk', 'group', `/测评 班子 ${'长'.repeat(101)}`, '班子名称太长了（最多 100 字）。请简短些，如"/测评 班子 县委常委会"。'),
  command('/测评 by someone not on the roster', 'stranger', 'group', '/测评 班子', M.NOT_A_MEMBER),
  command('/测评 in a group that was never set up', 'clerk', 'unsetGroup', '/测评 班子', M.NO_COMMITTEE),

  // A grade on the private 民主测评 ballot: raters only, once, while open, a grade of the category.
  action('evaluation.cast by the person rated', 'member', 'private', rateOn(openEval), RATING_REFUSALS.NOT_ELIGIBLE ?? ''),
  ...ROLES.filter((as) => as !== 'member').flatMap((as) => [
    action(`evaluation.cast with a grade of no category, as ${as}`, as, 'private', rateOn(openEval, '很好'), RATING_REFUSALS.CHOICE_UNKNOWN ?? ''),
    action(`evaluation.cast on a closed evaluation (a stale card), as ${as}`, as, 'private', rateOn((f) => f.closedEvaluation), RATING_REFUSALS.BALLOT_CLOSED ?? ''),
    action(`evaluation.cast on an unknown evaluation, as ${as}`, as, 'private', rateOn(() => 'ev-unknown'), M.NOT_FOUND),
  ]),
  action('evaluation.cast by someone not on the roster', 'stranger', 'private', rateOn(openEval), M.NOT_A_MEMBER),
  action('evaluation.cast: an edited grade', 'chair', 'private', (f) => edited(rateOn(openEval)(f), { g: '优秀' }), STALE),
  action('evaluation.cast: an edited evaluation id', 'chair', 'private', (f) => edited(rateOn(openEval)(f), { e: f.closedEvaluation }), STALE),
  action('evaluation.cast: another committee\'s ballot tapped in this group', 'chair', 'group', (f) => sealed({ a: 'evaluation.cast', c: f.other, e: f.otherEvaluation, g: '称职' }), M.FOREIGN_CARD),

  // 结束测评 on 测评进度: the chair or the clerk.
  ...(['viceChair', 'member', 'observer'] as const).map((as) => action(`evaluation.close, as ${as}`, as, 'group', closeOn(openEval), M.NOT_CLERK)),
  action('evaluation.close by someone not on the roster', 'stranger', 'group', closeOn(openEval), M.NOT_A_MEMBER),
  action('evaluation.close on an unknown evaluation, as clerk', 'clerk', 'group', closeOn(() => 'ev-unknown'), M.NOT_FOUND),
  action('evaluation.close: an edited evaluation id, as clerk', 'clerk', 'group', (f) => edited(closeOn(openEval)(f), { e: f.closedEvaluation }), STALE),
  action('evaluation.close in another committee\'s group, as clerk', 'clerk', 'otherGroup', closeOn(openEval), M.FOREIGN_CARD),
  // 提醒未投票 on 测评进度: the chair or the clerk, while the evaluation is open.
  ...(['viceChair', 'member', 'observer'] as const).map((as) => action(`evaluation.remind, as ${as}`, as, 'group', remindOn(openEval), M.NOT_CLERK)),
  action('evaluation.remind by someone not on the roster', 'stranger', 'group', remindOn(openEval), M.NOT_A_MEMBER),
  ...(['chair', 'clerk'] as const).flatMap((as) => [
    action(`evaluation.remind on a closed evaluation (a stale card), as ${as}`, as, 'group', remindOn((f) => f.closedEvaluation), M.REMIND_NOT_OPEN),
    action(`evaluation.remind on an unknown evaluation, as ${as}`, as, 'group', remindOn(() => 'ev-unknown'), M.NOT_FOUND),
    action(`evaluation.remind: an edited evaluation id, as ${as}`, as, 'group', (f) => edited(remindOn(openEval)(f), { e: f.closedEvaluation }), STALE),
    action(`evaluation.remind: an unsigned value, as ${as}`, as, 'group', (f) => ({ a: 'evaluation.remind', c: f.c, e: f.evaluation }), STALE),
    action(`evaluation.remind in another committee's group, as ${as}`, as, 'otherGroup', remindOn(openEval), M.FOREIGN_CARD),
  ]),
  ...TASK_DUTY_ROWS,
  // /纪要 (the office), 修改 and 保存修改 (the office), 审签 (JY-27: the 书记). No minutes are drafted in the fixture.
  ...(['viceChair', 'member', 'observer'] as const).flatMap((as) => [
    command(`/纪要, as ${as}`, as, 'group', '/纪要', M.NOT_CLERK),
    command(`/minutes privately, as ${as}`, as, 'private', '/minutes', M.NOT_CLERK),
    action(`minutes.edit, as ${as}`, as, 'group', minutesOn('minutes.edit'), M.NOT_CLERK),
    action(`minutes.signOff, as ${as}`, as, 'group', minutesOn('minutes.signOff'), M.NOT_COMMITTEE_CHAIR),
  ]),
  ...EVERYONE.flatMap((as) => [
    command(`/纪要 naming a meeting, as ${as}`, as, 'group', '/纪要 第5次党组会议', MINUTES_TAKES_NO_ARGS),
    action(`minutes.save with no form, as ${as}`, as, 'group', minutesOn('minutes.save'), as === 'stranger' ? M.NOT_A_MEMBER : MINUTES_WORDING_MISSING),
  ]),
  command('/纪要 by someone not on the roster', 'stranger', 'group', '/纪要', M.NOT_A_MEMBER),
  command('/纪要 in a group that was never set up', 'clerk', 'unsetGroup', '/纪要', M.NO_COMMITTEE),
  action('minutes.edit by someone not on the roster', 'stranger', 'group', minutesOn('minutes.edit'), M.NOT_A_MEMBER),
  action('minutes.signOff by the clerk', 'clerk', 'group', minutesOn('minutes.signOff'), M.NOT_COMMITTEE_CHAIR),
  action('minutes.signOff before any draft, as chair', 'chair', 'group', minutesOn('minutes.signOff'), M.MINUTES_NOT_DRAFTED),
  ...(['chair', 'clerk'] as const).flatMap((as) => [
    action(`minutes.edit before any draft, as ${as}`, as, 'group', minutesOn('minutes.edit'), M.MINUTES_NOT_DRAFTED),
    ...badValues('minutes.edit', as, (f) => f.closed),
    // The form is read before the meeting is looked up: an unknown meeting with no form is told to fill it in.
    ...badValues('minutes.save', as, (f) => f.closed).filter((row) => row.answer !== M.NOT_FOUND),
  ]),
  ...badValues('minutes.signOff', 'chair', (f) => f.closed),
  // 转为督办 on the signed minutes (the office): the fixture's closed meeting has no minutes yet.
  ...(['viceChair', 'member', 'observer'] as const).flatMap((as) => [
    action(`minutes.toTask, as ${as}`, as, 'group', toTask(), M.NOT_CLERK),
    action(`minutes.toTask privately, as ${as}`, as, 'private', toTask(), M.NOT_CLERK),
  ]),
  action('minutes.toTask by someone not on the roster', 'stranger', 'group', toTask(), M.NOT_A_MEMBER),
  ...(['chair', 'clerk'] as const).flatMap((as) => [
    action(`minutes.toTask before any draft, as ${as}`, as, 'group', toTask(), M.MINUTES_NOT_DRAFTED),
    action(`minutes.toTask on a meeting not closed, as ${as}`, as, 'group', toTask(noticed), M.MINUTES_NOT_DRAFTED),
    action(`minutes.toTask: an edited topic id, as ${as}`, as, 'group', (f) => edited(toTask()(f), { t: 'topic-unknown' }), STALE),
    ...badValues('minutes.toTask', as, (f) => f.closed, (f) => ({ t: f.noticedTopic })),
  ]),
  // 会议主持: 表决, 暂缓, 复议, 结束会议 by whoever chairs the meeting; the services decide.
  ...(['viceChair', 'member', 'clerk', 'observer'] as const).flatMap((as) => [
    action(`chair.vote, as ${as}`, as, 'group', chair('chair.vote', noticed), M.NOT_CHAIR),
    action(`chair.endMeeting, as ${as}`, as, 'group', endMeeting(noticed), M.NOT_CHAIR),
  ]),
  action('chair.vote by someone not on the roster', 'stranger', 'group', chair('chair.vote', noticed), M.NOT_A_MEMBER),
  action('chair.vote with nobody signed in, as chair', 'chair', 'group', chair('chair.vote', noticed), NOBODY_SIGNED_IN),
  action('chair.vote on a closed meeting (a stale card), as chair', 'chair', 'group', chair('chair.vote', (f) => f.closed, 'topic-unknown'), M.INVALID_STATE),
  action('chair.vote on a topic not on the agenda, as chair', 'chair', 'group', chair('chair.vote', noticed, 'topic-unknown'), M.NOT_FOUND),
  action('chair.vote: an edited topic id, as chair', 'chair', 'group', (f) => edited(chair('chair.vote', noticed)(f), { t: 'topic-unknown' }), STALE),
  action('chair.vote: an edited meeting id, as chair', 'chair', 'group', (f) => edited(chair('chair.vote', noticed)(f), { m: f.scheduled }), STALE),
  action('chair.vote: another committee\'s card, as chair', 'chair', 'group', (f) => sealed({ a: 'chair.vote', c: f.other, m: f.otherMeeting, t: 'topic-unknown' }), M.FOREIGN_CARD),
  action('chair.endMeeting before the meeting started, as chair', 'chair', 'group', endMeeting(noticed), M.INVALID_STATE),
  action('chair.endMeeting on a closed meeting, as chair', 'chair', 'group', endMeeting((f) => f.closed), M.INVALID_STATE),
  action('chair.endMeeting by someone not on the roster', 'stranger', 'group', endMeeting(noticed), M.NOT_A_MEMBER),
  ...ROLES.flatMap((as) => [
    action(`chair.defer with no vote held, as ${as}`, as, 'group', chair('chair.defer', noticed), M.NOT_DEFERRABLE),
    action(`chair.reconsider with no decision, as ${as}`, as, 'group', chair('chair.reconsider', noticed), M.INVALID_STATE),
    // A ballot that does not exist: the same answer whoever taps, so the tap tells nothing.
    action(`ballot.cast on an unknown ballot, as ${as}`, as, 'private', (f) => sealed({ a: 'ballot.cast', c: f.c, b: 'ballot-unknown', v: 'yes' }), M.NOT_FOUND),
    action(`ballot.close on an unknown ballot, as ${as}`, as, 'group', (f) => sealed({ a: 'ballot.close', c: f.c, b: 'ballot-unknown' }), M.NOT_FOUND),
    action(`ballot.remind on an unknown ballot, as ${as}`, as, 'group', (f) => sealed({ a: 'ballot.remind', c: f.c, b: 'ballot-unknown' }), M.NOT_FOUND),
  ]),
  action('ballot.cast: an edited choice', 'member', 'private', (f) => edited(sealed({ a: 'ballot.cast', c: f.c, b: 'ballot-unknown', v: 'yes' }), { v: 'no' }), STALE),
  action('ballot.cast: a choice outside the union', 'member', 'private', (f) => sealed({ a: 'ballot.cast', c: f.c, b: 'ballot-unknown', v: 'maybe' }), STALE),
  action('ballot.cast by someone not on the roster', 'stranger', 'private', (f) => sealed({ a: 'ballot.cast', c: f.c, b: 'ballot-unknown', v: 'yes' }), M.NOT_A_MEMBER),
  action('ballot.close by someone not on the roster', 'stranger', 'group', (f) => sealed({ a: 'ballot.close', c: f.c, b: 'ballot-unknown' }), M.NOT_A_MEMBER),
  action('ballot.remind by someone not on the roster', 'stranger', 'group', (f) => sealed({ a: 'ballot.remind', c: f.c, b: 'ballot-unknown' }), M.NOT_A_MEMBER),
  action('ballot.remind: an edited ballot id, as chair', 'chair', 'group', (f) => edited(sealed({ a: 'ballot.remind', c: f.c, b: 'ballot-unknown' }), { b: 'ballot-other' }), STALE),
  action('ballot.remind: a signed value outside the union (an extra field), as chair', 'chair', 'group', (f) => sealed({ a: 'ballot.remind', c: f.c, b: 'ballot-unknown', p: 'm1' }), STALE),
  action('ballot.remind: another committee\'s card, as chair', 'chair', 'group', (f) => sealed({ a: 'ballot.remind', c: f.other, b: 'ballot-unknown' }), M.FOREIGN_CARD),

  // /表决 <序号> [方法]: only while a meeting is under way.
  ...ROLES.flatMap((as) => [
    command(`/表决 with no meeting under way, as ${as}`, as, 'group', '/表决 1', NO_MEETING_IN_PROGRESS),
    command(`/表决 with no item, as ${as}`, as, 'group', '/表决', '请写明议题序号，如"/表决 2 无记名"。'),
    command(`/表决 with an unreadable item, privately, as ${as}`, as, 'private', '/表决 abc', '议题序号"abc"无法识别。请写数字，如"/表决 2 无记名"。'),
  ]),
  command('/表决 by someone not on the roster', 'stranger', 'group', '/表决 1 举手', M.NOT_A_MEMBER),
  command('/vote in a group that was never set up', 'member', 'unsetGroup', '/vote 1', M.NO_COMMITTEE),
];
