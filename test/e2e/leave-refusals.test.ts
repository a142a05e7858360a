/**
 * Every leave command and card action with bad input and by every role, through the stand-in:
 * each gets its short Chinese answer (a toast for a tap, a reply for a command) and no key of the
 * committee changes (every key compared, before and after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORM_FIELDS, opinionField } from '../../cards/actions.js';
import { GENERAL_LEAVE_FORM_INVALID } from '../../handlers/submit-general-leave.js';
import { LEAVE_REASON_MISSING } from '../../handlers/submit-meeting-leave.js';
import type { StoredMessage } from '../../sandbox/open-api/index.js';
import { STALE_CARD_TOAST } from '../../src/bot/bot.js';
import type { Member } from '../../src/domain/index.js';
import { USER_MESSAGES, type RefusalCode } from '../../src/errors.js';
import { requestMeetingLeave } from '../../src/services/attendance.js';
import { requestGeneralLeave } from '../../src/services/leave-flow.js';
import { setApprovers } from '../../src/services/leave.js';
import { roster, snapshot } from '../integration/meeting-fixture.js';
import { signed, waitFor } from './receiver-setup.js';
import { committeeWith, noticedMeeting, p2p, privateCard, startWorld, tap, tapValue, type World } from './leave-world.js';

let world: World;
beforeAll(async () => { world = await startWorld(); });
afterAll(async () => { await world.stop(); });

const STRANGER = 'ou_not_on_roster';
const CHINESE = /[\u4e00-\u9fff]/;

/** Runs `act`, expects `answer` back, and every key of the committee as it was. */
async function unchanged(committeeId: string, act: () => Promise<string | undefined>, answer: string): Promise<void> {
  const before = await snapshot(world.redis, committeeId);
  const got = await act();
  expect(got).toBe(answer);
  expect(got).toMatch(CHINESE);
  expect(await snapshot(world.redis, committeeId)).toEqual(before);
}

/** `openId` sends `text`; resolves with the bot's reply to that message. */
async function replyTo(chatId: string, openId: string, text: string, chatType: 'group' | 'p2p' = 'group'): Promise<string | undefined> {
  const delivery = world.standIn.push.message({ chatId, senderOpenId: openId, text, chatType });
  await delivery.settled;
  let reply: StoredMessage | undefined;
  await waitFor(() => (reply = world.standIn.messages().find((m) => m.parentId === delivery.messageId)) !== undefined, `the reply to ${text}`);
  return (reply?.content as { text?: string } | undefined)?.text;
}

const toastOf = async (outcome: Promise<{ toast?: { content: string } }>): Promise<string | undefined> => (await outcome).toast?.content;
const says = (code: RefusalCode): string => USER_MESSAGES[code];

