/**
 * Bad input and taps by the wrong person, for every command and card action of setup, by every
 * role and by a stranger: each gets one Chinese sentence and every key of the committee stays as
 * it was (the audit log included).
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandIn } from '../../sandbox/open-api/index.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { STALE_CARD_TOAST } from '../../src/bot/bot.js';
import { COMMAND_FAILED_MESSAGE, USER_MESSAGES } from '../../src/errors.js';
import { committeeIdOfChat } from '../../src/services/committees.js';
import { REMINDER_FORM_REFUSALS } from '../../src/services/reminder-settings.js';
import { callbackValues } from '../cards/walk.js';
import { startWorld, stopWorld, type World } from './meeting-world.js';
import { GroupChat } from './group-chat.js';
import { ACTION_SECRET } from './receiver-setup.js';

let world: World;
let redis: Redis;
let standIn: StandIn;
let chat: GroupChat;
let setupCardId: string;

const CHAT = 'oc_setup_refusals';
const COMMITTEE = committeeIdOfChat(CHAT);
const ROLES = { chair: 'ou_r_chair', viceChair: 'ou_r_vice', member: 'ou_r_member', clerk: 'ou_r_clerk', observer: 'ou_r_obs', stranger: 'ou_r_stranger' } as const;
const CHINESE = /[\u4e00-\u9fff]/;
const person = (openId: string) => [{ openId, name: openId }];

beforeAll(async () => {
  world = await startWorld();
  ({ redis, standIn } = world);
  const names = { chair: '张书记', viceChair: '李副书记', member: '王委员', clerk: '赵秘书', observer: '钱列席', stranger: '路人' };
  for (const [role, openId] of Object.entries(ROLES)) standIn.addUser(openId, { name: names[role as keyof typeof names] });
  standIn.addChat(CHAT, Object.values(ROLES).filter((o) => o !== ROLES.stranger), { botIn: true, name: '测试党组' });
  chat = new GroupChat(standIn, redis, CHAT);
  await chat.eventPosting('im.chat.member.bot.added_v1', { chat_id: CHAT, operator_id: { open_id: ROLES.clerk } });
  setupCardId = chat.sent().at(-1)?.messageId ?? '';
  const { toast } = await chat.tap(ROLES.clerk, setupCardId, { profile: 'JY', chair: ROLES.chair, vice_chair: [ROLES.viceChair], clerk: [ROLES.clerk], observers: [ROLES.observer] });
  expect(toast?.type).toBe('success');
}, 30_000);

afterAll(() => stopWorld(world));

/** Typed wrong, whoever types it. */
const BAD_COMMANDS: [string, { openId: string; name: string }[]][] = [
  ['/设置 规则 XX', []],
  ['/设置 规则', []],
  ['/设置 规则 JY 多余', []],
  ['/设置 秘书', []],
  ['/设置 秘书 王委员', []],
  ['/设置 组长', person(ROLES.member)],
  ['/设置 审批 处长', person(ROLES.member)],
  ['/设置 审批', []],
  ['/设置 书记', [...person(ROLES.member), ...person(ROLES.clerk)]],
  ['/设置 列席', person(ROLES.stranger)],
];
/** Well formed, but only the chair (leaders) or the chair and the clerk may. */
const OFFICE_COMMANDS: [string, { openId: string; name: string }[]][] = [
  ['/设置 规则 NT', []],
  ['/设置 列席', person(ROLES.member)],
  ['/设置 审批 主任', person(ROLES.member)],
];

