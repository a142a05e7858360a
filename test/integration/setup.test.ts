/**
 * Setting a chat up from what the bot learnt when it joined: the chat's members become the
 * roster at the first save, the one who added the bot saves first, two first saves race to one
 * committee, and a refusal stores nothing.
 */
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { InputError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { committeeIdOfChat } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { chatMembershipChanged, rememberChat, saveSetup, setupState, type SetupForm } from '../../src/services/setup.js';
import { committeeKeys } from '../../src/store/keys.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { refusal } from '../support/refusal.js';
import { snapshot } from './meeting-fixture.js';

const ctx = useRedis();
const PEOPLE = { ou_chair: '张书记', ou_clerk: '赵秘书', ou_m1: '王委员', ou_m2: '孙委员' } as const;

/** A chat directory as Feishu would answer it: the chat's members with their names. */
function depsWith(chats: Map<string, string[]>): ServiceDeps {
  return {
    redis: ctx.redis, clock: manualClock('2026-12-01T01:00:00Z'), log: memoryLogger(), seenKey: TEST_SEEN_KEY,
    chats: { members: (chatId) => Promise.resolve((chats.get(chatId) ?? []).map((openId) => ({ openId, name: PEOPLE[openId as keyof typeof PEOPLE] }))) },
  };
}

const form = (over: Partial<SetupForm> = {}): SetupForm => ({ profile: 'JY', chair: 'ou_chair', viceChairs: [], clerks: ['ou_clerk'], observers: [], approvers: {}, ...over });

function newChat(members: string[] = Object.keys(PEOPLE)): { chatId: string; deps: ServiceDeps; chats: Map<string, string[]> } {
  const chatId = freshId('oc');
  const chats = new Map([[chatId, members]]);
  return { chatId, deps: depsWith(chats), chats };
}

describe('setup from the chat', () => {
  it('makes everyone in the chat a 成员 unless the form names a role', async () => {
    const { chatId, deps } = newChat();
    await rememberChat(deps, { chatId, addedBy: 'ou_clerk', name: '测试党组' });
    const committee = await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form() });
    expect(committee.name).toBe('测试党组');
    expect(Object.fromEntries(committee.roster.map((m) => [m.openId, m.role]))).toEqual({ ou_chair: 'chair', ou_clerk: 'clerk', ou_m1: 'member', ou_m2: 'member' });
  });

  it('puts someone Feishu gave no name for on the roster under a stand-in name', async () => {
    const { chatId, deps } = newChat(['ou_chair', 'ou_clerk', 'ou_anon_7f3a']);
    await rememberChat(deps, { chatId, addedBy: 'ou_clerk' });
    const committee = await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form() });
    expect(committee.roster.find((m) => m.openId === 'ou_anon_7f3a')).toMatchObject({ name: '成员7f3a', role: 'member' });
  });

  it('keeps who added the bot when the member list is read again, and refuses the first save to anyone else', async () => {
    const { chatId, deps, chats } = newChat();
    await rememberChat(deps, { chatId, addedBy: 'ou_clerk' });
    chats.set(chatId, ['ou_chair', 'ou_clerk', 'ou_m1']);
    await chatMembershipChanged(deps, { chatId, left: ['ou_m2'] });
    const before = await snapshot(ctx.redis, committeeIdOfChat(chatId));
    expect((await refusal(saveSetup(deps, { chatId, actorOpenId: 'ou_chair', form: form() }))).refusal).toBe('NOT_SETUP_OWNER');
    expect(await snapshot(ctx.redis, committeeIdOfChat(chatId))).toEqual(before);
    const committee = await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form() });
    expect(committee.roster.map((m) => m.openId).sort()).toEqual(['ou_chair', 'ou_clerk', 'ou_m1']);
  });

  it('lets exactly one of two racing first saves set the chat up when Feishu did not say who added the bot', async () => {
    const { chatId, deps } = newChat();
    await rememberChat(deps, { chatId });
    const outcomes = await Promise.allSettled([
      saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form() }),
      saveSetup(deps, { chatId, actorOpenId: 'ou_m1', form: form({ clerks: ['ou_m1'], profile: 'NT' }) }),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const state = await setupState(deps, { chatId, openId: 'ou_clerk' });
    const winner = outcomes.find((o) => o.status === 'fulfilled')?.value;
    expect(state.committee?.profileId).toBe(winner?.profileId);
  });

  it('refuses a first save naming someone outside the chat, or without a 书记, and stores no committee', async () => {
    const { chatId, deps } = newChat(['ou_chair', 'ou_clerk']);
    await rememberChat(deps, { chatId, addedBy: 'ou_clerk' });
    const before = await snapshot(ctx.redis, committeeIdOfChat(chatId));
    for (const bad of [form({ observers: ['ou_m1'] }), form({ chair: undefined })]) {
      const error: unknown = await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: bad }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).userMessage).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await snapshot(ctx.redis, committeeIdOfChat(chatId))).toEqual(before);
  });

  it('keeps the current holders where a later save leaves a field empty, and demotes replaced ones to 成员', async () => {
    const { chatId, deps } = newChat();
    await rememberChat(deps, { chatId, addedBy: 'ou_clerk' });
    await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form({ observers: ['ou_m2'] }) });
    const changed = await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form({ chair: undefined, clerks: ['ou_m1'] }) });
    expect(Object.fromEntries(changed.roster.map((m) => [m.openId, m.role]))).toEqual({ ou_chair: 'chair', ou_clerk: 'member', ou_m1: 'clerk', ou_m2: 'observer' });
  });

  it('reads the chat no more once it is set up: membership then changes the roster', async () => {
    const { chatId, deps, chats } = newChat(['ou_chair', 'ou_clerk']);
    await rememberChat(deps, { chatId, addedBy: 'ou_clerk' });
    await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form() });
    chats.set(chatId, []);
    const before = await ctx.redis.get(committeeKeys(committeeIdOfChat(chatId)).pendingSetup);
    await rememberChat(deps, { chatId, addedBy: 'ou_m1' });
    expect(await ctx.redis.get(committeeKeys(committeeIdOfChat(chatId)).pendingSetup)).toBe(before);
    const outcome = await chatMembershipChanged(deps, { chatId, joined: [{ openId: 'ou_m1', name: '王委员' }] });
    expect(outcome?.change.committee.roster.find((m) => m.openId === 'ou_m1')?.role).toBe('member');
  });
});

describe('approvers at the first save', () => {
  it('saves them with the committee when the saver is the clerk', async () => {
    const { chatId, deps } = newChat();
    await rememberChat(deps, { chatId, addedBy: 'ou_clerk' });
    await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form({ profile: 'AJ', approvers: { director: ['ou_m1'] } }) });
    const state = await setupState(deps, { chatId, openId: 'ou_clerk' });
    expect(state.approvers?.assignments.director?.map((id) => state.committee?.roster.find((m) => m.id === id)?.openId)).toEqual(['ou_m1']);
  });

  it('refuses them, and the whole first save, when the saver holds no office', async () => {
    const { chatId, deps } = newChat();
    await rememberChat(deps, { chatId, addedBy: 'ou_m2' });
    const before = await snapshot(ctx.redis, committeeIdOfChat(chatId));
    expect((await refusal(saveSetup(deps, { chatId, actorOpenId: 'ou_m2', form: form({ profile: 'AJ', approvers: { director: ['ou_m1'] } }) }))).refusal).toBe('NOT_CLERK');
    expect(await snapshot(ctx.redis, committeeIdOfChat(chatId))).toEqual(before);
  });
});