describe('meeting leave (NT)', () => {
  const CHAT = 'oc_refuse_nt';
  let c = '';
  let meetingId = '';
  let topicIds: string[] = [];
  let notice: StoredMessage;
  let form: StoredMessage;

  beforeAll(async () => {
    c = await committeeWith(world, CHAT, 'NT', roster(5));
    world.standIn.addUser(STRANGER, { name: '外单位人员', inScope: true });
    ({ meetingId, topicIds, notice } = await noticedMeeting(world, CHAT, c, 2));
    await requestMeetingLeave(world.deps, { committeeId: c, meetingId, actorId: 'm1', reason: '外出开会' });
    await tap(world, 'ou_m2', notice, '请假');
    form = await privateCard(world, 'ou_m2', '会议请假');
  });

  it('请假 on the notice: refused to the clerk, an observer and someone not on the roster', async () => {
    for (const [who, code] of [['ou_clerk1', 'NOT_VOTING_MEMBER'], ['ou_obs1', 'NOT_VOTING_MEMBER'], [STRANGER, 'NOT_A_MEMBER']] as const) {
      await unchanged(c, () => toastOf(tap(world, who, notice, '请假')), says(code));
    }
  });

  it('提交请假: no reason, a blank reason, a malformed field, a topic not on the agenda, someone else\'s form', async () => {
    const R = FORM_FIELDS.meetingLeave.reason;
    const cases: [string, Record<string, unknown>, string][] = [
      ['ou_m2', {}, LEAVE_REASON_MISSING],
      ['ou_m2', { [R]: '   ' }, LEAVE_REASON_MISSING],
      ['ou_m2', { [R]: '出差', 'opinion_../x': '同意' }, LEAVE_REASON_MISSING],
      ['ou_m2', { [R]: '出差', [opinionField(topicIds[0] ?? '')]: 'x'.repeat(2001) }, LEAVE_REASON_MISSING],
      ['ou_m2', { [R]: '出差', [opinionField('tp_not_on_agenda')]: '同意' }, says('INVALID_INPUT')],
      ['ou_clerk1', { [R]: '出差' }, says('NOT_VOTING_MEMBER')],
      ['ou_obs1', { [R]: '出差' }, says('NOT_VOTING_MEMBER')],
      [STRANGER, { [R]: '出差' }, says('NOT_A_MEMBER')],
    ];
    for (const [who, formValue, answer] of cases) await unchanged(c, () => toastOf(tap(world, who, form, '提交请假', formValue)), answer);
  });

  it('同意 / 不同意: refused to everyone but the meeting\'s chair, on a member without a pending leave, and on an edited value', async () => {
    for (const a of ['leave.approve', 'leave.reject'] as const) {
      const value = signed({ a, c, m: meetingId, p: 'm1' });
      for (const who of ['ou_m2', 'ou_vice1', 'ou_clerk1', 'ou_obs1']) await unchanged(c, () => toastOf(tapValue(world, who, notice, value)), says('NOT_CHAIR'));
      await unchanged(c, () => toastOf(tapValue(world, STRANGER, notice, value)), says('NOT_A_MEMBER'));
      await unchanged(c, () => toastOf(tapValue(world, 'ou_chair1', notice, signed({ a, c, m: meetingId, p: 'm3' }))), says('INVALID_STATE'));
      await unchanged(c, () => toastOf(tapValue(world, 'ou_chair1', notice, { ...value, p: 'm2' })), STALE_CARD_TOAST);
    }
  });

  it('/请假: refused to the clerk, an observer and a stranger; unreadable dates, wrong order, unknown type and a missing reason are explained', async () => {
    for (const [who, code] of [['ou_clerk1', 'NOT_VOTING_MEMBER'], ['ou_obs1', 'NOT_VOTING_MEMBER'], [STRANGER, 'NOT_A_MEMBER']] as const) {
      await unchanged(c, () => replyTo(CHAT, who, '/请假 家中有事'), says(code));
    }
    const example = '"/请假 12月10日 至 12月12日 事假 家中有事"';
    const typed: [string, string][] = [
      ['/请假 12月40日 至 12月42日 事假 家中有事', '日期"12月40日"无法识别。请写成"12月10日"或"2026-12-10"。'],
      ['/请假 2026-12-09 至 2026-12-07 事假 家中有事', `结束日期早于开始日期。请写成${example}。`],
      ['/请假 12月7日 至 12月9日 旅游 家中有事', `请假类型"旅游"无法识别。请写"事假"、"病假"或"公出"，如${example}。`],
      ['/请假 12月7日 至 12月9日 事假', `请写明请假事由，如${example}。`],
    ];
    for (const [text, answer] of typed) await unchanged(c, () => replyTo(CHAT, 'ou_m2', text), answer);
  });

  it('/销假 with no leave to return', async () => {
    await unchanged(c, () => replyTo(CHAT, 'ou_m2', '/销假'), says('NO_LEAVE_TO_RETURN'));
    await unchanged(c, () => replyTo(p2p('ou_m3'), 'ou_m3', '/销假', 'p2p'), says('NO_LEAVE_TO_RETURN'));
  });
});

