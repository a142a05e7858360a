// /纪要 picks the meeting closed last; 修改 rewrites each item's 会议议定, kept across re-drafts, until sign-off.
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { amendMinutes, draftLatestMinutes, draftMinutes, getMinutes, minutesToAmend, signOffMinutes } from '../../src/services/minutes.js';
import { readAuditLog } from '../../src/store/audit.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { refusal } from '../support/refusal.js';
import { snapshot } from './meeting-fixture.js';
import { commitMeeting } from './recorded-meeting.js';

const ctx = useRedis();
const roster: Member[] = [
  { id: 'chair1', openId: 'ou_chair1', name: '张书记', role: 'chair' },
  { id: 'm1', openId: 'ou_m1', name: '王委员', role: 'member' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
  { id: 'clerk2', openId: 'ou_clerk2', name: '钱秘书', role: 'clerk' },
];

async function committee() {
  const deps: ServiceDeps = { redis: ctx.redis, clock: manualClock('2025-06-20T06:00:00Z'), log: memoryLogger(), seenKey: TEST_SEEN_KEY };
  const c = (await createCommittee(deps, { chatId: freshId('ma'), name: '党组', profileId: 'JY', roster, actorOpenId: 'ou_clerk1' })).id;
  const meeting = (id: string, title: string, status: 'closed' | 'inProgress', closedAt?: string, startsAt = '2025-06-18T01:00:00.000Z') => commitMeeting(ctx.redis, {
    committeeId: c, meeting: { id, title, status, startsAt, chairId: 'chair1', ...(closedAt && { closedAt, closedBy: 'chair1' }) },
    items: [{ topic: { id: `${id}-a`, title: '甲议题' } }, { topic: { id: `${id}-b`, title: '乙议题' } }],
  });
  return { deps, c, meeting };
}

describe('/纪要: the meeting closed last', () => {
  it('is the one closed last, not the one that started last, whatever order they were stored in', async () => {
    const { deps, c, meeting } = await committee();
    expect((await refusal(draftLatestMinutes(deps, { committeeId: c, actorId: 'clerk1' }))).refusal).toBe('NO_CLOSED_MEETING');
    await meeting('late-start', '第二次会议', 'closed', '2025-06-19T03:00:00.000Z', '2025-06-19T01:00:00.000Z');
    await meeting('closed-last', '第一次会议', 'closed', '2025-06-19T05:00:00.000Z', '2025-06-18T01:00:00.000Z');
    const { meeting: picked, minutes } = await draftLatestMinutes(deps, { committeeId: c, actorId: 'clerk1' });
    expect(picked.id).toBe('closed-last');
    expect(minutes.body).toContain('# 第一次会议纪要');
  });

  it('is refused while a meeting is in progress, and to anyone but the office, changing nothing', async () => {
    const { deps, c, meeting } = await committee();
    await meeting('done', '第一次会议', 'closed', '2025-06-19T05:00:00.000Z');
    await meeting('open', '第二次会议', 'inProgress');
    const before = await snapshot(ctx.redis, c);
    expect((await refusal(draftLatestMinutes(deps, { committeeId: c, actorId: 'clerk1' }))).refusal).toBe('MEETING_NOT_CLOSED');
    expect((await refusal(draftLatestMinutes(deps, { committeeId: c, actorId: 'm1' }))).refusal).toBe('NOT_CLERK');
    expect(await snapshot(ctx.redis, c)).toEqual(before);
  });

  it('returns signed minutes as they are, writing nothing', async () => {
    const { deps, c, meeting } = await committee();
    await meeting('mt', '第一次会议', 'closed', '2025-06-19T05:00:00.000Z');
    await draftMinutes(deps, { committeeId: c, meetingId: 'mt', actorId: 'clerk1' });
    const signed = await signOffMinutes(deps, { committeeId: c, meetingId: 'mt', actorId: 'chair1' });
    const before = await snapshot(ctx.redis, c);
    expect((await draftLatestMinutes(deps, { committeeId: c, actorId: 'clerk1' })).minutes).toEqual(signed);
    expect(await snapshot(ctx.redis, c)).toEqual(before);
  });
});

describe('修改: the wording of each item', () => {
  it('is kept across re-drafts, merged item by item, and audited by its hash only', async () => {
    const { deps, c, meeting } = await committee();
    await meeting('mt', '第一次会议', 'closed', '2025-06-19T05:00:00.000Z');
    const ref = { committeeId: c, meetingId: 'mt' };
    expect((await refusal(minutesToAmend(deps, { ...ref, actorId: 'clerk1' }))).refusal).toBe('MINUTES_NOT_DRAFTED');
    expect((await refusal(amendMinutes(deps, { ...ref, actorId: 'clerk1', items: [{ topicId: 'mt-a', text: '同意' }] }))).refusal).toBe('MINUTES_NOT_DRAFTED');
    await draftMinutes(deps, { ...ref, actorId: 'clerk1' });
    await amendMinutes(deps, { ...ref, actorId: 'clerk1', items: [{ topicId: 'mt-a', text: '会议同意甲方案' }] });
    await amendMinutes(deps, { ...ref, actorId: 'clerk2', items: [{ topicId: 'mt-b', text: '会议原则同意乙方案' }] });
    const redrafted = await draftMinutes(deps, { ...ref, actorId: 'clerk1' });
    expect(redrafted.wording).toEqual({ 'mt-a': '会议同意甲方案', 'mt-b': '会议原则同意乙方案' });
    expect(redrafted.body).toContain('- 会议议定:会议同意甲方案');
    expect(redrafted.body).toContain('- 会议议定:会议原则同意乙方案');
    const audit = (await readAuditLog(ctx.redis, c)).filter((e) => e.action === 'minutes.amend');
    expect(audit.map((e) => e.actor)).toEqual(['clerk1', 'clerk2']);
    expect(JSON.stringify(audit)).not.toContain('甲方案');
  });

  it('two clerks amending different items at once both count', async () => {
    const { deps, c, meeting } = await committee();
    await meeting('mt', '第一次会议', 'closed', '2025-06-19T05:00:00.000Z');
    const ref = { committeeId: c, meetingId: 'mt' };
    await draftMinutes(deps, { ...ref, actorId: 'clerk1' });
    await Promise.all([
      amendMinutes(deps, { ...ref, actorId: 'clerk1', items: [{ topicId: 'mt-a', text: '甲' }] }),
      amendMinutes(deps, { ...ref, actorId: 'clerk2', items: [{ topicId: 'mt-b', text: '乙' }] }),
    ]);
    expect((await getMinutes(deps, { ...ref, viewerId: 'm1' }))?.wording).toEqual({ 'mt-a': '甲', 'mt-b': '乙' });
  });

  it('refuses an item not on the agenda, a member, wording too long, and anything once signed, changing nothing', async () => {
    const { deps, c, meeting } = await committee();
    await meeting('mt', '第一次会议', 'closed', '2025-06-19T05:00:00.000Z');
    const ref = { committeeId: c, meetingId: 'mt' };
    await draftMinutes(deps, { ...ref, actorId: 'clerk1' });
    const before = await snapshot(ctx.redis, c);
    expect((await refusal(amendMinutes(deps, { ...ref, actorId: 'clerk1', items: [{ topicId: 'other', text: '伪造' }] }))).refusal).toBe('INVALID_INPUT');
    expect((await refusal(amendMinutes(deps, { ...ref, actorId: 'm1', items: [{ topicId: 'mt-a', text: '同意' }] }))).refusal).toBe('NOT_CLERK');
    expect((await refusal(amendMinutes(deps, { ...ref, actorId: 'clerk1', items: [{ topicId: 'mt-a', text: '长'.repeat(301) }] }))).refusal).toBe('INVALID_INPUT');
    expect((await refusal(amendMinutes(deps, { ...ref, actorId: 'clerk1', items: [] }))).refusal).toBe('INVALID_INPUT');
    expect(await snapshot(ctx.redis, c)).toEqual(before);
    await signOffMinutes(deps, { ...ref, actorId: 'chair1' });
    const signed = await snapshot(ctx.redis, c);
    expect((await refusal(amendMinutes(deps, { ...ref, actorId: 'clerk1', items: [{ topicId: 'mt-a', text: '同意' }] }))).refusal).toBe('MINUTES_SIGNED');
    expect((await refusal(minutesToAmend(deps, { ...ref, actorId: 'clerk1' }))).refusal).toBe('MINUTES_SIGNED');
    expect(await snapshot(ctx.redis, c)).toEqual(signed);
  });
});