describe.each(Object.entries(ROLES))('setup refusals to the %s', (role, openId) => {
  it('answers every malformed /设置 with one Chinese sentence and changes nothing', async () => {
    for (const [text, mentions] of BAD_COMMANDS) {
      const { reply } = await chat.unchanged(COMMITTEE, () => chat.command(openId, text, mentions));
      const answer = (reply as { text?: string }).text ?? '';
      expect(answer, text).toMatch(CHINESE);
      expect(answer, text).not.toBe(COMMAND_FAILED_MESSAGE);
    }
  });

  it('refuses a setup form that is incomplete or names people outside the chat, and a forged or foreign value', async () => {
    const forms = [{}, { profile: 'ZZ' }, { profile: 'JY', chair: 'ou bad!' }, { profile: 'JY', observers: [ROLES.stranger] }, { profile: 'JY', approver_boss: [ROLES.member] }, { profile: 'JY', clerk: 'not-a-list' }];
    for (const formValue of forms) {
      const { toast } = await chat.unchanged(COMMITTEE, () => chat.tap(openId, setupCardId, formValue));
      expect(toast?.type, JSON.stringify(formValue)).toBe('error');
      expect(toast?.content).toMatch(CHINESE);
    }
    const [value] = callbackValues(standIn.message(setupCardId)?.content);
    const edited = { ...value, c: committeeIdOfChat('oc_other') };
    const foreign = signActionValue(deriveActionKeys(ACTION_SECRET), { a: 'setup.save', c: committeeIdOfChat('oc_other') });
    const form = { profile: 'JY', chair: ROLES.chair };
    for (const [forged, expected] of [[edited, STALE_CARD_TOAST], [foreign, USER_MESSAGES.FOREIGN_CARD]] as const) {
      const r = await chat.unchanged(COMMITTEE, () => standIn.push.cardAction({ operatorOpenId: openId, messageId: setupCardId, chatId: CHAT, value: forged, formValue: form }));
      expect(r.toast).toEqual({ type: 'error', content: expected });
    }
  });

  it('refuses a bad reminder setting on the form with that field\'s sentence, saving nothing else of the form', async () => {
    const bad = [['sign_in_lead', '半小时', 'signInLead'], ['start_leads', '1440,1440', 'startLeads'], ['deadline_lead', '9', 'deadlineLead'], ['quiet_hours', '夜里', 'quietHours'], ['task_lead', '十一', 'taskLead']] as const;
    for (const [field, text, key] of bad) {
      const { toast } = await chat.unchanged(COMMITTEE, () => chat.tap(openId, setupCardId, { profile: 'NT', chair: ROLES.chair, [field]: text }));
      expect(toast, field).toEqual({ type: 'error', content: REMINDER_FORM_REFUSALS[key] });
    }
  });

  it('answers /设置, /规则 and /帮助 without changing anything', async () => {
    for (const text of ['/设置', '/规则', '/帮助']) {
      const { reply } = await chat.unchanged(COMMITTEE, () => chat.command(openId, text));
      expect(JSON.stringify(reply), text).toMatch(CHINESE);
    }
  });
});

describe('a /设置 that @-mentions only the bot', () => {
  it('is told to @ the person, as if no one were named: the bot\'s own mention names no one', async () => {
    const { reply } = await chat.unchanged(COMMITTEE, () => chat.command(ROLES.clerk, '/设置 秘书'));
    expect(reply).toEqual({ text: '请 @ 要设为秘书的人，如"/设置 秘书 @张三"。' });
  });
});

const NOT_OFFICE = Object.entries(ROLES).filter(([role]) => role !== 'chair' && role !== 'clerk');

describe.each(NOT_OFFICE)('setup refused to the %s, who holds no office', (role, openId) => {
  it('refuses the chair and clerk\'s commands, naming who may', async () => {
    for (const [text, mentions] of OFFICE_COMMANDS) {
      const { reply } = await chat.unchanged(COMMITTEE, () => chat.command(openId, text, mentions));
      expect(reply, text).toEqual({ text: role === 'stranger' ? USER_MESSAGES.NOT_A_MEMBER : USER_MESSAGES.NOT_CLERK });
    }
  });

  it('refuses a well-formed save, naming who may', async () => {
    const { toast } = await chat.unchanged(COMMITTEE, () => chat.tap(openId, setupCardId, { profile: 'NT', observers: [ROLES.member] }));
    expect(toast).toEqual({ type: 'error', content: role === 'stranger' ? USER_MESSAGES.NOT_A_MEMBER : USER_MESSAGES.NOT_CLERK });
  });
});
