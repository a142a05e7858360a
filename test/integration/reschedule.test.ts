/**
 * 改期 (rescheduleMeeting): a meeting that has not started moves; a notice already sent is checked
 * again against the new time (its deadlines and whether it was on time follow); a started meeting,
 * a time in the past or someone outside the office is refused with nothing changed.
 */
import { describe, expect, it } from 'vitest';
import { requestMeetingLeave, rsvp } from '../../src/services/attendance.js';
import { attendanceOf, loadMeeting } from '../../src/services/loaders.js';
import { noticeCheckOfMove, rescheduleMeeting, sendNotice } from '../../src/services/meetings-notice.js';
import { startMeeting } from '../../src/services/meetings.js';
import { openSignIn } from '../../src/services/sign-in.js';
import { readAuditLog } from '../../src/store/audit.js';
import { useRedis } from '../support/store.js';
import { committee, meetingWithAgenda, refusedUnchanged, testDeps } from './meeting-fixture.js';

const ctx = useRedis();

describe('rescheduling a meeting', () => {
  it('moves a noticed meeting: its deadlines follow, and a notice that was late for the old time is on time for the later one', async () => {
    const deps = testDeps(ctx.redis, '2026-12-09T02:00:00Z');
    const id = await committee(deps, 'NT');
    const { meeting } = await meetingWithAgenda(deps, id, { startsAt: '2026-12-10T02:00:00Z' });
    const noticed = await sendNotice(deps, { committeeId: id, meetingId: meeting.id, actorId: 'clerk1' });
    expect(noticed.noticeOnTime).toBe(false);
    const moved = await rescheduleMeeting(deps, { committeeId: id, meetingId: meeting.id, actorId: 'clerk1', startsAt: '2026-12-14T10:00:00+08:00' });
    expect(moved).toMatchObject({ status: 'noticed', startsAt: '2026-12-14T02:00:00.000Z', noticeSentAt: noticed.noticeSentAt, noticeOnTime: true });
    // 会前两天 of Monday the 14th is Saturday the 12th (a rest day): on time until its end, advised by Friday's.
    expect(moved.noticeBy).toBe('2026-12-12T15:59:59.000Z');
    expect(moved.advisedBy).toBe('2026-12-11T15:59:59.000Z');
    expect(moved.objectionsBy).toBe('2026-12-13T15:59:59.000Z');
    expect(moved.noticeFlags).not.toContain('LATE_NOTICE');
  });

  it('refuses a started meeting, a time in the past, and a member outside the office, changing nothing', async () => {
    const deps = testDeps(ctx.redis, '2026-12-09T02:00:00Z');
    const id = await committee(deps, 'NT');
    const { meeting } = await meetingWithAgenda(deps, id, { startsAt: '2026-12-14T02:00:00Z' });
    const move = (actorId: string, startsAt: string) => () => rescheduleMeeting(deps, { committeeId: id, meetingId: meeting.id, actorId, startsAt });
    await refusedUnchanged(ctx.redis, id, move('clerk1', '2026-12-08T10:00:00+08:00'), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, id, move('m1', '2026-12-15T10:00:00+08:00'), 'NOT_CLERK');
    await sendNotice(deps, { committeeId: id, meetingId: meeting.id, actorId: 'clerk1' });
    await startMeeting(deps, { committeeId: id, meetingId: meeting.id, actorId: 'chair1' });
    await refusedUnchanged(ctx.redis, id, move('clerk1', '2026-12-15T10:00:00+08:00'), 'INVALID_STATE');
  });

  it('keeps every answer when the day stays, and on another day asks 参加 again while leave stays; the place moves when given', async () => {
    const deps = testDeps(ctx.redis, '2026-12-07T02:00:00Z');
    const id = await committee(deps, 'NT');
    const { meeting } = await meetingWithAgenda(deps, id, { startsAt: '2026-12-14T02:00:00Z' });
    const ref = { committeeId: id, meetingId: meeting.id };
    await sendNotice(deps, { ...ref, actorId: 'clerk1' });
    await rsvp(deps, { ...ref, actorId: 'm1', answer: 'attend' });
    await rsvp(deps, { ...ref, actorId: 'm2', answer: 'absent' });
    await requestMeetingLeave(deps, { ...ref, actorId: 'm3', reason: '出差在外' });
    const answers = async () => Object.fromEntries((await attendanceOf(deps, id, meeting.id)).map((a) => [a.memberId, { rsvp: a.rsvp, leave: a.leave?.status }]));
    const before = await answers();
    const sameDay = await rescheduleMeeting(deps, { ...ref, actorId: 'chair1', startsAt: '2026-12-14T15:00:00+08:00', location: '第二会议室' });
    expect(sameDay).toMatchObject({ startsAt: '2026-12-14T07:00:00.000Z', location: '第二会议室', movedFrom: '2026-12-14T02:00:00.000Z' });
    expect(await answers()).toEqual(before);
    const nextDay = await rescheduleMeeting(deps, { ...ref, actorId: 'clerk1', startsAt: '2026-12-15T09:00:00+08:00' });
    expect(nextDay).toMatchObject({ location: '第二会议室', movedFrom: '2026-12-14T07:00:00.000Z' });
    expect(await answers()).toEqual({ ...before, m1: { rsvp: undefined, leave: undefined } });
    expect(before.m1).toEqual({ rsvp: 'attend', leave: undefined });
    expect(before.m3?.leave).toBeDefined();
  });

  it('a meeting not yet noticed moves without a 原定 line (no one was told); the move\'s check is against sending now', async () => {
    const deps = testDeps(ctx.redis, '2026-12-09T02:00:00Z');
    const id = await committee(deps, 'NT');
    const { meeting } = await meetingWithAgenda(deps, id, { startsAt: '2026-12-14T02:00:00Z' });
    const ref = { committeeId: id, meetingId: meeting.id };
    expect((await noticeCheckOfMove(deps, { ...ref, actorId: 'clerk1', startsAt: '2026-12-10T10:00:00+08:00' })).onTime).toBe(false);
    expect((await noticeCheckOfMove(deps, { ...ref, actorId: 'clerk1', startsAt: '2026-12-16T10:00:00+08:00' })).onTime).toBe(true);
    await refusedUnchanged(ctx.redis, id, () => noticeCheckOfMove(deps, { ...ref, actorId: 'm1', startsAt: '2026-12-16T10:00:00+08:00' }), 'NOT_CLERK');
    const moved = await rescheduleMeeting(deps, { ...ref, actorId: 'clerk1', startsAt: '2026-12-16T10:00:00+08:00' });
    expect(moved.movedFrom).toBeUndefined();
    expect(moved.noticeSentAt).toBeUndefined();
  });

  it('refuses once sign-in has opened, changing nothing', async () => {
    const deps = testDeps(ctx.redis, '2026-12-09T02:00:00Z');
    const id = await committee(deps, 'NT');
    const { meeting } = await meetingWithAgenda(deps, id, { startsAt: '2026-12-14T02:00:00Z' });
    await sendNotice(deps, { committeeId: id, meetingId: meeting.id, actorId: 'clerk1' });
    await openSignIn(deps, { committeeId: id, meetingId: meeting.id, actorId: 'clerk1' });
    expect((await loadMeeting(deps, id, meeting.id)).status).toBe('noticed');
    await refusedUnchanged(ctx.redis, id, () => rescheduleMeeting(deps, { committeeId: id, meetingId: meeting.id, actorId: 'clerk1', startsAt: '2026-12-15T10:00:00+08:00' }), 'INVALID_STATE');
  });

  it('the same move twice at once is made once: one new version, one audit entry, the second answered with the first one\'s meeting', async () => {
    const deps = testDeps(ctx.redis, '2026-12-09T02:00:00Z');
    const id = await committee(deps, 'NT');
    const { meeting } = await meetingWithAgenda(deps, id, { startsAt: '2026-12-14T02:00:00Z' });
    await sendNotice(deps, { committeeId: id, meetingId: meeting.id, actorId: 'clerk1' });
    const before = await loadMeeting(deps, id, meeting.id);
    const move = () => rescheduleMeeting(deps, { committeeId: id, meetingId: meeting.id, actorId: 'clerk1', startsAt: '2026-12-15T10:00:00+08:00', location: '第二会议室' });
    const [a, b] = await Promise.all([move(), move(), move()]);
    expect(a).toEqual(b);
    expect(a?.version).toBe(before.version + 1);
    expect(await loadMeeting(deps, id, meeting.id)).toEqual(a);
    expect(a?.movedFrom).toBe(before.startsAt);
    expect((await readAuditLog(ctx.redis, id)).filter((entry) => entry.action === 'meeting.reschedule')).toHaveLength(1);
  });
});
