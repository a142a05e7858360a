import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import { applyChatMembership, changeCommittee, committeeIdOfChat, createCommittee, memberIdFor } from '../../src/services/committees.js';
import { loadCommittee, type ServiceDeps } from '../../src/services/context.js';
import { ChooseCommitteeError, USER_MESSAGES, type RefusedError } from '../../src/errors.js';
import { resolveActor } from '../../src/services/resolve.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { membershipKey } from '../../src/store/keys.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { refusal } from '../support/refusal.js';
import { snapshot } from './meeting-fixture.js';

const ctx = useRedis();
const deps = (): ServiceDeps => ({ redis: ctx.redis, clock: manualClock('2025-06-01T01:00:00Z'), log: memoryLogger(), seenKey: TEST_SEEN_KEY });
const roster: Member[] = [
  { id: 'chair1', openId: 'ou_chair1', name: '张书记', role: 'chair' },
  { id: 'vice1', openId: 'ou_vice1', name: '李副书记', role: 'viceChair' },
  { id: 'm1', openId: 'ou_m1', name: '王委员', role: 'member' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
  { id: 'obs1', openId: 'ou_obs1', name: '钱列席', role: 'observer' },
];

describe('committee setup', () => {
  it('creates a committee with a profile and a roster, audited', async () => {
    const chatId = freshId('oc');
    const id = committeeIdOfChat(chatId);
    const committee = await createCommittee(deps(), { chatId, name: '市人大常委会党组', profileId: 'JY', roster, actorOpenId: 'ou_clerk1' });
    expect(committee).toMatchObject({ id, profileId: 'JY', version: 1, timeZone: 'Asia/Shanghai' });
    expect((await loadCommittee(deps(), id)).roster).toHaveLength(5);
    const log = await readAuditLog(ctx.redis, id);
    expect(log.map((e) => [e.actor, e.action])).toEqual([['clerk1', 'committee.create']]);
  });

  it('changes profile, overrides and roles later, each change audited and the chain intact', async () => {
    const id = (await createCommittee(deps(), { chatId: freshId('c'), name: '局党组', profileId: 'NATIONAL', roster, actorOpenId: 'ou_clerk1' })).id;
    await changeCommittee(deps(), { committeeId: id, actorId: 'clerk1', profileId: 'NT', overrides: { noticeCounting: 'hours' } });
    const promoted = roster.map((m) => (m.id === 'm1' ? { ...m, role: 'viceChair' as const } : m));
    const changed = await changeCommittee(deps(), { committeeId: id, actorId: 'chair1', roster: promoted });
    expect(changed).toMatchObject({ profileId: 'NT', overrides: { noticeCounting: 'hours' }, version: 3 });
    expect(changed.roster.find((m) => m.id === 'm1')?.role).toBe('viceChair');
    expect((await readAuditLog(ctx.redis, id)).map((e) => e.action)).toEqual(['committee.create', 'committee.change', 'committee.change']);
    expect(await verifyAuditLog(ctx.redis, id)).toEqual({ ok: true, entries: 3 });
  });

  it('refuses a bad override, a roster without exactly one chair, or a change by a plain member, changing nothing', async () => {
    const id = (await createCommittee(deps(), { chatId: freshId('c'), name: '党组', profileId: 'JY', roster, actorOpenId: 'ou_clerk1' })).id;
    const bad = await refusal(changeCommittee(deps(), { committeeId: id, actorId: 'clerk1', overrides: { recusal: 'sometimes' } as never }));
    expect(bad.refusal).toBe('INVALID_INPUT');
    expect(bad.userMessage).toMatch(/请检查/);
    const twoChairs = roster.map((m) => (m.id === 'vice1' ? { ...m, role: 'chair' as const } : m));
    expect((await refusal(changeCommittee(deps(), { committeeId: id, actorId: 'clerk1', roster: twoChairs }))).refusal).toBe('INVALID_INPUT');
    expect((await refusal(changeCommittee(deps(), { committeeId: id, actorId: 'm1', profileId: 'NT' }))).refusal).toBe('NOT_CLERK');
    expect((await refusal(changeCommittee(deps(), { committeeId: id, actorId: 'stranger', profileId: 'NT' }))).refusal).toBe('NOT_A_MEMBER');
    expect((await refusal(changeCommittee(deps(), { committeeId: 'a}:b', actorId: 'clerk1', profileId: 'NT' }))).refusal).toBe('INVALID_INPUT');
    const after = await loadCommittee(deps(), id);
    expect(after).toMatchObject({ version: 1, profileId: 'JY' });
    expect(await readAuditLog(ctx.redis, id)).toHaveLength(1);
  });

  it('refuses an unknown profile, a roster that repeats an open_id, and a setup by someone not on the roster, writing nothing', async () => {
    const chatId = freshId('oc');
    const id = committeeIdOfChat(chatId);
    const before = await snapshot(ctx.redis, id);
    expect((await refusal(createCommittee(deps(), { chatId, name: '党组', profileId: 'SH' as never, roster, actorOpenId: 'ou_clerk1' }))).refusal).toBe('INVALID_INPUT');
    const twice = roster.map((m) => (m.id === 'm1' ? { ...m, openId: 'ou_vice1' } : m));
    expect((await refusal(createCommittee(deps(), { chatId, name: '党组', profileId: 'JY', roster: twice, actorOpenId: 'ou_clerk1' }))).refusal).toBe('INVALID_INPUT');
    expect((await refusal(createCommittee(deps(), { chatId, name: '党组', profileId: 'JY', roster, actorOpenId: 'ou_outsider' }))).refusal).toBe('NOT_A_MEMBER');
    expect(await snapshot(ctx.redis, id)).toEqual(before);
    expect(before).toEqual({});
  });
});

describe('who may set up and who leads', () => {
  const leaderChange = (changes: Record<string, Member['role']>): Member[] => roster.map((m) => (changes[m.id] ? { ...m, role: changes[m.id] ?? m.role } : m));

  it('the first save belongs to whoever added the bot; anyone may save first when Feishu did not say who', async () => {
    const chatId = freshId('oc');
    const id = committeeIdOfChat(chatId);
    const input = { chatId, name: '党组', profileId: 'JY' as const, roster, addedBy: 'ou_chair1' };
    const rogue = await refusal(createCommittee(deps(), { ...input, actorOpenId: 'ou_clerk1' }));
    expect(rogue.refusal).toBe('NOT_SETUP_OWNER');
    expect(await snapshot(ctx.redis, id)).toEqual({});
    await createCommittee(deps(), { ...input, actorOpenId: 'ou_chair1' });
    expect((await readAuditLog(ctx.redis, id)).map((e) => [e.actor, e.action])).toEqual([['chair1', 'committee.create']]);
    const unknown = await createCommittee(deps(), { chatId: freshId('oc'), name: '党组', profileId: 'JY', roster, actorOpenId: 'ou_m1' });
    expect((await readAuditLog(ctx.redis, unknown.id)).map((e) => e.actor)).toEqual(['m1']);
  });

  it('a rogue setup of a chat that has a committee is refused, whoever sends it, and changes nothing', async () => {
    const chatId = freshId('oc');
    const { id } = await createCommittee(deps(), { chatId, name: '党组', profileId: 'JY', roster, actorOpenId: 'ou_clerk1' });
    const before = await snapshot(ctx.redis, id);
    const takeover: Member[] = [{ id: 'x', openId: 'ou_x', name: '外人', role: 'chair' }];
    for (const attempt of [{ roster: takeover, actorOpenId: 'ou_x' }, { roster, actorOpenId: 'ou_chair1' }, { roster, actorOpenId: 'ou_clerk1', addedBy: 'ou_clerk1' }]) {
      const refused = await refusal(createCommittee(deps(), { chatId, name: '另一个党组', profileId: 'NT', ...attempt }));
      expect(refused.refusal).toBe('CHAT_HAS_COMMITTEE');
    }
    expect(await snapshot(ctx.redis, id)).toEqual(before);
    expect((await refusal(resolveActor(deps(), { chatId, chatType: 'group', openId: 'ou_x' }))).refusal).toBe('NOT_A_MEMBER');
  });

  it('two setups of one chat at once: exactly one wins, the other is refused in Chinese and leaves no trace', async () => {
    for (let round = 0; round < 10; round += 1) {
      const chatId = freshId('oc');
      const a: Member[] = [{ id: 'a1', openId: `ou_a${round}`, name: '甲书记', role: 'chair' }, { id: 'both', openId: `ou_both${round}`, name: '共同', role: 'member' }];
      const b: Member[] = [{ id: 'b1', openId: `ou_b${round}`, name: '乙书记', role: 'chair' }, { id: 'both', openId: `ou_both${round}`, name: '共同', role: 'member' }];
      const setups = [
        () => createCommittee(deps(), { chatId, name: '甲', profileId: 'JY', roster: a, actorOpenId: `ou_a${round}` }),
        () => createCommittee(deps(), { chatId, name: '乙', profileId: 'NT', roster: b, actorOpenId: `ou_b${round}` }),
      ];
      if (round % 2 === 1) setups.reverse();
      const outcomes = await Promise.allSettled(setups.map((start) => start()));
      const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as RefusedError] : []));
      expect(won).toHaveLength(1);
      expect(lost.map((e) => [e.refusal, e.userMessage])).toEqual([['CHAT_HAS_COMMITTEE', USER_MESSAGES.CHAT_HAS_COMMITTEE]]);
      const winner = won[0];
      if (!winner) throw new Error('no winner');
      expect(await loadCommittee(deps(), committeeIdOfChat(chatId))).toEqual(winner);
      expect((await readAuditLog(ctx.redis, winner.id)).map((e) => e.action)).toEqual(['committee.create']);
      const loserChair = winner.name === '甲' ? `ou_b${round}` : `ou_a${round}`;
      expect(await ctx.redis.smembers(membershipKey(loserChair))).toEqual([]);
      expect(await ctx.redis.smembers(membershipKey(`ou_both${round}`))).toEqual([winner.id]);
    }
  });

  it('a clerk gives nobody the chair or a vice chair, himself included, and cannot demote the chair; other roles he may change', async () => {
    const { id } = await createCommittee(deps(), { chatId: freshId('oc'), name: '党组', profileId: 'JY', roster, actorOpenId: 'ou_clerk1' });
    const escalations = [
      leaderChange({ clerk1: 'chair', chair1: 'member' }),
      leaderChange({ clerk1: 'viceChair' }),
      leaderChange({ m1: 'viceChair' }),
      leaderChange({ chair1: 'member', vice1: 'chair' }),
      leaderChange({ vice1: 'member' }),
      roster.filter((m) => m.id !== 'vice1'),
    ];
    const before = await snapshot(ctx.redis, id);
    for (const next of escalations) {
      const refused = await refusal(changeCommittee(deps(), { committeeId: id, actorId: 'clerk1', roster: next }));
      expect(refused.refusal).toBe('NOT_COMMITTEE_CHAIR');
      expect(refused.userMessage).toBe('此项操作须由书记进行。');
    }
    expect((await refusal(changeCommittee(deps(), { committeeId: id, actorId: 'vice1', roster: leaderChange({ m1: 'viceChair' }) }))).refusal).toBe('NOT_COMMITTEE_CHAIR');
    expect(await snapshot(ctx.redis, id)).toEqual(before);
    const joined = [...leaderChange({ m1: 'observer' }), { id: 'm9', openId: 'ou_m9_new', name: '新委员', role: 'member' as const }];
    expect((await changeCommittee(deps(), { committeeId: id, actorId: 'clerk1', roster: joined })).roster).toHaveLength(6);
    const handover = await changeCommittee(deps(), { committeeId: id, actorId: 'chair1', roster: leaderChange({ chair1: 'member', vice1: 'chair' }) });
    expect(handover.roster.filter((m) => m.role === 'chair').map((m) => m.id)).toEqual(['vice1']);
  });
});