describe('general leave (AJ)', () => {
  const CHAT = 'oc_refuse_aj';
  const AJ: Member[] = [
    { id: 'dir', openId: 'ou_r_dir', name: '周主任', role: 'chair' },
    { id: 'dep', openId: 'ou_r_dep', name: '吴副主任', role: 'viceChair' },
    { id: 'head', openId: 'ou_r_head', name: '郑科长', role: 'member' },
    { id: 's1', openId: 'ou_r_s1', name: '王干事', role: 'member' },
    { id: 's2', openId: 'ou_r_s2', name: '冯干事', role: 'member' },
    { id: 'clerk1', openId: 'ou_r_clerk', name: '赵秘书', role: 'clerk' },
  ];
  let c = '';
  let leaveId = '';
  let anchor: StoredMessage;

  beforeAll(async () => {
    c = await committeeWith(world, CHAT, 'AJ', AJ, '安居区人大常委会机关');
    await setApprovers(world.deps, { committeeId: c, actorId: 'clerk1', assignments: { deptHead: ['head'], deputyInCharge: ['dep'], director: ['dir'] } });
    leaveId = (await requestGeneralLeave(world.deps, { committeeId: c, applicantId: 's1', start: '2026-12-07', end: '2026-12-09', reason: 'private', reasonText: '孩子发烧就医' })).leave.id;
    await replyTo(p2p('ou_r_s2'), 'ou_r_s2', '/请假', 'p2p');
    anchor = await privateCard(world, 'ou_r_s2', '请假申请');
  });

  it('提交申请: end before start, an impossible date, no type, no reason', async () => {
    const F = FORM_FIELDS.generalLeave;
    const ok = { [F.start]: '2026-12-07 +0800', [F.end]: '2026-12-08 +0800', [F.kind]: 'private', [F.reason]: '家中有事' };
    for (const bad of [{ ...ok, [F.end]: '2026-12-06 +0800' }, { ...ok, [F.start]: '2026-02-30 +0800' }, { ...ok, [F.kind]: 'holiday' }, { ...ok, [F.reason]: '' }]) {
      await unchanged(c, () => toastOf(tap(world, 'ou_r_s2', anchor, '提交申请', bad)), GENERAL_LEAVE_FORM_INVALID);
    }
    await unchanged(c, () => toastOf(tap(world, STRANGER, anchor, '提交申请', ok)), says('NOT_A_MEMBER'));
  });

  it('同意 / 不同意: refused to the applicant, to approvers of other tiers, to others, and on a step that is not the waiting one', async () => {
    for (const a of ['generalLeave.approve', 'generalLeave.reject'] as const) {
      const value = signed({ a, c, l: leaveId, s: 0 });
      await unchanged(c, () => toastOf(tapValue(world, 'ou_r_s1', anchor, value)), says('OWN_LEAVE'));
      for (const who of ['ou_r_dir', 'ou_r_clerk']) await unchanged(c, () => toastOf(tapValue(world, who, anchor, value)), says('NOT_APPROVER'));
      // Holding another tier's role is no view of this leave: its reason stays private.
      for (const who of ['ou_r_head', 'ou_r_s2']) await unchanged(c, () => toastOf(tapValue(world, who, anchor, value)), says('LEAVE_PRIVATE'));
      await unchanged(c, () => toastOf(tapValue(world, 'ou_r_dep', anchor, signed({ a, c, l: leaveId, s: 1 }))), says('INVALID_STATE'));
      await unchanged(c, () => toastOf(tapValue(world, 'ou_r_dep', anchor, signed({ a, c, l: 'lv_unknown', s: 0 }))), says('NOT_FOUND'));
    }
  });

  it('销假 while the leave is pending, by someone else, and /销假 with nothing to return', async () => {
    const value = signed({ a: 'generalLeave.return', c, l: leaveId });
    await unchanged(c, () => toastOf(tapValue(world, 'ou_r_s1', anchor, value)), says('INVALID_STATE'));
    await unchanged(c, () => toastOf(tapValue(world, 'ou_r_s2', anchor, value)), says('NOT_OWNER_OR_CLERK'));
    await unchanged(c, () => replyTo(CHAT, 'ou_r_s1', '/销假'), says('NO_LEAVE_TO_RETURN'));
  });
});
