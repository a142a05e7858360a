/**
 * One committee's story told only through what Feishu would push: the bot added to a group, typed
 * commands, taps on the buttons of the cards the bot posted (their sealed values read back from the
 * stand-in). `playToSignIn` plays it from the setup card to the sign-in sheet, checking each step
 * where the group reads it, with the quorum figures taken from the rules module's evaluateItem;
 * the tests of later steps go on from where it stops.
 */
import { expect } from 'vitest';
import { FORM_FIELDS, opinionField } from '../../cards/actions.js';
import { BUTTON, MEETING_LEAVE_STATUS_NAMES, TITLE } from '../../cards/copy.js';
import { ATTENDING } from '../../handlers/attend-meeting.js';
import { LEAVE_FORM_SENT } from '../../handlers/open-meeting-leave.js';
import { SIGN_IN_OPENED } from '../../handlers/open-sign-in.js';
import { SAVED_TOAST } from '../../handlers/save-setup.js';
import { NOTICE_SENT } from '../../handlers/send-notice.js';
import { SIGNED_IN } from '../../handlers/sign-in.js';
import { meetingLeaveAnswer } from '../../handlers/submit-meeting-leave.js';
import type { StoredMessage } from '../../sandbox/open-api/index.js';
import { CommitteeSchema } from '../../src/domain/index.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { decideLeave, evaluateItem, getProfile } from '../../src/rules/index.js';
import { committeeIdOfChat, memberIdFor } from '../../src/services/committees.js';
import { readDoc } from '../../src/store/doc-store.js';
import { committeeKeys } from '../../src/store/keys.js';
import { ATTENDANCE, attendanceId, getDoc } from '../../src/store/repos.js';
import { GroupChat } from './group-chat.js';
import { waitFor } from './receiver-setup.js';
import { buttonValue, hasButton, privateCard, privateText, privateTo, tap, titleOf, waitForMessage, type World } from './leave-world.js';
import { textOf as cardText, titleOf as cardTitle } from './meeting-world.js';

export const PEOPLE = {
  clerk: '赵秘书', chair: '张书记', vice: '李副书记', m1: '王委员', m2: '陈委员', m3: '刘委员', m4: '孙委员', obs: '钱列席',
} as const;
export type Person = keyof typeof PEOPLE;
export const VOTING: readonly Person[] = ['chair', 'vice', 'm1', 'm2', 'm3', 'm4'];
/** Who signs in: every voting member but m4, who asks leave with a written opinion on the 一般 topic. */
export const PRESENT: readonly Person[] = ['chair', 'vice', 'm1', 'm2', 'm3'];

export type StoryProfile = 'JY' | 'NT' | 'ZY' | 'AJ';

/** The words and the rule each profile cites for the quorum of a 一般 and a 人事 topic. */
export const QUORUM: Record<StoryProfile, Record<'general' | 'personnel', [string, string]>> = {
  JY: { general: ['半数以上', 'JY-23a'], personnel: ['三分之二以上', 'JY-23b'] },
  NT: { general: ['三分之二以上', 'NT-3.5b'], personnel: ['三分之二以上', 'NT-3.5b'] },
  ZY: { general: ['半数以上', 'NAT-LC'], personnel: ['三分之二以上', 'NAT-LC'] },
  AJ: { general: ['半数以上', 'NAT-PG-26、NAT-PG-2019'], personnel: ['三分之二以上', 'NAT-PG-26、NAT-PG-2019'] },
};

export const REASON = '赴省里参加专题培训班';
export const OPINION = '同意该议题，建议抓紧实施';
export const TOPICS = [['关于机关作风建设的议题', '一般'], ['关于干部任免的议题', '人事']] as const;
/** Friday 11 December 2026, 09:00 in Shanghai: ten days after the world's clock. */
const MEETING_AT = '2026-12-11 09:00';
const KIND_NAMES = { general: '一般', personnel: '人事' } as const;

