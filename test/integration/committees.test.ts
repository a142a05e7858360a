import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import { changeCommittee, committeeIdOfChat, createCommittee } from '../../src/services/committees.js';
import { loadCommittee, type ServiceDeps } from '../../src/services/context.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { freshId, useRedis } from '../support/store.js';
import { refusal } from '../support/refusal.js';
import { snapshot } from './meeting-fixture.js';

const ctx = useRedis();
const deps = (): ServiceDeps => ({ redis: ctx.redis, clock: manualClock('2025-06-01T01:00:00Z'), log: memoryLogger() });
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
