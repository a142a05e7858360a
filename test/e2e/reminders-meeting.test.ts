/**
 * Meeting reminders end to end: the real app (its queue, worker and outbox) against the stand-in,
 * on a clock set to the committee's local time while the process runs with TZ=UTC; each scenario
 * sets the clock just before a reminder comes due, so the BullMQ delay is a fraction of a second.
 * Every reminder is counted where it arrives, at the stand-in: once, to the right people, not early.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE } from '../../cards/copy.js';
import { rsvp } from '../../src/services/attendance.js';
import { cancelMeeting } from '../../src/services/meetings.js';
import { rescheduleMeeting } from '../../src/services/meetings-notice.js';
import { reminderJobId, REMINDER_QUEUE } from '../../src/scheduler/reminders.js';
import { committeeIn, openIdOf, sealed, stopWorld } from './meeting-world.js';
import { meetingAt, privateCards, startReminderWorld, until, type ReminderWorld } from './reminder-world.js';
import { sleep, waitFor } from './receiver-setup.js';
import { titleOf } from './group-chat.js';
import { Queue } from 'bullmq';

const VOTERS = ['chair1', 'vice1', 'm1', 'm2', 'm3', 'm4'];

describe('meeting reminders', () => {
  let w: ReminderWorld;
  let queue: Queue;
  beforeAll(async () => {
    w = await startReminderWorld('2026-12-09T10:00:00+08:00');
    queue = new Queue(REMINDER_QUEUE, { connection: { path: w.redisServer.socket }, prefix: w.queuePrefix });
  });
  afterAll(async () => {
    await queue.close();
    await stopWorld(w);
  });

  const groupCards = (chat: string, title: string) => w.standIn.messages().filter((m) => m.chatId === chat && titleOf(m.content).includes(title));
  const openIds = (roster: Parameters<typeof openIdOf>[0], ids: readonly string[]) => ids.map((id) => openIdOf(roster, id)).sort();
  const to = (cards: { openId: string }[]) => cards.map((c) => c.openId).sort();

  it('half an hour before the start: each person attending is reminded once, not before, and sign-in opens with its cards', async () => {
    const chat = 'oc_rem_start';
    const { id, roster } = await committeeIn(w, 'NT', chat);
    const due = w.clock.now().getTime() + 2_000;
    const meetingId = await meetingAt(w, id, new Date(due + 30 * 60_000).toISOString(), { kind: 'emergency', notice: false });
    // One member said he will not come: he is not reminded.
    await rsvp(w.app, { committeeId: id, meetingId, actorId: 'm4', answer: 'absent' });
    const attending = openIds(roster, ['chair1', 'vice1', 'm1', 'm2', 'm3', 'obs1']);
    await until(w, due - 200);
    expect(privateCards(w, '30 分钟后开会')).toHaveLength(0);
    expect(groupCards(chat, TITLE.signIn)).toHaveLength(0);
    await waitFor(() => privateCards(w, '30 分钟后开会').length >= attending.length && groupCards(chat, TITLE.chairing).length > 0, 'start reminders and sign-in', 10_000);
    await sleep(400);
    expect(to(privateCards(w, '30 分钟后开会'))).toEqual(attending);
    expect(groupCards(chat, TITLE.signIn)).toHaveLength(1);
    expect(groupCards(chat, TITLE.chairing)).toHaveLength(1);
  });

  it('the chair taps 开始签到 before the set time: at the set time sign-in is already open, and each card is in the group once', async () => {
    w.clock.set('2026-12-09T10:00:00+08:00');
    const chat = 'oc_rem_tapped';
    const { id, roster } = await committeeIn(w, 'NT', chat);
    const due = w.clock.now().getTime() + 2_000;
    const meetingId = await meetingAt(w, id, new Date(due + 30 * 60_000).toISOString());
    const tapped = await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, 'chair1'), messageId: 'om_notice', chatId: chat, value: sealed({ a: 'meeting.openSignIn', c: id, m: meetingId }) });
    expect(tapped.status).toBe(200);
    await waitFor(() => groupCards(chat, TITLE.chairing).length > 0, 'the tapped sign-in cards', 10_000);
    await until(w, due + 1_000);
    // The set time's job ran (and found sign-in open), yet nothing was posted twice.
    const ran = (await queue.getJobs(['completed'])).filter((j) => (j.data as { subject: string; kind: string }).subject === meetingId && (j.data as { kind: string }).kind === 'meeting.signIn');
    expect(ran).toHaveLength(1);
    expect(groupCards(chat, TITLE.signIn)).toHaveLength(1);
    expect(groupCards(chat, TITLE.chairing)).toHaveLength(1);
  });

  it('the notice deadline morning (NT, 会前两天): the 秘书 is told when no notice went out, and members who have not answered are asked', async () => {
    w.clock.set('2026-12-09T08:59:58.000+08:00');
    const quiet = await committeeIn(w, 'NT', 'oc_rem_quiet_clerk');
    const idle = await committeeIn(w, 'NT', 'oc_rem_idle_clerk');
    const startsAt = '2026-12-11T10:00:00+08:00';
    await meetingAt(w, idle.id, startsAt, { notice: false });
    const noticed = await meetingAt(w, quiet.id, startsAt);
    await rsvp(w.app, { committeeId: quiet.id, meetingId: noticed, actorId: 'm1', answer: 'attend' });
    await until(w, '2026-12-09T08:59:59.850+08:00');
    expect(privateCards(w, '会议通知尚未发出')).toHaveLength(0);
    await waitFor(() => privateCards(w, '会议通知尚未发出').length > 0 && privateCards(w, '请回复会议通知').length >= 6, 'notice and rsvp reminders', 10_000);
    await sleep(400);
    // The committee that sent its notice has nothing to be told; the other's clerk is told once.
    expect(to(privateCards(w, '会议通知尚未发出'))).toEqual([openIdOf(idle.roster, 'clerk1')]);
    expect(to(privateCards(w, '请回复会议通知'))).toEqual(openIds(quiet.roster, ['chair1', 'vice1', 'm2', 'm3', 'm4', 'obs1']));
    expect(JSON.stringify(privateCards(w, '会议通知尚未发出')[0]?.content)).toContain('12月9日（周三）23:59');
  });

  it('the last working morning: the still silent are asked once more and urged (加急) on the group notice; objections close that day', async () => {
    w.clock.set('2026-12-10T08:59:58.000+08:00');
    const chat = 'oc_rem_last';
    const { id, roster } = await committeeIn(w, 'NT', chat);
    const meetingId = await meetingAt(w, id, '2026-12-11T10:00:00+08:00');
    await rsvp(w.app, { committeeId: id, meetingId, actorId: 'm2', answer: 'attend' });
    await rsvp(w.app, { committeeId: id, meetingId, actorId: 'm3', answer: 'absent' });
    const notice = await waitFor(() => groupCards(chat, TITLE.notice).length > 0, 'notice').then(() => groupCards(chat, TITLE.notice)[0]);
    await waitFor(() => w.standIn.urgents().some((u) => u.messageId === notice?.messageId), 'urgent', 10_000);
    await waitFor(() => privateCards(w, '异议截止').filter((c) => c.openId.includes(chat)).length >= 5, 'objection reminders', 10_000);
    await sleep(400);
    const silent = openIds(roster, ['chair1', 'vice1', 'm1', 'm4', 'obs1']);
    expect(to(privateCards(w, '请今天回复会议通知').filter((c) => c.openId.includes(chat)))).toEqual(silent);
    const urgents = w.standIn.urgents().filter((u) => u.messageId === notice?.messageId);
    expect(urgents).toHaveLength(1);
    expect([...(urgents[0]?.userIds ?? [])].sort()).toEqual(silent);
    // Objections: every voting member not away (m3 said he will not come).
    expect(to(privateCards(w, '异议截止').filter((c) => c.openId.includes(chat)))).toEqual(openIds(roster, ['chair1', 'vice1', 'm1', 'm2', 'm4']));
  });

  it('across midnight: a Tuesday 07:00 meeting (Monday 23:00 UTC) has its last reminder on Monday 09:00 local, by the committee\'s date', async () => {
    w.clock.set('2026-12-14T08:59:58.000+08:00');
    const chat = 'oc_rem_midnight';
    const { id, roster } = await committeeIn(w, 'JY', chat);
    await meetingAt(w, id, '2026-12-15T07:00:00+08:00');
    // Counted by UTC dates the meeting would fall on Monday, its last working morning before would be Friday's, and this reminder long past.
    await waitFor(() => privateCards(w, '请今天回复会议通知').filter((c) => c.openId.includes(chat)).length >= 7, 'Monday morning reminders', 10_000);
    await sleep(300);
    expect(to(privateCards(w, '请今天回复会议通知').filter((c) => c.openId.includes(chat)))).toEqual(openIds(roster, [...VOTERS, 'obs1']));
  });

  it('across 春节 2027 (the office\'s calendar): the notice reminder comes on Friday 5 February, the last working day before a deadline inside the holiday', async () => {
    w.clock.set('2027-02-05T08:59:58.000+08:00');
    const { id, roster } = await committeeIn(w, 'NT', 'oc_rem_spring');
    await meetingAt(w, id, '2027-02-16T10:00:00+08:00', { notice: false });
    await waitFor(() => privateCards(w, '会议通知尚未发出').some((c) => c.openId === openIdOf(roster, 'clerk1')), 'spring notice reminder', 10_000);
    const card = privateCards(w, '会议通知尚未发出').filter((c) => c.openId === openIdOf(roster, 'clerk1'));
    expect(card).toHaveLength(1);
    expect(JSON.stringify(card[0]?.content)).toContain('2月5日（周五）23:59');
  });

  it('quiet hours: due at 23:30 local (15:30 UTC), the day-before reminder waits, same job, until 07:30, and then goes once', async () => {
    w.clock.set('2026-12-10T23:29:58.500+08:00');
    const { id, roster } = await committeeIn(w, 'NT', 'oc_rem_night');
    const meetingId = await meetingAt(w, id, '2026-12-11T23:30:00+08:00', { kind: 'emergency', notice: false });
    type Data = { subject: string; occurrence: string; version: string };
    const [found] = (await queue.getJobs(['delayed', 'waiting', 'active'])).filter((j) => (j.data as Data).subject === meetingId && (j.data as Data).occurrence === 'start-1440m');
    const version = (found?.data as Data | undefined)?.version ?? '';
    expect(found?.id).toBe(reminderJobId({ committeeId: id, kind: 'meeting.start', subject: meetingId, version, occurrence: 'start-1440m' }));
    // Due at 23:30: the worker takes it, finds it inside quiet hours and moves it on.
    // BullMQ counts a moved job's delay from when the worker took it.
    const runsAtOf = async () => { const j = await queue.getJob(found?.id ?? ''); return (j?.processedOn ?? 0) + (j?.delay ?? 0); };
    await waitFor(async () => (await runsAtOf()) - Date.now() > 3_600_000, 'the job moved to the morning', 10_000);
    await until(w, '2026-12-10T23:30:00.500+08:00');
    expect(privateCards(w, '1 天后开会').filter((c) => c.openId.includes('oc_rem_night'))).toHaveLength(0);
    const held = await queue.getJob(found?.id ?? '');
    expect(await held?.getState()).toBe('delayed');
    // Moved to the end of the window: 07:30 local, eight hours on (within the second the worker took).
    const runsAt = await runsAtOf();
    expect(Math.abs(runsAt + (w.clock.now().getTime() - Date.now()) - Date.parse('2026-12-11T07:30:00+08:00'))).toBeLessThan(1_000);
    // Morning comes: the same job runs and sends once.
    w.clock.set('2026-12-11T07:30:00+08:00');
    await held?.promote();
    await waitFor(() => privateCards(w, '1 天后开会').filter((c) => c.openId.includes('oc_rem_night')).length >= 7, 'morning reminders', 10_000);
    await sleep(300);
    expect(to(privateCards(w, '1 天后开会').filter((c) => c.openId.includes('oc_rem_night')))).toEqual(openIds(roster, [...VOTERS, 'obs1']));
  });

  it('quiet hours, in real time: due at 07:29:59.6, the reminder goes at 07:30 and not before', async () => {
    w.clock.set('2026-12-11T07:29:58.000+08:00');
    const chat = 'oc_rem_dawn';
    await committeeIn(w, 'NT', chat).then(({ id }) => meetingAt(w, id, '2026-12-11T07:59:59.600+08:00', { kind: 'emergency', notice: false }));
    const dawn = () => privateCards(w, '30 分钟后开会').filter((c) => c.openId.includes(chat));
    await until(w, '2026-12-11T07:29:59.900+08:00');
    expect(dawn()).toHaveLength(0);
    await waitFor(() => dawn().length >= 7, 'the 07:30 reminders', 10_000);
    expect(w.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-11T07:30:00+08:00'));
  });

  it('a meeting moved or cancelled before its reminders come sends none of the old ones; a stale job that escaped removal sends nothing', async () => {
    w.clock.set('2026-12-09T10:00:00+08:00');
    const moved = await committeeIn(w, 'NT', 'oc_rem_moved');
    const dropped = await committeeIn(w, 'NT', 'oc_rem_dropped');
    const due = w.clock.now().getTime() + 2_000;
    const startsAt = new Date(due + 30 * 60_000).toISOString();
    const movedId = await meetingAt(w, moved.id, startsAt, { kind: 'emergency', notice: false });
    const droppedId = await meetingAt(w, dropped.id, startsAt, { kind: 'emergency', notice: false });
    const before = (await queue.getJobs(['delayed'])).filter((j) => (j.data as { subject: string }).subject === movedId).map((j) => j.id);
    await rescheduleMeeting(w.app, { committeeId: moved.id, meetingId: movedId, actorId: 'clerk1', startsAt: '2026-12-12T10:00:00+08:00' });
    await cancelMeeting(w.app, { committeeId: dropped.id, meetingId: droppedId, actorId: 'clerk1' });
    // A job of the old version that was not removed (as if added after the void) runs and does nothing.
    await w.app.reminders?.schedule({ committeeId: moved.id, kind: 'meeting.start', subject: movedId, version: 'stale', occurrence: 'start-30m' }, new Date(due));
    await until(w, due + 1_200);
    for (const chat of ['oc_rem_moved', 'oc_rem_dropped']) {
      expect(privateCards(w, '开会').filter((c) => c.openId.includes(chat))).toEqual([]);
      expect(groupCards(chat, TITLE.signIn)).toEqual([]);
    }
    const after = (await queue.getJobs(['delayed'])).filter((j) => (j.data as { subject: string }).subject === movedId);
    expect(after.map((j) => j.id).filter((jobId) => before.includes(jobId))).toEqual([]);
    expect(after.length).toBeGreaterThan(0);
    expect((await queue.getJobs(['delayed'])).filter((j) => (j.data as { subject: string }).subject === droppedId)).toEqual([]);
    const stale = await queue.getJob(reminderJobId({ committeeId: moved.id, kind: 'meeting.start', subject: movedId, version: 'stale', occurrence: 'start-30m' }));
    expect(await stale?.getState()).toBe('completed');
  });
});