/** The group of one profile's story, and how its people act in it. */
export function storyChat(w: World, profileId: StoryProfile) {
  const chatId = `oc_flow_${profileId.toLowerCase()}`;
  const ou = (p: Person) => `ou_flow_${profileId.toLowerCase()}_${p}`;
  const committeeId = committeeIdOfChat(chatId);
  for (const [p, name] of Object.entries(PEOPLE)) w.standIn.addUser(ou(p as Person), { name, inScope: true });
  w.standIn.addChat(chatId, Object.keys(PEOPLE).map((p) => ou(p as Person)), { botIn: true, name: `${profileId}党组` });
  /** A message as it reads now, after every update. */
  const latest = (m: StoredMessage): StoredMessage => w.standIn.message(m.messageId) ?? m;
  return {
    profileId, chatId, ou, committeeId, latest,
    chat: new GroupChat(w.standIn, w.redis, chatId),
    /** The group post whose card title now contains `title`. */
    post: (title: string) => waitForMessage(w, (m) => m.chatId === chatId && m.msgType === 'interactive' && titleOf(m).includes(title), title),
    /** A typed command, delivered twice as Feishu may, once both deliveries were answered. */
    typed: async (who: Person, text: string) => {
      const delivery = w.standIn.push.message({ chatId, senderOpenId: ou(who), text }, { duplicateAfterMs: 30 });
      await delivery.settled;
      return delivery;
    },
    replyTo: (delivery: { messageId: string }) => waitForMessage(w, (m) => m.parentId === delivery.messageId, 'the reply'),
    cardsInGroup: () => w.standIn.messages().filter((m) => m.chatId === chatId && m.msgType === 'interactive'),
    /** `who` taps `label` on the card `m` as it reads now. */
    tap: (who: Person, m: StoredMessage, label: string, formValue?: Record<string, unknown>) => tap(w, ou(who), latest(m), label, formValue),
    committee: async () => {
      const found = await readDoc(w.redis, committeeKeys(committeeId).committee, CommitteeSchema);
      if (!found) throw new Error('no committee');
      return found;
    },
  };
}
export type StoryChat = ReturnType<typeof storyChat>;

export interface SignedIn { topicIds: [string, string]; meetingId: string; draft: StoredMessage; notice: StoredMessage; sheet: StoredMessage }

