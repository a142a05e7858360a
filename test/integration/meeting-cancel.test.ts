import { describe, expect, it } from 'vitest';
import { decideMeetingLeave, requestMeetingLeave, rsvp } from '../../src/services/attendance.js';
import { loadMeeting, loadTopic } from '../../src/services/loaders.js';
import { cancelMeeting, setAgenda, startMeeting } from '../../src/services/meetings.js';
import { raiseObjection, sendNotice } from '../../src/services/meetings-notice.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { getMeeting, getNoticedMeeting } from '../../src/services/meeting-view.js';
import { getTopic } from '../../src/services/topics.js';
import { useRedis } from '../support/store.js';
import { committee, meetingWithAgenda, refusedUnchanged, testDeps } from './meeting-fixture.js';

const ctx = useRedis();
const MEETING = '2025-06-18T09:00:00+08:00';
const deps = () => testDeps(ctx.redis, '2025-06-10T09:00:00+08:00');

describe('cancelling a meeting', () => {
  it('the clerk cancels a noticed meeting: audited, its topics free again, no more answers taken', async () => {
    const d = deps();
    const c = await committee(d, 'NT');
    const { meeting, topics } = await meetingWithAgenda(d, c, { startsAt: MEETING, topics: ['general', 'major'] });
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    await requestMeetingLeave(d, { committeeId: c, meetingId: meeting.id, actorId: 'm1', reason: '出差在外', writtenOpinions: [] });
    const cancelled = await cancelMeeting(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelledBy: 'clerk1', cancelledAt: '2025-06-10T01:00:00.000Z' });
    expect(await loadMeeting(d, c, meeting.id)).toEqual(cancelled);
    for (const topic of topics) expect(await loadTopic(d, c, topic.id)).not.toHaveProperty('meetingId');
    expect((await Promise.all(topics.map((t) => loadTopic(d, c, t.id)))).map((t) => t.status)).toEqual(['confirmed', 'confirmed']);
    const entry = (await readAuditLog(ctx.redis, c)).at(-1);
    expect(entry).toMatchObject({ actor: 'clerk1', action: 'meeting.cancel', subject: meeting.id, data: { from: 'noticed', topics: 2 } });
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });

    const ref = { committeeId: c, meetingId: meeting.id };
    await refusedUnchanged(ctx.redis, c, () => rsvp(d, { ...ref, actorId: 'm2', answer: 'attend' }), 'INVALID_STATE');
    await refusedUnchanged(ctx.redis, c, () => requestMeetingLeave(d, { ...ref, actorId: 'm2', reason: '出差', writtenOpinions: [] }), 'INVALID_STATE');
    await refusedUnchanged(ctx.redis, c, () => decideMeetingLeave(d, { ...ref, actorId: 'chair1', memberId: 'm1', approve: true }), 'INVALID_STATE');
    await refusedUnchanged(ctx.redis, c, () => raiseObjection(d, { ...ref, actorId: 'm2', text: '建议改期' }), 'INVALID_STATE');
    await refusedUnchanged(ctx.redis, c, () => startMeeting(d, { ...ref, actorId: 'chair1' }), 'INVALID_STATE');
    await refusedUnchanged(ctx.redis, c, () => setAgenda(d, { ...ref, actorId: 'clerk1', topicIds: [] }), 'AGENDA_LOCKED');
    await refusedUnchanged(ctx.redis, c, () => cancelMeeting(d, { ...ref, actorId: 'clerk1' }), 'INVALID_STATE');
  });

  it('refuses a member, and a meeting that has started, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    const ref = { committeeId: c, meetingId: meeting.id };
    await refusedUnchanged(ctx.redis, c, () => cancelMeeting(d, { ...ref, actorId: 'm1' }), 'NOT_CLERK');
    await refusedUnchanged(ctx.redis, c, () => cancelMeeting(d, { ...ref, actorId: 'obs1' }), 'NOT_CLERK');
    await refusedUnchanged(ctx.redis, c, () => cancelMeeting(d, { ...ref, actorId: 'stranger' }), 'NOT_A_MEMBER');
    await sendNotice(d, { ...ref, actorId: 'clerk1' });
    await startMeeting(d, { ...ref, actorId: 'chair1' });
    await refusedUnchanged(ctx.redis, c, () => cancelMeeting(d, { ...ref, actorId: 'chair1' }), 'INVALID_STATE');
  });
});

describe('reading a meeting for its cards', () => {
  it('anyone on the roster reads the meeting, its agenda topics in order and the answers; a stranger is refused', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const { meeting, topics } = await meetingWithAgenda(d, c, { startsAt: MEETING, topics: ['major', 'general'] });
    await sendNotice(d, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    await rsvp(d, { committeeId: c, meetingId: meeting.id, actorId: 'm1', answer: 'attend' });
    const seen = await getMeeting(d, { committeeId: c, meetingId: meeting.id, viewerId: 'obs1' });
    expect(seen.topics.map((t) => t.id)).toEqual(topics.map((t) => t.id));
    expect(seen.attendance.map((a) => [a.memberId, a.rsvp])).toEqual([['m1', 'attend']]);
    expect(await getNoticedMeeting(d, { committeeId: c, meetingId: meeting.id })).toEqual(seen);
    await refusedUnchanged(ctx.redis, c, () => getMeeting(d, { committeeId: c, meetingId: meeting.id, viewerId: 'stranger' }), 'NOT_A_MEMBER');
    expect(await getTopic(d, { committeeId: c, topicId: topics[0]!.id, viewerId: 'obs1' })).toEqual(seen.topics[0]);
    await refusedUnchanged(ctx.redis, c, () => getTopic(d, { committeeId: c, topicId: topics[0]!.id, viewerId: 'stranger' }), 'NOT_A_MEMBER');
  });

  it('a meeting whose notice has not gone out has no group notice to read', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const { meeting } = await meetingWithAgenda(d, c, { startsAt: MEETING });
    await refusedUnchanged(ctx.redis, c, () => getNoticedMeeting(d, { committeeId: c, meetingId: meeting.id }), 'INVALID_STATE');
  });
});
