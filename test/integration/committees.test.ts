import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import { changeCommittee, createCommittee } from '../../src/services/committees.js';
import { loadCommittee, type ServiceDeps } from '../../src/services/context.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { refusal } from '../support/refusal.js';

const ctx = useRedis();
const deps = (): ServiceDeps => ({ redis: ctx.redis, clock: manualClock('2025-06-01T01:00:00Z'), log: memoryLogger(), seenKey: TEST_SEEN_KEY });
const roster: Member[] = [
  { id: 'chair1', name: '张书记', role: 'chair' },
  { id: 'vice1', name: '李副书记', role: 'viceChair' },
  { id: 'm1', name: '王委员', role: 'member' },
  { id: 'clerk1', name: '赵秘书', role: 'clerk' },
  { id: 'obs1', name: '钱列席', role: 'observer' },
];


describe('committee setup', () => {
  it('creates a committee with a profile and a roster, audited', async () => {
    const id = freshId('c');
    const committee = await createCommittee(deps(), { id, chatId: 'oc_1', name: '市人大常委会党组', profileId: 'JY', roster, actorId: 'clerk1' });
    expect(committee).toMatchObject({ id, profileId: 'JY', version: 1, timeZone: 'Asia/Shanghai' });
    expect((await loadCommittee(deps(), id)).roster).toHaveLength(5);
    const log = await readAuditLog(ctx.redis, id);
    expect(log.map((e) => [e.actor, e.action])).toEqual([['clerk1', 'committee.create']]);
  });

  it('changes profile, overrides and roles later, each change audited and the chain intact', async () => {
    const id = freshId('c');
    await createCommittee(deps(), { id, chatId: 'oc_2', name: '局党组', profileId: 'NATIONAL', roster, actorId: 'clerk1' });
    await changeCommittee(deps(), { committeeId: id, actorId: 'clerk1', profileId: 'NT', overrides: { noticeCounting: 'hours' } });
    const promoted = roster.map((m) => (m.id === 'm1' ? { ...m, role: 'viceChair' as const } : m));
    const changed = await changeCommittee(deps(), { committeeId: id, actorId: 'chair1', roster: promoted });
    expect(changed).toMatchObject({ profileId: 'NT', overrides: { noticeCounting: 'hours' }, version: 3 });
    expect(changed.roster.find((m) => m.id === 'm1')?.role).toBe('viceChair');
    expect((await readAuditLog(ctx.redis, id)).map((e) => e.action)).toEqual(['committee.create', 'committee.change', 'committee.change']);
    expect(await verifyAuditLog(ctx.redis, id)).toEqual({ ok: true, entries: 3 });
  });

  it('refuses a bad override, a roster without exactly one chair, or a change by a plain member, changing nothing', async () => {
    const id = freshId('c');
    await createCommittee(deps(), { id, chatId: 'oc_3', name: '党组', profileId: 'JY', roster, actorId: 'clerk1' });
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

  it('refuses a second committee with the same id, an unknown profile and an id that could forge a key', async () => {
    const id = freshId('c');
    await createCommittee(deps(), { id, chatId: 'oc_4', name: '党组', profileId: 'JY', roster, actorId: 'clerk1' });
    expect((await refusal(createCommittee(deps(), { id, chatId: 'oc_4', name: '党组', profileId: 'JY', roster, actorId: 'clerk1' }))).refusal).toBe('INVALID_STATE');
    expect((await refusal(createCommittee(deps(), { id: freshId('c'), chatId: 'x', name: '党组', profileId: 'SH' as never, roster, actorId: 'clerk1' }))).refusal).toBe('INVALID_INPUT');
    expect((await refusal(createCommittee(deps(), { id: 'a}:b', chatId: 'x', name: '党组', profileId: 'JY', roster, actorId: 'clerk1' }))).refusal).toBe('INVALID_INPUT');
  });
});