describe('one actor resolver', () => {
  const people = (tag: string): Member[] => [
    { id: 'chair1', openId: `ou_${tag}_chair`, name: '张书记', role: 'chair' },
    { id: 'm1', openId: `ou_${tag}_m1`, name: '王委员', role: 'member' },
    { id: 'both', openId: `ou_${tag}_both`, name: '双重', role: 'member' },
  ];

  it('in a group the chat names the committee and the roster names the member; a foreign card, a stranger and an unset chat are refused', async () => {
    const tag = freshId('r');
    const chatId = freshId('oc');
    const { id } = await createCommittee(deps(), { chatId, name: '甲党组', profileId: 'JY', roster: people(tag), actorOpenId: `ou_${tag}_chair` });
    const other = await createCommittee(deps(), { chatId: freshId('oc'), name: '乙党组', profileId: 'JY', roster: people(`${tag}x`), actorOpenId: `ou_${tag}x_chair` });
    const resolved = await resolveActor(deps(), { chatId, chatType: 'group', openId: `ou_${tag}_m1` });
    expect([resolved.committee.id, resolved.member.id]).toEqual([id, 'm1']);
    expect((await resolveActor(deps(), { chatId, openId: `ou_${tag}_m1`, committeeId: id })).member.id).toBe('m1');
    const refusedOf = async (input: Parameters<typeof resolveActor>[1]) => (await refusal(resolveActor(deps(), input))).refusal;
    expect(await refusedOf({ chatId, openId: `ou_${tag}_m1`, committeeId: other.id })).toBe('FOREIGN_CARD');
    expect(await refusedOf({ chatId, chatType: 'group', openId: `ou_${tag}x_m1` })).toBe('NOT_A_MEMBER');
    expect(await refusedOf({ chatId: freshId('oc'), chatType: 'group', openId: `ou_${tag}_m1` })).toBe('NO_COMMITTEE');
  });

  it('in a private chat: the signed card names the committee, else the one committee of the sender, else he is asked which', async () => {
    const tag = freshId('r');
    const a = await createCommittee(deps(), { chatId: freshId('oc'), name: '甲党组', profileId: 'JY', roster: people(tag), actorOpenId: `ou_${tag}_chair` });
    const bRoster = [{ id: 'chair9', openId: `ou_${tag}_b_chair`, name: '乙书记', role: 'chair' as const }, { id: 'both', openId: `ou_${tag}_both`, name: '双重', role: 'member' as const }];
    const b = await createCommittee(deps(), { chatId: freshId('oc'), name: '乙党组', profileId: 'NT', roster: bRoster, actorOpenId: `ou_${tag}_b_chair` });
    const p2p = freshId('oc_p2p');
    expect((await resolveActor(deps(), { chatId: p2p, chatType: 'p2p', openId: `ou_${tag}_m1` })).committee.id).toBe(a.id);
    const ask = await refusal(resolveActor(deps(), { chatId: p2p, chatType: 'p2p', openId: `ou_${tag}_both` }));
    expect(ask).toBeInstanceOf(ChooseCommitteeError);
    expect((ask as ChooseCommitteeError).choices).toEqual([{ id: a.id, name: '甲党组' }, { id: b.id, name: '乙党组' }]);
    expect((await resolveActor(deps(), { chatId: p2p, openId: `ou_${tag}_both`, committeeId: b.id })).committee.id).toBe(b.id);
    expect((await refusal(resolveActor(deps(), { chatId: p2p, openId: `ou_${tag}_m1`, committeeId: b.id }))).refusal).toBe('NOT_A_MEMBER');
    expect((await refusal(resolveActor(deps(), { chatType: 'p2p', openId: 'ou_nobody_at_all' }))).refusal).toBe('NOT_A_MEMBER');

    // Leaving one roster leaves one committee: the index may remember him, the roster decides.
    await changeCommittee(deps(), { committeeId: b.id, actorId: 'chair9', roster: bRoster.filter((m) => m.id !== 'both') });
    expect((await resolveActor(deps(), { chatType: 'p2p', openId: `ou_${tag}_both` })).committee.id).toBe(a.id);
    const joined = await changeCommittee(deps(), { committeeId: b.id, actorId: 'chair9', roster: [...bRoster.slice(0, 1), { id: 'new', openId: `ou_${tag}_new`, name: '新人', role: 'member' }] });
    expect((await resolveActor(deps(), { chatType: 'p2p', openId: `ou_${tag}_new` })).committee.id).toBe(joined.id);
  });
});

