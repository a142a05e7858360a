/**
 * Leave, task and duty reminders on the real reminder queue (BullMQ over Redis) with a manual
 * clock: the use cases schedule each reminder as a delayed job at its local time (read back from
 * the queue), the worker's processor run at that time hands the right sends to the right people,
 * once per job and subject state, and nothing once the subject is done (task 办结, leave 销假,
 * duty 登记完成), whether its jobs were voided or a copy escaped. Across 春节 2027 and with the
 * process at TZ=UTC.
 */
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { createHolidayCalendar } from '../../src/calendar/holidays.js';
import type { ReminderJob } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import { createReminderQueue, createReminders, reminderProcessor, reminderSendKey } from '../../src/scheduler/reminders.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { recordDuty } from '../../src/services/duties.js';
import { actOnLeave, fileLeave, requestLeave, returnFromLeave, setApprovers } from '../../src/services/leave.js';
import { REMINDER_SENDERS } from '../../src/services/reminder-senders.js';
import { planAllFollowUps } from '../../src/services/reminders-duty.js';
import type { ReminderSend } from '../../src/services/reminders.js';
import { completeTask, createTask } from '../../src/services/tasks.js';
import { decideMeetingLeave, requestMeetingLeave } from '../../src/services/attendance.js';
import { cancelMeeting } from '../../src/services/meetings.js';
import { rescheduleMeeting } from '../../src/services/meetings-notice.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { committee, meetingWithAgenda } from './meeting-fixture.js';

const ctx = useRedis();
let q: ReturnType<typeof createReminderQueue>;
const savedTz = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'UTC';
  q = createReminderQueue({ redisUrl: inject('redisUrl'), prefix: freshId('rq') });
});
afterAll(async () => {
  await q.close();
  if (savedTz === undefined) delete process.env.TZ; else process.env.TZ = savedTz;
});