/** Setup, a 一般 and a 人事 topic, the notice, every answer (m4's leave with a written opinion) and sign-in. */
export async function playToSignIn(w: World, s: StoryChat): Promise<SignedIn> {
  const { profileId, chatId, ou, committeeId, latest, chat, post, typed, replyTo, cardsInGroup, committee } = s;
  // 1. The clerk adds the bot: the setup card; the clerk saves it; a member's later save is refused.
  const added = await chat.eventPosting('im.chat.member.bot.added_v1', { chat_id: chatId, operator_id: { open_id: ou('clerk') }, name: `${profileId}党组` }, { duplicateAfterMs: 30 });
  expect(cardTitle(added)).toContain(TITLE.setup);
  const setup = await post(TITLE.setup);
  const form = { profile: profileId, chair: ou('chair'), vice_chair: [ou('vice')], clerk: [ou('clerk')], observers: [ou('obs')] };
  expect((await s.tap('clerk', setup, '保存设置', form)).toast).toEqual({ type: 'success', content: SAVED_TOAST });
  const saved = await committee();
  expect(saved.profileId).toBe(profileId);
  expect(Object.fromEntries(saved.roster.map((m) => [m.name, m.role]))).toEqual({
    [PEOPLE.clerk]: 'clerk', [PEOPLE.chair]: 'chair', [PEOPLE.vice]: 'viceChair', [PEOPLE.obs]: 'observer',
    [PEOPLE.m1]: 'member', [PEOPLE.m2]: 'member', [PEOPLE.m3]: 'member', [PEOPLE.m4]: 'member',
  });
  const memberSave = await chat.unchanged(committeeId, () => s.tap('m1', setup, '保存设置', { ...form, observers: [ou('m1')] }));
  expect(memberSave.toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_CLERK });

  // 2. A member submits a 一般 and a 人事 topic; a member's 确认 is refused; the chair confirms both.
  const topicIds: string[] = [];
  for (const [title, kind] of TOPICS) {
    await typed('m1', `/议题 ${title} ${kind}`);
    // The card of the first topic now reads 议题已确认: this one is the only one waiting.
    const pending = await post('议题待确认');
    expect(cardText(pending.content)).toContain(title);
    expect(cardText(pending.content)).toContain(PEOPLE.m1);
    const refused = await chat.unchanged(committeeId, () => s.tap('m2', pending, '确认'));
    expect(refused.toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_COMMITTEE_CHAIR });
    topicIds.push(String(buttonValue(pending, '确认').t));
    expect((await s.tap('chair', pending, '确认')).toast?.type).toBe('success');
  }

  // The setup card and one card per topic, though every event came twice.
  expect(cardsInGroup().map(titleOf)).toEqual([expect.stringContaining(TITLE.setup), expect.stringContaining('议题已确认'), expect.stringContaining('议题已确认')]);

  // 3. The clerk schedules the meeting and sends its notice, which names every invited member.
  const draft = await replyTo(await typed('clerk', `/会议 ${MEETING_AT} 第一会议室`));
  expect(titleOf(draft)).toContain('会议筹备');
  expect(cardText(draft.content)).toContain('关于干部任免的议题');
  expect((await s.tap('clerk', draft, '发送通知')).toast).toEqual({ type: 'success', content: NOTICE_SENT });
  const notice = await post('会议通知');
  expect(cardsInGroup().filter((m) => ['会议筹备', '会议通知'].some((t) => titleOf(m).includes(t)))).toHaveLength(2);
  for (const p of [...VOTING, 'obs'] as const) expect(cardText(notice.content)).toContain(`<at id=${ou(p)}></at>`);
  const counts = (attending: number, leave: number) =>
    waitFor(() => cardText(latest(notice).content).includes(`已确认 ${attending} 人 · 请假 ${leave} 人 · 未回复 ${VOTING.length - attending - leave} 人`), `${attending} attending, ${leave} on leave`);
  await counts(0, 0);

  // 4. Every voting member answers: 参加, but m4 asks leave with a written opinion on the 一般 topic.
  let attending = 0;
  const attend = async (who: Person, leave: number) => {
    expect((await s.tap(who, notice, '参加')).toast).toEqual({ type: 'success', content: ATTENDING });
    await counts(++attending, leave);
  };
  for (const who of ['chair', 'vice'] as const) await attend(who, 0);
  expect((await s.tap('m4', notice, '请假')).toast).toEqual({ type: 'info', content: LEAVE_FORM_SENT });
  const leaveForm = await privateCard(w, ou('m4'), '会议请假');
  const rule = decideLeave(getProfile(profileId), { applicantRole: 'member', reason: 'private', kind: 'meetingAbsence' });
  const needsApproval = rule.approvers.length > 0 && !rule.flags.includes('OUT_OF_SCOPE');
  const [general = '', personnel = ''] = topicIds;
  const filled = { [FORM_FIELDS.meetingLeave.reason]: REASON, [opinionField(general)]: OPINION, [opinionField(personnel)]: '' };
  expect((await s.tap('m4', leaveForm, '提交请假', filled)).toast).toEqual({ type: 'success', content: meetingLeaveAnswer(needsApproval) });
  await counts(attending, 1);
  const meetingId = String(buttonValue(notice, '参加').m);
  const record = () => getDoc(w.redis, committeeId, ATTENDANCE, attendanceId(meetingId, memberIdFor(ou('m4'))));
  expect((await record())?.leave).toMatchObject({ status: needsApproval ? 'pending' : 'recorded', reason: REASON, writtenOpinions: [{ topicId: general, text: OPINION }] });
  if (needsApproval) {
    const approval = await privateCard(w, ou('chair'), '请假审批');
    expect(cardText(approval.content)).toContain(REASON);
    expect((await s.tap('chair', approval, '同意')).toast?.type).toBe('success');
    expect(hasButton(latest(approval), '同意')).toBe(false);
    await privateText(w, ou('m4'), MEETING_LEAVE_STATUS_NAMES.approved);
    expect((await record())?.leave?.status).toBe('approved');
    await counts(attending, 1);
  } else {
    expect(privateTo(w, ou('chair')).filter((m) => titleOf(m).includes('请假审批'))).toEqual([]);
  }
  for (const who of ['m1', 'm2', 'm3'] as const) await attend(who, 1);

  // 5. Sign-in is opened; members sign in one by one; each kind's quorum flips where evaluateItem says.
  // JY and ZY: the clerk on the notice; NT and AJ: the chair on the 会议筹备 card (as the notice left it).
  const offersMove = () => JSON.stringify(latest(notice).content).includes(`"content":"${BUTTON.reschedule}"`);
  expect(offersMove()).toBe(true);
  const [opener, from] = profileId === 'JY' || profileId === 'ZY' ? ['clerk', notice] as const : ['chair', draft] as const;
  expect((await s.tap(opener, from, '开始签到')).toast).toEqual({ type: 'success', content: SIGN_IN_OPENED });
  const sheet = await post('会议签到');
  // The group's notice is drawn again as sign-in opens: no one may move the meeting now.
  await waitFor(() => !offersMove(), 'the notice without 改期');
  const sheetText = () => cardText(latest(sheet).content);
  const line = (kind: keyof typeof KIND_NAMES, present: number) => {
    const d = evaluateItem(getProfile(profileId), { members: VOTING.length, present, recused: 0, topicKind: kind, method: 'hands', writtenOpinions: kind === 'general' ? 1 : 0 });
    const [words, basis] = QUORUM[profileId][kind];
    return { met: d.quorate, text: `${KIND_NAMES[kind]}议题：需到会 ${d.requiredPresent} 人（${words}，${basis}），已到 ${present} 人，${d.quorate ? '已达到' : '<font color=\'red\'>未达到</font>'}` };
  };
  const expectSheet = async (present: number, observers: number) => {
    await waitFor(() => sheetText().includes(`应到 ${VOTING.length} 人 · 实到 ${present} 人 · 请假 1 人 · 列席 ${observers} 人`), `实到 ${present}, 列席 ${observers}`);
    for (const kind of ['general', 'personnel'] as const) expect(sheetText()).toContain(line(kind, present).text);
  };
  await expectSheet(0, 0);
  expect(sheetText()).toContain(`**请假**：${PEOPLE.m4}`);
  const flips = { general: 0, personnel: 0 };
  for (const [i, who] of PRESENT.entries()) {
    expect((await s.tap(who, sheet, '签到')).toast).toEqual({ type: 'success', content: SIGNED_IN.voting });
    await expectSheet(i + 1, 0);
    for (const kind of ['general', 'personnel'] as const) if (flips[kind] === 0 && new RegExp(`${KIND_NAMES[kind]}议题：[^\\n]*已达到`).test(sheetText())) flips[kind] = i + 1;
  }
  // Both kinds flipped from 未达到 to 达到 on the way, at the count the rules module gives.
  const smallest = (kind: keyof typeof KIND_NAMES) => [1, 2, 3, 4, 5].find((k) => line(kind, k).met);
  expect(flips).toEqual({ general: smallest('general'), personnel: smallest('personnel') });
  expect((await s.tap('obs', sheet, '签到')).toast).toEqual({ type: 'success', content: SIGNED_IN.observer });
  await expectSheet(5, 1);
  return { topicIds: [general, personnel], meetingId, draft, notice, sheet };
}

/** Every card the group saw (sent or updated), as JSON: what anyone in the group could read. */
export function groupContents(w: World, chatId: string): string[] {
  const inGroup = new Set(w.standIn.messages().filter((m) => m.chatId === chatId).map((m) => m.messageId));
  return [...w.standIn.messages().filter((m) => inGroup.has(m.messageId)).map((m) => m.content),
    ...w.standIn.updates().filter((u) => inGroup.has(u.messageId)).map((u) => u.content)].map((content) => JSON.stringify(content));
}
