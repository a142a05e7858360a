/**
 * Task, leave and duty reminders end to end: the real app (its reminder queue, worker and outbox)
 * against the stand-in, on a clock set a moment before the reminder's local time while the
 * process runs with TZ=UTC. Each reminder is counted where it arrives: once, to the right person,
 * not before its time; and none for a task 办结 or a duty 登记完成 in the meantime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLE } from '../../cards/copy.js';
import { esc } from '../../cards/text.js';
import { createCommittee } from '../../src/services/committees.js';
import { recordDuty } from '../../src/services/duties.js';
import { actOnLeave, requestLeave, setApprovers } from '../../src/services/leave.js';
import { duties, getProfile } from '../../src/rules/index.js';
import { planAllFollowUps } from '../../src/services/reminders-duty.js';
import { completeTask, createTask } from '../../src/services/tasks.js';
import { callbackValues } from '../cards/walk.js';
import { expectValidCard, titleOf } from './group-chat.js';
import { committeeIn, openIdOf, people, sealed, stopWorld } from './meeting-world.js';
import { sleep, waitFor } from './receiver-setup.js';
import { meetingAt, startReminderWorld, type ReminderWorld } from './reminder-world.js';

let w: ReminderWorld;
const savedTz = process.env.TZ;
beforeAll(async () => {
  process.env.TZ = 'UTC';
  w = await startReminderWorld('2026-12-10T08:00:00+08:00');
});
afterAll(async () => {
  await stopWorld(w);
  if (savedTz === undefined) delete process.env.TZ; else process.env.TZ = savedTz;
});

const cardsTo = (openId: string, title: string) => w.standIn.messages().filter((m) => m.openId === openId && titleOf(m.content).includes(title));
const everyCardTitled = (title: string) => w.standIn.messages().filter((m) => titleOf(m.content).includes(title));

/** Waits until the bot's clock reads `at` (a few hundred ms at most here). */
async function until(at: string): Promise<void> {
  while (w.clock.now().getTime() < Date.parse(at)) await sleep(20);
}