const SPRING_2027 = createHolidayCalendar({
  overrides: new Map([[2027, {
    holidays: ['2027-01-01', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-02-13', '2027-02-14'],
    workdays: ['2027-02-20'],
  }]]),
});

function world(start: string) {
  const clock = manualClock(start);
  const deps: ServiceDeps = { redis: ctx.redis, clock, log: memoryLogger(), seenKey: TEST_SEEN_KEY, calendar: SPRING_2027, reminders: createReminders({ queue: q.queue, redis: ctx.redis, clock }) };
  return { clock, deps };
}

type Delivered = { memberId?: string; chat?: boolean; type?: string; key: string; send: ReminderSend };

/**
 * The committee's delayed jobs of one noun (every committee also has its duties' from its setup),
 * as `kind occurrence` → the local instant they fall due on the clock that scheduled them.
 */
async function pending(committeeId: string, scheduledAt: Date, noun: 'task' | 'leave' | 'duty' | 'meeting.leaveApproval'): Promise<Record<string, string>> {
  const jobs = (await q.queue.getDelayed()).filter((j) => j.data.committeeId === committeeId && (j.data.kind === noun || j.data.kind.startsWith(`${noun}.`)));
  return Object.fromEntries(jobs.map((j) => [`${j.data.kind} ${j.data.occurrence}`, local(scheduledAt.getTime() + j.delay)]));
}
const local = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

async function jobOf(committeeId: string, kind: string, occurrence: string): Promise<Job<ReminderJob>> {
  const job = (await q.queue.getDelayed()).find((j) => j.data.committeeId === committeeId && j.data.kind === kind && j.data.occurrence === occurrence);
  if (!job) throw new Error(`no ${kind} ${occurrence}`);
  return job;
}

/** Runs the worker's processor on `job` at `at` (the bot's clock), collecting what it hands to the outbox. */
async function fire(w: ReturnType<typeof world>, job: Job<ReminderJob>, at: string): Promise<Delivered[]> {
  w.clock.set(at);
  const out: Delivered[] = [];
  const processor = reminderProcessor({
    deps: w.deps, senders: REMINDER_SENDERS, log: memoryLogger(),
    deliver: (_committee, send, key) => {
      const to = 'to' in send ? send.to : undefined;
      const target = to === undefined ? {} : 'memberId' in to ? { memberId: to.memberId } : { chat: true };
      out.push({ ...target, ...('notice' in send ? { type: send.notice.type } : {}), key, send });
      return Promise.resolve();
    },
  });
  await processor(job);
  return out;
}

const who = (sends: Delivered[]) => sends.map((s) => `${s.memberId ?? 'group'}:${s.type ?? ''}`).sort();

describe('a task', () => {
  it('reminds its owner a working day before and the chair and the clerk the morning after; nothing once 办结', async () => {
    const w = world('2026-12-10T10:00:00+08:00');
    const c = await committee(w.deps, 'JY');
    const task = await createTask(w.deps, { committeeId: c, actorId: 'clerk1', title: '整改落实', ownerId: 'm1', due: '2026-12-14' });
    expect(await pending(c, w.clock.now(), 'task')).toMatchObject({ 'task.due due-soon': '2026-12-11 09:00', 'task.overdue overdue': '2026-12-15 09:00' });

    const soon = await jobOf(c, 'task.due', 'due-soon');
    const first = await fire(w, soon, '2026-12-11T09:00:00+08:00');
    expect(who(first)).toEqual(['m1:taskDue']);
    // Run again (a retry, or a second instance after a crash): the same sends under the same outbox keys, which post once.
    expect((await fire(w, soon, '2026-12-11T09:00:05+08:00')).map((s) => s.key)).toEqual(first.map((s) => s.key));
    expect(first[0]?.key).toBe(reminderSendKey(soon.id ?? '', first[0]?.send as ReminderSend));

    const late = await jobOf(c, 'task.overdue', 'overdue');
    expect(who(await fire(w, late, '2026-12-15T09:00:00+08:00'))).toEqual(['chair1:taskOverdue', 'clerk1:taskOverdue']);

    await completeTask(w.deps, { committeeId: c, taskId: task.id, actorId: 'm1' });
    expect(await pending(c, w.clock.now(), 'task')).toEqual({});
    // A copy that escaped voiding finds the task done.
    expect(await fire(w, late, '2026-12-15T09:00:00+08:00')).toEqual([]);
  });

  it('across 春节 2027: due the first day back, its owner is reminded the last working day before the holiday', async () => {
    const w = world('2027-01-25T10:00:00+08:00');
    const c = await committee(w.deps, 'JY');
    await createTask(w.deps, { committeeId: c, actorId: 'clerk1', title: '年度总结', ownerId: 'm2', due: '2027-02-15' });
    expect(await pending(c, w.clock.now(), 'task')).toEqual({ 'task.due due-soon': '2027-02-05 09:00', 'task.overdue overdue': '2027-02-16 09:00' });
  });

  it('made at 00:30 local, keeps that same morning\'s reminder (the process at TZ=UTC)', async () => {
    // 2026-12-11 00:30 +08:00 is 2026-12-10T16:30Z: the reminder for a task due Monday falls that same Friday morning.
    const w = world('2026-12-10T16:30:00Z');
    const c = await committee(w.deps, 'JY');
    await createTask(w.deps, { committeeId: c, actorId: 'clerk1', title: '调研报告', ownerId: 'm1', due: '2026-12-14' });
    expect(await pending(c, w.clock.now(), 'task')).toEqual({ 'task.due due-soon': '2026-12-11 09:00', 'task.overdue overdue': '2026-12-15 09:00' });
  });
});

describe('a general leave (AJ)', () => {
  it('reminds the waiting approver each working morning, then the applicant to 销假; nothing after 销假', async () => {
    const w = world('2026-12-10T10:00:00+08:00');
    const c = await committee(w.deps, 'AJ');
    await setApprovers(w.deps, { committeeId: c, actorId: 'clerk1', assignments: { deptHead: ['m1'] } });
    const leave = await requestLeave(w.deps, { committeeId: c, applicantId: 'm2', applicantRole: 'staff', reason: 'sick', reasonText: '门诊复查', start: '2026-12-11', end: '2026-12-11', days: 1 });
    expect(await pending(c, w.clock.now(), 'leave')).toEqual({
      'leave.approval pending-1': '2026-12-11 09:00', 'leave.approval pending-2': '2026-12-14 09:00', 'leave.approval pending-3': '2026-12-15 09:00',
      'leave.approval pending-4': '2026-12-16 09:00', 'leave.approval pending-5': '2026-12-17 09:00',
    });
    const nudge = await jobOf(c, 'leave.approval', 'pending-1');
    const sent = await fire(w, nudge, '2026-12-11T09:00:00+08:00');
    expect(who(sent)).toEqual(['m1:leavePending']);
    // The reason may be a diagnosis: no reminder carries it.
    expect(JSON.stringify(sent)).not.toContain('门诊复查');

    w.clock.set('2026-12-11T09:30:00+08:00');
    await actOnLeave(w.deps, { committeeId: c, leaveId: leave.id, actorId: 'm1', approve: true, comment: '同意' });
    // Decided: the approver's reminders are gone; the applicant's 销假 reminders come on the last day's evening and on returnBy.
    expect(await pending(c, w.clock.now(), 'leave')).toEqual({ 'leave.return end-date': '2026-12-11 17:00', 'leave.return due-day': '2026-12-14 09:00' });
    expect(await fire(w, nudge, '2026-12-14T09:00:00+08:00')).toEqual([]);
    const evening = await jobOf(c, 'leave.return', 'end-date');
    expect(who(await fire(w, evening, '2026-12-11T17:00:00+08:00'))).toEqual(['m2:leaveReturn']);
    const due = await jobOf(c, 'leave.return', 'due-day');

    await fileLeave(w.deps, { committeeId: c, leaveId: leave.id, actorId: 'clerk1', target: 'office' });
    await returnFromLeave(w.deps, { committeeId: c, leaveId: leave.id, actorId: 'm2' });
    expect(await pending(c, w.clock.now(), 'leave')).toEqual({});
    expect(await fire(w, due, '2026-12-14T09:00:00+08:00')).toEqual([]);
  });
});

describe('a meeting leave waiting for the chair (NT-3.5c)', () => {
  const APPROVAL = 'meeting.leaveApproval';
  it('reminds whoever chairs the working morning after each request and 2 hours before the start, of those still pending; none once decided', async () => {
    const w = world('2026-12-10T10:00:00+08:00');
    const c = await committee(w.deps, 'NT');
    const { meeting } = await meetingWithAgenda(w.deps, c, { startsAt: '2026-12-14T15:00:00+08:00' });
    const ask = (memberId: string) => requestMeetingLeave(w.deps, { committeeId: c, meetingId: meeting.id, actorId: memberId, reason: '出差' });
    await ask('m1');
    expect(await pending(c, w.clock.now(), APPROVAL)).toEqual({ [`${APPROVAL} morning-2026-12-11`]: '2026-12-11 09:00', [`${APPROVAL} before-start`]: '2026-12-14 13:00' });
    const friday = await jobOf(c, APPROVAL, 'morning-2026-12-11');
    const sent = await fire(w, friday, '2026-12-11T09:00:00+08:00');
    expect(who(sent)).toEqual(['chair1:meetingLeavePending']);
    expect(sent[0]?.send).toMatchObject({ notice: { applicants: ['委员1'], title: meeting.title } });
    // The reason is not the chair's reminder's to carry.
    expect(JSON.stringify(sent)).not.toContain('出差');

    w.clock.set('2026-12-11T11:00:00+08:00');
    await ask('m2');
    // Over a weekend: the next working morning is Monday's, before the last one at 13:00.
    expect(await pending(c, w.clock.now(), APPROVAL)).toMatchObject({ [`${APPROVAL} morning-2026-12-14`]: '2026-12-14 09:00' });
    await decideMeetingLeave(w.deps, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', memberId: 'm1', approve: true });
    const last = await jobOf(c, APPROVAL, 'before-start');
    expect((await fire(w, last, '2026-12-14T13:00:00+08:00'))[0]?.send).toMatchObject({ notice: { applicants: ['委员2'] } });
    // Not after the start, even if a job ran late (quiet hours, a backlog) with a leave still pending.
    expect(await fire(w, last, '2026-12-14T15:00:00+08:00')).toEqual([]);

    w.clock.set('2026-12-14T12:00:00+08:00');
    await decideMeetingLeave(w.deps, { committeeId: c, meetingId: meeting.id, actorId: 'chair1', memberId: 'm2', approve: false });
    expect(await pending(c, w.clock.now(), APPROVAL)).toEqual({});
    // A copy that escaped voiding finds nothing pending.
    expect(await fire(w, last, '2026-12-14T13:00:00+08:00')).toEqual([]);
  });

  it('a meeting moved takes its pending leaves\' reminders to the new time (the old ones gone); cancelled, none is left', async () => {
    const w = world('2026-12-10T10:00:00+08:00');
    const c = await committee(w.deps, 'NT');
    const { meeting } = await meetingWithAgenda(w.deps, c, { startsAt: '2026-12-14T15:00:00+08:00' });
    await requestMeetingLeave(w.deps, { committeeId: c, meetingId: meeting.id, actorId: 'm1', reason: '出差' });
    const old = await jobOf(c, APPROVAL, 'before-start');
    await rescheduleMeeting(w.deps, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1', startsAt: '2026-12-16T10:00:00+08:00' });
    expect(await pending(c, w.clock.now(), APPROVAL)).toEqual({ [`${APPROVAL} morning-2026-12-11`]: '2026-12-11 09:00', [`${APPROVAL} before-start`]: '2026-12-16 08:00' });
    // The job of the old time, had it escaped, finds the meeting moved.
    expect(await fire(w, old, '2026-12-14T13:00:00+08:00')).toEqual([]);
    await cancelMeeting(w.deps, { committeeId: c, meetingId: meeting.id, actorId: 'clerk1' });
    expect(await pending(c, w.clock.now(), APPROVAL)).toEqual({});
  });

  it('at start, plans the pending leaves of meetings ahead asked for before reminders existed; twice adds nothing', async () => {
    const w = world('2026-12-10T10:00:00+08:00');
    const { reminders: _none, ...before } = w.deps;
    const c = await committee(before, 'NT');
    const { meeting } = await meetingWithAgenda(before, c, { startsAt: '2026-12-14T15:00:00+08:00' });
    await requestMeetingLeave(before, { committeeId: c, meetingId: meeting.id, actorId: 'm1', reason: '出差' });
    expect(await pending(c, w.clock.now(), APPROVAL)).toEqual({});
    await planAllFollowUps(w.deps);
    await planAllFollowUps(w.deps);
    expect(await pending(c, w.clock.now(), APPROVAL)).toEqual({ [`${APPROVAL} morning-2026-12-11`]: '2026-12-11 09:00', [`${APPROVAL} before-start`]: '2026-12-14 13:00' });
  });

  it('plans nothing for a request within the last 2 hours, nor where meeting leave needs no approval (MS)', async () => {
    const w = world('2026-12-14T13:30:00+08:00');
    const c = await committee(w.deps, 'NT');
    const { meeting } = await meetingWithAgenda(w.deps, c, { startsAt: '2026-12-14T15:00:00+08:00' });
    const late = await requestMeetingLeave(w.deps, { committeeId: c, meetingId: meeting.id, actorId: 'm1', reason: '临时有事' });
    expect(late.leave?.status).toBe('pending');
    expect(await pending(c, w.clock.now(), APPROVAL)).toEqual({});
    const ms = await committee(w.deps, 'MS');
    const other = await meetingWithAgenda(w.deps, ms, { startsAt: '2026-12-16T15:00:00+08:00' });
    const recorded = await requestMeetingLeave(w.deps, { committeeId: ms, meetingId: other.meeting.id, actorId: 'm1', reason: '出差' });
    expect(recorded.leave?.status).toBe('recorded');
    expect(await pending(ms, w.clock.now(), APPROVAL)).toEqual({});
  });
});

describe('a body\'s duties (JY)', () => {
  it('are planned when it is set up: the office before each window closes, the chair the morning after a miss', async () => {
    const w = world('2026-12-01T10:00:00+08:00');
    const c = await committee(w.deps, 'JY');
    const plan = await pending(c, w.clock.now(), 'duty');
    // The monthly 党组会议: ten days before 31 December; overdue the first working day of 2027 (1 January is a holiday).
    expect(plan).toMatchObject({ 'duty.due 2026-12-before': '2026-12-21 09:00', 'duty.overdue 2026-12-overdue': '2027-01-04 09:00' });
    // The yearly duties: ten days before 31 December falls on Monday the 21st too.
    expect(Object.keys(plan).filter((k) => k.startsWith('duty.due 2026-before'))).toHaveLength(1);
    // Planning again (a restart, another instance) adds nothing.
    await planAllFollowUps(w.deps);
    expect(await pending(c, w.clock.now(), 'duty')).toEqual(plan);

    const before = (await q.queue.getDelayed()).filter((j) => j.data.committeeId === c && j.data.occurrence === '2026-12-before');
    expect(before.map((j) => j.data.subject)).toEqual(['partyGroupMeeting']);
    const sent = await fire(w, before[0] as Job<ReminderJob>, '2026-12-21T09:00:00+08:00');
    expect(who(sent)).toEqual(['clerk1:dutyDue']);

    // The chair hears of the miss, and January's reminders are planned.
    const missed = await jobOf(c, 'duty.overdue', '2026-12-overdue');
    const overdue = await fire(w, missed, '2027-01-04T09:00:00+08:00');
    expect(who(overdue.filter((s) => s.type === 'dutyOverdue'))).toEqual(['chair1:dutyOverdue']);
    expect(overdue.find((s) => s.type === 'dutyOverdue')?.send).toMatchObject({ notice: { window: '2026-12', due: '2026-12-31' } });
    expect(await pending(c, w.clock.now(), 'duty')).toMatchObject({ 'duty.due 2027-01-before': '2027-01-21 09:00', 'duty.overdue 2027-01-overdue': '2027-02-01 09:00' });
  });

  it('登记完成 voids the window\'s reminders and plans the next; a 民主生活会 brings its report\'s (JY-12d)', async () => {
    const w = world('2026-12-02T10:00:00+08:00');
    const c = await committee(w.deps, 'JY');
    const stale = await jobOf(c, 'duty.due', '2026-12-before');
    await recordDuty(w.deps, { committeeId: c, dutyId: 'partyGroupMeeting', entry: '2026-12-02', actorId: 'clerk1' });
    const plan = await pending(c, w.clock.now(), 'duty');
    expect(Object.keys(plan).filter((k) => k.endsWith('2026-12-before') || k.endsWith('2026-12-overdue'))).toHaveLength(0);
    expect(plan).toMatchObject({ 'duty.due 2027-01-before': '2027-01-21 09:00' });
    // The copy taken before finds December done.
    expect(await fire(w, stale, '2026-12-21T09:00:00+08:00')).toEqual([]);

    w.clock.set('2026-12-10T18:00:00+08:00');
    await recordDuty(w.deps, { committeeId: c, dutyId: 'lifeMeeting', entry: '2026-12-10', actorId: 'clerk1' });
    const after = await pending(c, w.clock.now(), 'duty');
    expect(after).toMatchObject({ 'duty.report report-2026-12-10-before': '2026-12-15 09:00', 'duty.report report-2026-12-10-last-day': '2026-12-25 09:00' });
    expect(Object.keys(after).some((k) => k.startsWith('duty.due 2026-before') && k.includes('lifeMeeting'))).toBe(false);
    const report = await jobOf(c, 'duty.report', 'report-2026-12-10-before');
    const told = await fire(w, report, '2026-12-15T09:00:00+08:00');
    expect(who(told)).toEqual(['clerk1:dutyReport']);
    expect(told[0]?.send).toMatchObject({ notice: { heldOn: '2026-12-10', due: '2026-12-25', basis: ['JY-12d', 'A10'] } });
  });
});

describe('at start', () => {
  it('plans the reminders of tasks and leaves made before reminders existed; planning twice adds nothing', async () => {
    const w = world('2026-12-10T10:00:00+08:00');
    const { reminders: _none, ...before } = w.deps;
    const c = await committee(before, 'AJ');
    await setApprovers(before, { committeeId: c, actorId: 'clerk1', assignments: { deptHead: ['m1'] } });
    await createTask(before, { committeeId: c, actorId: 'clerk1', title: '整改落实', ownerId: 'm1', due: '2026-12-14' });
    await requestLeave(before, { committeeId: c, applicantId: 'm2', applicantRole: 'staff', reason: 'private', reasonText: '家中有事', start: '2026-12-11', end: '2026-12-11', days: 1 });
    expect(await pending(c, w.clock.now(), 'task')).toEqual({});
    await planAllFollowUps(w.deps);
    const tasks = await pending(c, w.clock.now(), 'task');
    const leaves = await pending(c, w.clock.now(), 'leave');
    expect(tasks).toEqual({ 'task.due due-soon': '2026-12-11 09:00', 'task.overdue overdue': '2026-12-15 09:00' });
    expect(Object.keys(leaves)).toHaveLength(5);
    expect(Object.keys(await pending(c, w.clock.now(), 'duty')).length).toBeGreaterThan(0);
    const count = (await q.queue.getDelayed()).filter((j) => j.data.committeeId === c).length;
    await planAllFollowUps(w.deps);
    expect((await q.queue.getDelayed()).filter((j) => j.data.committeeId === c)).toHaveLength(count);
  });
});