describe('people joining and leaving the chat', () => {
  it('a newcomer becomes a 成员, one who left leaves the roster, a leader who left stays; a replay changes nothing', async () => {
    const tag = freshId('j');
    const chatId = freshId('oc');
    const people: Member[] = [
      { id: 'chair1', openId: `ou_${tag}_chair`, name: '张书记', role: 'chair' },
      { id: 'm1', openId: `ou_${tag}_m1`, name: '王委员', role: 'member' },
      { id: 'clerk1', openId: `ou_${tag}_clerk`, name: '赵秘书', role: 'clerk' },
    ];
    const { id } = await createCommittee(deps(), { chatId, name: '党组', profileId: 'JY', roster: people, actorOpenId: `ou_${tag}_clerk` });
    const event = { chatId, joined: [{ openId: `ou_${tag}_new`, name: '新委员' }, { openId: `ou_${tag}_new`, name: '新委员' }], left: [`ou_${tag}_m1`, `ou_${tag}_chair`] };
    const change = await applyChatMembership(deps(), event);
    expect(change).toMatchObject({ added: [memberIdFor(`ou_${tag}_new`)], removed: ['m1'], leadersKept: ['chair1'] });
    expect(change.committee.roster.map((m) => [m.id, m.role])).toEqual([['chair1', 'chair'], ['clerk1', 'clerk'], [memberIdFor(`ou_${tag}_new`), 'member']]);
    expect((await readAuditLog(ctx.redis, id)).at(-1)).toMatchObject({ actor: 'feishu', action: 'committee.members' });
    expect((await resolveActor(deps(), { chatType: 'p2p', openId: `ou_${tag}_new` })).member.role).toBe('member');
    expect((await refusal(resolveActor(deps(), { chatId, chatType: 'group', openId: `ou_${tag}_m1` }))).refusal).toBe('NOT_A_MEMBER');
    const before = await snapshot(ctx.redis, id);
    expect(await applyChatMembership(deps(), event)).toMatchObject({ added: [], removed: [] });
    expect(await snapshot(ctx.redis, id)).toEqual(before);
    expect((await refusal(applyChatMembership(deps(), { chatId: freshId('oc'), joined: [{ openId: 'ou_x', name: '某人' }] }))).refusal).toBe('NO_COMMITTEE');
  });
});