describe('a task\'s reminder', () => {
  it('reaches its owner once at 09:00 local the working day before it is due; a task 办结 first gets none', async () => {
    expect(new Date().getTimezoneOffset()).toBe(0);
    const { id: c, roster } = await committeeIn(w, 'JY', 'oc_rem_task');
    // Thursday 2026-12-10, 08:59:58.8 local (00:59:58.8 UTC): a task due Friday is reminded at 09:00 today.
    w.clock.set('2026-12-10T08:59:58.800+08:00');
    const kept = await createTask(w.app, { committeeId: c, actorId: 'clerk1', title: '整改方案报送', ownerId: 'm1', due: '2026-12-11' });
    const done = await createTask(w.app, { committeeId: c, actorId: 'clerk1', title: '材料归档', ownerId: 'm2', due: '2026-12-11' });
    await completeTask(w.app, { committeeId: c, taskId: done.id, actorId: 'm2' });
    expect(kept.status).toBe('open');

    await until('2026-12-10T08:59:59.700+08:00');
    expect(everyCardTitled(TITLE.taskReminder)).toEqual([]);
    await waitFor(() => cardsTo(openIdOf(roster, 'm1'), TITLE.taskReminder).length > 0, 'the owner\'s reminder', 5_000);
    expect(w.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-10T09:00:00+08:00'));
    await sleep(1_000);
    const sent = everyCardTitled(TITLE.taskReminder);
    expect(sent.map((m) => m.openId)).toEqual([openIdOf(roster, 'm1')]);
    expect(JSON.stringify(sent[0]?.content)).toContain('整改方案报送');
    expect(JSON.stringify(sent[0]?.content)).toContain('12月11日');
    expectValidCard(sent[0]?.content);
  });
});

describe('a leave\'s 销假 reminder', () => {
  it('reaches the applicant once at 17:00 local on the last day of an approved leave, with 销假', async () => {
    const { id: c, roster } = await committeeIn(w, 'AJ', 'oc_rem_leave');
    await setApprovers(w.app, { committeeId: c, actorId: 'clerk1', assignments: { deptHead: ['m1'] } });
    w.clock.set('2026-12-11T16:59:58.500+08:00');
    const leave = await requestLeave(w.app, { committeeId: c, applicantId: 'm2', applicantRole: 'staff', reason: 'sick', reasonText: '门诊复查', start: '2026-12-11', end: '2026-12-11', days: 1 });
    await actOnLeave(w.app, { committeeId: c, leaveId: leave.id, actorId: 'm1', approve: true, comment: '同意' });
    const applicant = openIdOf(roster, 'm2');
    // The card that asks for 销假 once a leave is approved comes from the handlers; the services alone send none before 17:00.
    await until('2026-12-11T16:59:59.700+08:00');
    expect(cardsTo(applicant, TITLE.leaveReturn)).toEqual([]);
    await waitFor(() => cardsTo(applicant, TITLE.leaveReturn).length > 0, 'the 销假 reminder', 5_000);
    expect(w.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-11T17:00:00+08:00'));
    await sleep(1_000);
    const sent = everyCardTitled(TITLE.leaveReturn);
    expect(sent.map((m) => m.openId)).toEqual([applicant]);
    expect(callbackValues(sent[0]?.content)).toEqual([expect.objectContaining({ a: 'generalLeave.return', c, l: leave.id })]);
    expect(JSON.stringify(sent[0]?.content)).not.toContain('门诊复查');
    expectValidCard(sent[0]?.content);
  });
});

describe('an approver\'s 审批提醒', () => {
  it('a meeting leave asked for on 请假 reaches whoever chairs once, 2 hours before the start, and nobody else', async () => {
    const { id: c, roster } = await committeeIn(w, 'NT', 'oc_rem_meeting_leave');
    // Monday 2026-12-14, a meeting at 15:00 local: the chair's last reminder falls at 13:00.
    w.clock.set('2026-12-14T12:59:57.500+08:00');
    const meetingId = await meetingAt(w, c, '2026-12-14T15:00:00+08:00');
    const asked = await w.standIn.push.cardAction({ operatorOpenId: openIdOf(roster, 'm1'), messageId: 'om_rem_leave_form', chatId: 'oc_rem_meeting_leave',
      value: sealed({ a: 'leave.submit', c, m: meetingId }), formValue: { reason: '赴省里参加培训' } });
    expect(asked.toast?.type).toBe('success');
    const chair = openIdOf(roster, 'chair1');
    await until('2026-12-14T12:59:59.700+08:00');
    expect(everyCardTitled(TITLE.approvalReminder)).toEqual([]);
    await waitFor(() => cardsTo(chair, TITLE.approvalReminder).length > 0, 'the chair\'s 审批提醒', 5_000);
    expect(w.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-14T13:00:00+08:00'));
    await sleep(1_000);
    const sent = everyCardTitled(TITLE.approvalReminder);
    expect(sent.map((m) => m.openId)).toEqual([chair]);
    expect(JSON.stringify(sent[0]?.content)).toContain(esc(roster.find((m) => m.id === 'm1')?.name ?? ''));
    expect(JSON.stringify(sent[0]?.content)).not.toContain('赴省里参加培训');
    expectValidCard(sent[0]?.content);
  });

  it('a general leave waiting overnight reaches its step\'s holder at 09:00 the next working morning (planned at the bot\'s start)', async () => {
    const { id: c, roster } = await committeeIn(w, 'AJ', 'oc_rem_leave_approval');
    await setApprovers(w.app, { committeeId: c, actorId: 'clerk1', assignments: { deptHead: ['m3'] } });
    // Asked on Tuesday evening while no bot planned reminders (the delay is real time, so a job planned
    // then would wait a real night); the start's planning brings the next working morning's.
    w.clock.set('2026-12-15T18:00:00+08:00');
    const { reminders: _none, ...offline } = w.app;
    await requestLeave(offline, { committeeId: c, applicantId: 'm4', applicantRole: 'staff', reason: 'sick', reasonText: '住院复查', start: '2026-12-17', end: '2026-12-17', days: 1 });
    w.clock.set('2026-12-16T08:59:58.000+08:00');
    await planAllFollowUps(w.app);
    const holder = openIdOf(roster, 'm3');
    await until('2026-12-16T08:59:59.700+08:00');
    expect(cardsTo(holder, TITLE.approvalReminder)).toEqual([]);
    await waitFor(() => cardsTo(holder, TITLE.approvalReminder).length > 0, 'the holder\'s 审批提醒', 5_000);
    expect(w.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-16T09:00:00+08:00'));
    await sleep(1_000);
    const sent = w.standIn.messages().filter((m) => roster.some((r) => r.openId === m.openId) && titleOf(m.content).includes(TITLE.approvalReminder));
    expect(sent.map((m) => m.openId)).toEqual([holder]);
    expect(JSON.stringify(sent[0]?.content)).not.toContain('住院复查');
    expectValidCard(sent[0]?.content);
  });
});

describe('a body\'s duty reminders', () => {
  it('reach the office once per duty ten days before the window closes; none for a duty 登记完成 first', async () => {
    // Monday 2026-12-21 09:00 local is ten days before 31 December: every JY duty's window closes then (the term 2022–2026 too).
    w.clock.set('2026-12-21T08:59:58.500+08:00');
    const setUp = async (chatId: string) => {
      const roster = people(chatId);
      w.standIn.addChat(chatId, roster.map((m) => m.openId), { botIn: true, name: 'JY党组' });
      // Set up through the app's services, as 保存设置 does: the duties' reminders are planned then.
      const committee = await createCommittee(w.app, { chatId, name: 'JY党组', profileId: 'JY', roster, actorOpenId: openIdOf(roster, 'clerk1') });
      return { c: committee.id, clerk: openIdOf(roster, 'clerk1'), roster };
    };
    const one = await setUp('oc_rem_duty_a');
    const two = await setUp('oc_rem_duty_b');
    await recordDuty(w.app, { committeeId: two.c, dutyId: 'partyGroupMeeting', entry: '2026-12-18', actorId: 'clerk1' });
    const all = duties(getProfile('JY'));
    await waitFor(() => cardsTo(one.clerk, TITLE.dutyReminder).length >= all.length && cardsTo(two.clerk, TITLE.dutyReminder).length >= all.length - 1, 'the duty reminders', 5_000);
    expect(w.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2026-12-21T09:00:00+08:00'));
    await sleep(1_000);
    const titles = (openId: string) => cardsTo(openId, TITLE.dutyReminder).map((m) => all.find((d) => JSON.stringify(m.content).includes(esc(d.title)))?.id).sort();
    expect(titles(one.clerk)).toEqual(all.map((d) => d.id).sort());
    expect(titles(two.clerk)).toEqual(all.filter((d) => d.id !== 'partyGroupMeeting').map((d) => d.id).sort());
    // Only the office: nobody else of either committee got one.
    const others = [...one.roster, ...two.roster].filter((m) => m.role !== 'clerk').map((m) => m.openId);
    expect(w.standIn.messages().filter((m) => others.includes(m.openId ?? '') && titleOf(m.content).includes(TITLE.dutyReminder))).toEqual([]);
    for (const m of cardsTo(one.clerk, TITLE.dutyReminder)) expectValidCard(m.content);
  });
});

