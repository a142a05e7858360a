/**
 * Setup and the roster end to end, for JY, NT, ZY and AJ: the stand-in pushes what Feishu would
 * (the bot added to a group, messages, taps on the setup card, people joining and leaving) to the
 * bot built by src/app.ts, which answers through the real SDK. Every card is checked as Feishu
 * would check it; every refusal is Chinese and leaves every key of the committee as it was.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELD, TITLE } from '../../cards/copy.js';
import { approverRolesOf } from '../../cards/setup-card.js';
import { SAVED_TOAST } from '../../handlers/save-setup.js';
import type { StandIn } from '../../sandbox/open-api/index.js';
import { CommitteeSchema } from '../../src/domain/index.js';
import { APPROVER_ROLE_WORDS } from '../../src/domain/labels.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { getProfile, type ProfileId } from '../../src/rules/index.js';
import { committeeIdOfChat } from '../../src/services/committees.js';
import { readDoc } from '../../src/store/doc-store.js';
import { committeeKeys } from '../../src/store/keys.js';
import { fieldLabels, buttonsOf } from '../cards/walk.js';
import { expectValidCard, GroupChat, textOf, titleOf } from './group-chat.js';
import { startWorld, stopWorld, type World } from './meeting-world.js';
import { sleep } from './receiver-setup.js';

let world: World;
let redis: Redis;
let standIn: StandIn;

beforeAll(async () => {
  world = await startWorld();
  ({ redis, standIn } = world);
}, 30_000);

afterAll(() => stopWorld(world));

const PEOPLE = { clerk: '赵秘书', chair: '张书记', vice: '李副书记', m1: '委员甲', m2: '委员乙', m3: '委员丙', obs: '列席丁' } as const;
type Person = keyof typeof PEOPLE;

async function committeeOf(chatId: string) {
  const committee = await readDoc(redis, committeeKeys(committeeIdOfChat(chatId)).committee, CommitteeSchema);
  if (!committee) throw new Error('no committee');
  return committee;
}
const roleOf = async (chatId: string, openId: string) => (await committeeOf(chatId)).roster.find((m) => m.openId === openId)?.role;

describe.each(['JY', 'NT', 'ZY', 'AJ'] as const)('setting up a %s group', (profileId: ProfileId) => {
  const chatId = `oc_setup_${profileId.toLowerCase()}`;
  const ou = (p: Person | 'new' | 'stranger') => `ou_${profileId.toLowerCase()}_${p}`;
  const committeeId = committeeIdOfChat(chatId);
  const profile = getProfile(profileId);
  let chat: GroupChat;
  let setupMessageId: string;

  beforeAll(() => {
    for (const [p, name] of Object.entries(PEOPLE)) standIn.addUser(ou(p as Person), { name });
    standIn.addUser(ou('new'), { name: '新成员' });
    standIn.addUser(ou('stranger'), { name: '路人' });
    standIn.addChat(chatId, Object.keys(PEOPLE).map((p) => ou(p as Person)), { botIn: true, name: `${profileId}党组` });
    chat = new GroupChat(standIn, redis, chatId);
  });

  it('posts the setup card once when the clerk adds the bot to the group, though Feishu delivers it twice', async () => {
    const delivered = { chat_id: chatId, operator_id: { open_id: ou('clerk') }, name: `${profileId}党组` };
    const card = await chat.eventPosting('im.chat.member.bot.added_v1', delivered, { duplicateAfterMs: 30 });
    await sleep(400);
    expect(chat.sent()).toHaveLength(1);
    expectValidCard(card);
    expect(titleOf(card)).toContain(TITLE.setup);
    const labels = fieldLabels(card as never).join('\n');
    for (const field of [FIELD.profile, FIELD.chair, FIELD.viceChair, FIELD.clerk, FIELD.observers]) expect(labels).toContain(field);
    expect(buttonsOf(card as never).map((b) => b.text.content)).toContain('保存设置');
    setupMessageId = chat.sent().at(-1)?.messageId ?? '';
  });

  const firstForm = () => ({ profile: profileId, chair: ou('chair'), vice_chair: [ou('vice')], clerk: [ou('clerk')], observers: [ou('obs')] });

  it('refuses the first save to anyone but the one who added the bot, and stores nothing', async () => {
    const { toast } = await chat.unchanged(committeeId, () => chat.tap(ou('chair'), setupMessageId, firstForm()));
    expect(toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_SETUP_OWNER });
    expect(await readDoc(redis, committeeKeys(committeeId).committee, CommitteeSchema)).toBeNull();
  });

  it('saves the setup of the one who added the bot: everyone else in the chat is a 成员', async () => {
    const { toast, card } = await chat.tap(ou('clerk'), setupMessageId, firstForm());
    expect(toast).toEqual({ type: 'success', content: SAVED_TOAST });
    const committee = await committeeOf(chatId);
    expect(committee.profileId).toBe(profileId);
    expect(Object.fromEntries(committee.roster.map((m) => [m.name, m.role]))).toEqual({
      [PEOPLE.clerk]: 'clerk', [PEOPLE.chair]: 'chair', [PEOPLE.vice]: 'viceChair', [PEOPLE.m1]: 'member', [PEOPLE.m2]: 'member', [PEOPLE.m3]: 'member', [PEOPLE.obs]: 'observer',
    });
    // The answered card shows the roster by role and the profile's key thresholds.
    const shown = textOf(card);
    expect(shown).toContain(`**书记**：${PEOPLE.chair}`);
    expect(shown).toContain(`**成员**：${PEOPLE.m1}、${PEOPLE.m2}、${PEOPLE.m3}`);
    expect(shown).toContain(`${profile.name}（${profileId}）`);
    expect(shown).toMatch(/（[A-Z]+-[^）]+）/);
  });

  it('refuses a later save to an ordinary member, with nothing changed', async () => {
    const { toast } = await chat.unchanged(committeeId, () => chat.tap(ou('m1'), setupMessageId, { ...firstForm(), observers: [ou('m1')] }));
    expect(toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_CLERK });
    // Making oneself 书记 is the chair's to give, whoever asks.
    const { toast: takeover } = await chat.unchanged(committeeId, () => chat.tap(ou('m1'), setupMessageId, { ...firstForm(), chair: ou('m1') }));
    expect(takeover).toEqual({ type: 'error', content: USER_MESSAGES.NOT_COMMITTEE_CHAIR });
    expect(await roleOf(chatId, ou('m1'))).toBe('member');
  });

  it('shows an ordinary member the setup without the form, and the clerk the approver fields of the profile', async () => {
    const { reply: memberCard } = await chat.command(ou('m1'), '/设置');
    expectValidCard(memberCard);
    expect(buttonsOf(memberCard as never)).toHaveLength(0);
    const { reply: clerkCard, messageId } = await chat.command(ou('clerk'), '/设置');
    expectValidCard(clerkCard);
    const roles = approverRolesOf(profile);
    const labels = fieldLabels(clerkCard as never).join('\n');
    for (const role of roles) expect(labels).toContain(`${FIELD.approver}：${APPROVER_ROLE_WORDS[role]}`);
    const replyId = chat.sent().find((m) => m.parentId === messageId)?.messageId ?? '';
    const approvers = Object.fromEntries(roles.map((role) => [`approver_${role}`, [ou('m3')]]));
    const { toast, card } = await chat.tap(ou('clerk'), replyId, { profile: profileId, ...approvers });
    expect(toast?.type).toBe('success');
    for (const role of roles) expect(textOf(card)).toContain(`${FIELD.approver}（${APPROVER_ROLE_WORDS[role]}）**：${PEOPLE.m3}`);
  });

  it('shows the reminder settings in force and saves the clerk\'s: sign-in time, lead times, deadline and task reminders, quiet hours', async () => {
    const { reply, messageId } = await chat.command(ou('clerk'), '/设置');
    const labels = fieldLabels(reply as never).join('\n');
    for (const word of [FIELD.signInLead, FIELD.startLeads, FIELD.deadlineLead, FIELD.taskLead, FIELD.quietHours]) expect(labels).toContain(word);
    expect(textOf(reply)).toContain('会前 30 分钟开始签到；会前 1 天、30 分钟提醒参会人员；通知、异议截止当天上午提醒；督办事项到期前 1 个工作日上午提醒；免打扰 22:00-07:30');
    const replyId = chat.sent().find((m) => m.parentId === messageId)?.messageId ?? '';
    const { toast, card } = await chat.tap(ou('clerk'), replyId, { profile: profileId, sign_in_lead: '20', start_leads: '60', deadline_lead: '1', quiet_hours: '无', task_lead: '2' });
    expect(toast?.type).toBe('success');
    expect((await committeeOf(chatId)).reminders).toEqual({ signInLeadMinutes: 20, startLeadMinutes: [60], deadlineLeadWorkingDays: 1, quietHours: null, taskLeadWorkingDays: 2 });
    expect(textOf(card)).toContain('会前 20 分钟开始签到；会前 1 小时提醒参会人员；通知、异议截止前 1 个工作日上午提醒；督办事项到期前 2 个工作日上午提醒；不设免打扰');
  });

  it('changes roles by command: the clerk gives 列席 but not 副书记, which only the chair gives; each is announced', async () => {
    const m2 = [{ openId: ou('m2'), name: PEOPLE.m2 }];
    const { reply } = await chat.unchanged(committeeId, () => chat.command(ou('clerk'), '/设置 副书记', m2));
    expect(reply).toEqual({ text: USER_MESSAGES.NOT_COMMITTEE_CHAIR });
    const [posted] = await chat.commandPosting(ou('chair'), '/设置 副书记', m2);
    expect(posted).toEqual({ text: `已将 ${PEOPLE.m2} 设为副书记。` });
    expect(await roleOf(chatId, ou('m2'))).toBe('viceChair');
    const [observer] = await chat.commandPosting(ou('clerk'), '/设置 列席', [{ openId: ou('m3'), name: PEOPLE.m3 }]);
    expect(observer).toEqual({ text: `已将 ${PEOPLE.m3} 设为列席。` });
    const [profileNote] = await chat.commandPosting(ou('clerk'), `/设置 规则 ${profileId.toLowerCase()}`, []);
    expect(textOf(profileNote)).toContain(`${profile.name}（${profileId}）`);
  });

  it('sets a leave approver by command (shown on the setup card where the profile uses the role)', async () => {
    const used = approverRolesOf(profile);
    const role = used[0] ?? 'director';
    const [posted] = await chat.commandPosting(ou('clerk'), `/设置 审批 ${APPROVER_ROLE_WORDS[role]}`, [{ openId: ou('m1'), name: PEOPLE.m1 }]);
    expect(posted).toEqual({ text: `已将 ${PEOPLE.m1} 设为请假审批人（${APPROVER_ROLE_WORDS[role]}）。` });
    const { reply } = await chat.command(ou('clerk'), '/设置');
    expect(textOf(reply).includes(`${FIELD.approver}（${APPROVER_ROLE_WORDS[role]}）**：${PEOPLE.m1}`)).toBe(used.includes(role));
  });

  it('keeps the roster as people join and leave the chat, and tells the group', async () => {
    const joined = await chat.eventPosting('im.chat.member.user.added_v1', { chat_id: chatId, users: [{ name: '新成员', user_id: { open_id: ou('new') } }] });
    expect(joined).toEqual({ text: '欢迎 新成员 加入，已登记为成员。' });
    expect(await roleOf(chatId, ou('new'))).toBe('member');
    const left = await chat.eventPosting('im.chat.member.user.deleted_v1', { chat_id: chatId, users: [{ name: PEOPLE.m1, user_id: { open_id: ou('m1') } }] });
    expect(textOf(left)).toContain(`${PEOPLE.m1} 已退出本群`);
    expect(await roleOf(chatId, ou('m1'))).toBeUndefined();
  });

  it('answers /规则 and /帮助 to the chair, a member, the clerk and a stranger', async () => {
    const asked = { chair: ou('chair'), member: ou('new'), clerk: ou('clerk'), stranger: ou('stranger') };
    for (const [who, openId] of Object.entries(asked)) {
      const { reply: rules } = await chat.command(openId, '/规则');
      expectValidCard(rules);
      expect(titleOf(rules)).toContain(TITLE.rules);
      expect(textOf(rules)).toContain(`${profile.name}（${profileId}）`);
      const { reply: help } = await chat.command(openId, '/帮助');
      expectValidCard(help);
      expect(titleOf(help)).toContain(TITLE.help);
      const shown = textOf(help);
      expect(shown).toContain({ chair: '书记', member: '成员', clerk: '秘书', stranger: '未登记' }[who]);
      // Only the chair and the clerk are offered /设置 once the group is set up.
      expect(shown.includes('**/设置**')).toBe(who === 'chair' || who === 'clerk');
    }
  });

  it('answers in a private chat: the member\'s own committee, the setup shown without a form, help for a stranger', async () => {
    const setup = await chat.privately(ou('clerk'), '/设置');
    expectValidCard(setup);
    expect(titleOf(setup)).toContain(TITLE.setup);
    expect(buttonsOf(setup as never)).toHaveLength(0);
    const rules = await chat.privately(ou('chair'), '/规则');
    expect(textOf(rules)).toContain(`${profile.name}（${profileId}）`);
    const help = await chat.privately(ou('stranger'), '/帮助');
    expectValidCard(help);
    expect(textOf(help)).toContain('未登记');
    expect(textOf(help)).not.toContain('尚未完成设置');
    expect(await chat.privately(ou('stranger'), '/规则')).toEqual({ text: USER_MESSAGES.NOT_A_MEMBER });
  });
});
