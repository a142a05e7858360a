// General leave through the service: decideLeave's chain stored with the request, each approver
// in turn, filings, 销假 (AJ-15, ZY-JD-4; TC27–TC44).
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import type { Member } from '../../src/domain/index.js';
import { memoryLogger } from '../../src/log.js';
import { createCommittee } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { actOnLeave, fileLeave, getLeave, requestLeave, returnFromLeave, setApprovers } from '../../src/services/leave.js';
import { completeTask, listOpenTasks, overdueTasks } from '../../src/services/tasks.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { getDoc, indexKey, LEAVE_APPROVERS, LEAVES, TASKS } from '../../src/store/repos.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { refusal } from '../support/refusal.js';

const ctx = useRedis();

/** 安居 office: 主任 (chair), 分管副主任 (viceChair), a 委室科负责人 and two staff, a clerk. */
const ajRoster: Member[] = [
  { id: 'dir', openId: 'ou_dir', name: '周主任', role: 'chair' },
  { id: 'dep', openId: 'ou_dep', name: '吴副主任', role: 'viceChair' },
  { id: 'head', openId: 'ou_head', name: '郑科长', role: 'member' },
  { id: 's1', openId: 'ou_s1', name: '王干事', role: 'member' },
  { id: 's2', openId: 'ou_s2', name: '冯干事', role: 'member' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
];
/** 张掖 county committee: the county principal chairs; the 市委分管领导 is on the roster to act in the bot. */
const zyRoster: Member[] = [
  { id: 'cp', openId: 'ou_cp', name: '陈书记', role: 'chair' },
  { id: 'lead1', openId: 'ou_lead1', name: '林常委', role: 'member' },
  { id: 'lead2', openId: 'ou_lead2', name: '何常委', role: 'member' },
  { id: 'city1', openId: 'ou_city1', name: '市委韩副书记', role: 'observer' },
  { id: 'clerk1', openId: 'ou_clerk1', name: '赵秘书', role: 'clerk' },
];

function setup(start = '2025-06-13T01:00:00Z') {
  const clock = manualClock(start);
  const deps: ServiceDeps = { redis: ctx.redis, clock, log: memoryLogger(), seenKey: TEST_SEEN_KEY };
  return { clock, deps };
}

async function ajCommittee(deps: ServiceDeps): Promise<string> {
  const id = (await createCommittee(deps, { chatId: freshId('aj'), name: '安居区人大常委会机关', profileId: 'AJ', roster: ajRoster, actorOpenId: 'ou_clerk1' })).id;
  await setApprovers(deps, { committeeId: id, actorId: 'clerk1', assignments: { deptHead: ['head'], deputyInCharge: ['dep'], director: ['dir'] } });
  return id;
}

async function zyCommittee(deps: ServiceDeps): Promise<string> {
  const id = (await createCommittee(deps, { chatId: freshId('zy'), name: '县委常委会', profileId: 'ZY', roster: zyRoster, actorOpenId: 'ou_clerk1' })).id;
  await setApprovers(deps, { committeeId: id, actorId: 'clerk1', assignments: { countyPrincipal: ['cp'], cityLeaderInCharge: ['city1'] } });
  return id;
}


/** Runs refused calls and checks that the leave's version and the audit log did not move. */
async function refusedWithNothingChanged(committeeId: string, leaveId: string | null, calls: [() => Promise<unknown>, string][]): Promise<void> {
  const before = leaveId === null ? null : await getDoc(ctx.redis, committeeId, LEAVES, leaveId);
  const auditBefore = (await readAuditLog(ctx.redis, committeeId)).length;
  const leavesBefore = await ctx.redis.scard(indexKey(committeeId, LEAVES));
  for (const [call, code] of calls) expect((await refusal(call())).refusal).toBe(code);
  if (leaveId !== null) expect(await getDoc(ctx.redis, committeeId, LEAVES, leaveId)).toEqual(before);
  expect(await readAuditLog(ctx.redis, committeeId)).toHaveLength(auditBefore);
  expect(await ctx.redis.scard(indexKey(committeeId, LEAVES))).toBe(leavesBefore);
}

describe('AJ staff leave (AJ-15) through the service', () => {
  it('TC27 0.5 working day: 委室科负责人 approves, the clerk files with 办公室, 销假 by returnBy is on time', async () => {
    const { clock, deps } = setup('2025-06-13T01:00:00Z'); // Fri 09:00 local
    const c = await ajCommittee(deps);
    const leave = await requestLeave(deps, { committeeId: c, applicantId: 's1', applicantRole: 'staff', reason: 'private', reasonText: '家中有事', start: '2025-06-16', end: '2025-06-16', days: 0.5 });
    expect(leave).toMatchObject({ status: 'pending', version: 1, input: { requestedOn: '2025-06-13' } });
    expect(leave.steps).toEqual([{ role: 'deptHead', kind: 'approve', status: 'waiting' }]);
    expect(leave.decision).toMatchObject({ approvers: ['deptHead'], filings: ['office'], returnBy: '2025-06-17', days: 0.5 });
    expect(leave.tasks).toEqual([]);

    const approved = await actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'head', approve: true, comment: '同意' });
    expect(approved).toMatchObject({ status: 'approved', steps: [{ status: 'approved', actorId: 'head', comment: '同意' }] });
    const filed = await fileLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'clerk1', target: 'office' });
    expect(filed.status).toBe('filed');
    clock.set('2025-06-17T01:30:00Z'); // Tue 09:30 local: the first working day after the leave
    const back = await returnFromLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 's1' });
    expect(back).toMatchObject({ status: 'returned', returnedBy: 's1', returnedOnTime: true, returnedAt: '2025-06-17T01:30:00.000Z' });

    expect((await readAuditLog(ctx.redis, c)).map((e) => e.action)).toEqual(
      ['committee.create', 'leave.approvers', 'leave.request', 'leave.approve', 'leave.file', 'leave.return']);
    expect(await verifyAuditLog(ctx.redis, c)).toEqual({ ok: true, entries: 6 });
  });

  it('TC29 / TC31 the tier decides the approver: 1.5 days → 分管副主任, 4 days → 主任', async () => {
    const { deps } = setup();
    const c = await ajCommittee(deps);
    const mid = await requestLeave(deps, { committeeId: c, applicantId: 's1', applicantRole: 'staff', reason: 'private', reasonText: '办事', days: 1.5 });
    const long = await requestLeave(deps, { committeeId: c, applicantId: 's2', applicantRole: 'staff', reason: 'sick', reasonText: '住院', days: 4 });
    expect(mid.steps.map((s) => s.role)).toEqual(['deputyInCharge']);
    expect(long.steps.map((s) => s.role)).toEqual(['director']);
    expect((await actOnLeave(deps, { committeeId: c, leaveId: mid.id, actorId: 'dep', approve: true })).status).toBe('approved');
    expect((await actOnLeave(deps, { committeeId: c, leaveId: long.id, actorId: 'dir', approve: true, comment: '注意休息' })).status).toBe('approved');
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });
  });

  it('a wrong approver, a stranger, the applicant and bad input are refused with nothing changed', async () => {
    const { deps } = setup();
    const c = await ajCommittee(deps);
    const leave = await requestLeave(deps, { committeeId: c, applicantId: 's1', applicantRole: 'staff', reason: 'private', reasonText: '探亲', days: 4 });
    await refusedWithNothingChanged(c, leave.id, [
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'head', approve: true }), 'NOT_APPROVER'],
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'dep', approve: true }), 'NOT_APPROVER'],
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'stranger', approve: true }), 'NOT_A_MEMBER'],
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 's1', approve: true }), 'OWN_LEAVE'],
      [() => actOnLeave(deps, { committeeId: c, leaveId: 'no-such-leave', actorId: 'dir', approve: true }), 'NOT_FOUND'],
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'dir', approve: 'yes' } as never), 'INVALID_INPUT'],
      [() => fileLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'clerk1', target: 'office' }), 'INVALID_STATE'],
      [() => returnFromLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 's1' }), 'INVALID_STATE'],
    ]);
    await refusedWithNothingChanged(c, null, [
      [() => requestLeave(deps, { committeeId: c, applicantId: 's1', applicantRole: 'staff', reason: 'private', reasonText: '事假', start: '2025-02-30', end: '2025-03-01' }), 'INVALID_INPUT'],
      [() => requestLeave(deps, { committeeId: c, applicantId: 's1', applicantRole: 'staff', reason: 'private', reasonText: '事假' }), 'INVALID_INPUT'],
      [() => requestLeave(deps, { committeeId: c, applicantId: 's1', applicantRole: 'staff', reason: 'private', reasonText: '   ', days: 1 }), 'INVALID_INPUT'],
      [() => requestLeave(deps, { committeeId: c, applicantId: 's1', applicantRole: 'staff', reason: 'holiday' as never, reasonText: '事假', days: 1 }), 'INVALID_INPUT'],
      [() => requestLeave(deps, { committeeId: c, applicantId: 's1', actorId: 's2', applicantRole: 'staff', reason: 'private', reasonText: '代请', days: 1 }), 'NOT_OWNER_OR_CLERK'],
    ]);
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });
  });

  it('a rejection ends the request: no further action, no filing, no return', async () => {
    const { deps } = setup();
    const c = await ajCommittee(deps);
    const leave = await requestLeave(deps, { committeeId: c, applicantId: 's1', applicantRole: 'staff', reason: 'private', reasonText: '旅游', days: 1 });
    const rejected = await actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'head', approve: false, comment: '工作繁忙,请改期' });
    expect(rejected).toMatchObject({ status: 'rejected', steps: [{ status: 'rejected', actorId: 'head' }] });
    await refusedWithNothingChanged(c, leave.id, [
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'head', approve: true }), 'INVALID_STATE'],
      [() => fileLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'clerk1', target: 'office' }), 'INVALID_STATE'],
      [() => returnFromLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'clerk1' }), 'INVALID_STATE'],
    ]);
    expect((await readAuditLog(ctx.redis, c)).at(-1)?.action).toBe('leave.reject');
  });

  it('TC35 MAKEUP_SLIP_REQUIRED: a request logged after the start gives the task 补交假条, visible on the leave and overdue from the start', async () => {
    const { deps } = setup('2025-06-17T02:00:00Z'); // Tue 10:00 local, the leave began Monday
    const c = await ajCommittee(deps);
    const leave = await requestLeave(deps, { committeeId: c, applicantId: 's1', actorId: 'clerk1', applicantRole: 'staff', reason: 'sick', reasonText: '突发急病', start: '2025-06-16', end: '2025-06-16' });
    expect(leave.decision.flags).toContain('MAKEUP_SLIP_REQUIRED');
    expect(leave).toMatchObject({ requestedBy: 'clerk1', tasks: [{ title: '补交假条' }] });
    const taskId = leave.tasks[0]!.taskId;
    expect(await getDoc(ctx.redis, c, TASKS, taskId)).toMatchObject({ title: '补交假条', ownerId: 's1', unit: '办公室', due: '2025-06-16', status: 'open', leaveId: leave.id });
    expect((await overdueTasks(deps, { viewerId: 'clerk1', committeeId: c })).map((t) => t.id)).toEqual([taskId]);
    expect((await listOpenTasks(deps, { viewerId: 'clerk1', committeeId: c, ownerId: 's1' })).map((t) => t.id)).toEqual([taskId]);
    expect((await getLeave(deps, { viewerId: 'clerk1', committeeId: c, leaveId: leave.id })).tasks[0]?.taskId).toBe(taskId);

    await completeTask(deps, { committeeId: c, taskId, actorId: 'clerk1', note: '假条已交办公室' });
    expect(await overdueTasks(deps, { viewerId: 'clerk1', committeeId: c })).toEqual([]);
    const audit = await readAuditLog(ctx.redis, c);
    expect(audit.find((e) => e.action === 'leave.request')?.data).toMatchObject({ tasks: [taskId] });
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });
  });

  it('TC33 (A23) an office head\'s leave goes to 分管领导, and 主要领导 is accepted in their place', async () => {
    const { deps } = setup();
    const c = await ajCommittee(deps);
    const leave = await requestLeave(deps, { committeeId: c, applicantId: 'head', applicantRole: 'deptHead', reason: 'private', reasonText: '家事', days: 2 });
    expect(leave.steps.map((s) => s.role)).toEqual(['deputyInCharge']);
    expect(leave.decision.alsoAccepted).toEqual(['director']);
    const approved = await actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'dir', approve: true, comment: '同意' });
    expect(approved).toMatchObject({ status: 'approved', steps: [{ role: 'deputyInCharge', actedAs: 'director', actorId: 'dir' }] });
  });

  it('TC34 a 县级领导干部 is out of scope: recorded as outOfScope with a Chinese explanation and nobody to act', async () => {
    const { deps } = setup();
    const c = await ajCommittee(deps);
    const leave = await requestLeave(deps, { committeeId: c, applicantId: 'dir', applicantRole: 'countyLeader', reason: 'private', reasonText: '外出', days: 3 });
    expect(leave).toMatchObject({ status: 'outOfScope', steps: [] });
    expect(leave.note).toMatch(/按上级有关规定办理/);
    await refusedWithNothingChanged(c, leave.id, [
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'dir', approve: true }), 'INVALID_STATE'],
    ]);
  });

  it('setApprovers: only a clerk, only roster members, only known roles; nothing changed on refusal', async () => {
    const { deps } = setup();
    const c = await ajCommittee(deps);
    const before = await getDoc(ctx.redis, c, LEAVE_APPROVERS, c);
    await refusedWithNothingChanged(c, null, [
      [() => setApprovers(deps, { committeeId: c, actorId: 's1', assignments: { director: ['s1'] } }), 'NOT_CLERK'],
      [() => setApprovers(deps, { committeeId: c, actorId: 'clerk1', assignments: { director: ['nobody'] } }), 'INVALID_INPUT'],
      [() => setApprovers(deps, { committeeId: c, actorId: 'clerk1', assignments: { mayor: ['dir'] } as never }), 'INVALID_INPUT'],
    ]);
    expect(await getDoc(ctx.redis, c, LEAVE_APPROVERS, c)).toEqual(before);
    const changed = await setApprovers(deps, { committeeId: c, actorId: 'clerk1', assignments: { deptHead: ['head', 'head'], director: ['dir'] } });
    expect(changed).toMatchObject({ version: 2, assignments: { deptHead: ['head'], director: ['dir'] } });
  });
});

describe('ZY county leaders (ZY-JD-4) through the service', () => {
  it('TC40 tier 3: the county principal consents, then the 市委分管领导 approves, in that order; filed with 市委组织部; late 销假 recorded', async () => {
    const { clock, deps } = setup('2025-06-16T02:00:00Z');
    const c = await zyCommittee(deps);
    const leave = await requestLeave(deps, { committeeId: c, applicantId: 'lead1', applicantRole: 'countyLeader', reason: 'private', reasonText: '回老家探望父母', start: '2025-06-20', end: '2025-06-27' });
    expect(leave.decision).toMatchObject({ days: 8, consent: ['countyPrincipal'], approvers: ['cityLeaderInCharge'], filings: ['cityOrgDept'], returnBy: '2025-06-30' });
    expect(leave.steps).toEqual([
      { role: 'countyPrincipal', kind: 'consent', status: 'waiting' },
      { role: 'cityLeaderInCharge', kind: 'approve', status: 'waiting' },
    ]);
    await refusedWithNothingChanged(c, leave.id, [
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'city1', approve: true, comment: '同意' }), 'NOT_YOUR_TURN'],
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'lead2', approve: true, comment: '同意' }), 'NOT_APPROVER'],
    ]);
    const consented = await actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'cp', approve: true, comment: '同意,报市委审批' });
    expect(consented).toMatchObject({ status: 'pending', steps: [{ status: 'approved', actorId: 'cp' }, { status: 'waiting' }] });
    await refusedWithNothingChanged(c, leave.id, [
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'cp', approve: true, comment: '再次同意' }), 'NOT_APPROVER'],
    ]);
    const approved = await actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'city1', approve: true, comment: '同意,按时销假' });
    expect(approved.status).toBe('approved');
    expect((await fileLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'clerk1', target: 'cityOrgDept' })).status).toBe('filed');
    clock.set('2025-07-01T01:00:00Z');
    expect(await returnFromLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'lead1' })).toMatchObject({ status: 'returned', returnedOnTime: false });
    expect((await readAuditLog(ctx.redis, c)).map((e) => e.action).slice(2)).toEqual(
      ['leave.request', 'leave.consent', 'leave.approve', 'leave.file', 'leave.return']);
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });
  });

  it('TC44 (ZY-JD-4.3a) a ZY leave record must hold reason, start, end and the approver\'s comment, else FORM_INCOMPLETE', async () => {
    const { deps } = setup('2025-06-16T02:00:00Z');
    const c = await zyCommittee(deps);
    const base = { committeeId: c, applicantId: 'lead1', applicantRole: 'countyLeader', reason: 'private' } as const;
    await refusedWithNothingChanged(c, null, [
      [() => requestLeave(deps, { ...base, reasonText: '探亲', start: '2025-06-20' }), 'FORM_INCOMPLETE'],
      [() => requestLeave(deps, { ...base, reasonText: '探亲', days: 2 }), 'FORM_INCOMPLETE'],
      [() => requestLeave(deps, { ...base, reasonText: ' ', start: '2025-06-20', end: '2025-06-21' }), 'FORM_INCOMPLETE'],
    ]);
    const incomplete = await refusal(requestLeave(deps, { ...base, reasonText: '探亲', start: '2025-06-20' }));
    expect(incomplete.userMessage).toMatch(/外出理由、起止时间和审批意见/);

    const leave = await requestLeave(deps, { ...base, reasonText: '探亲', start: '2025-06-20', end: '2025-06-21' });
    expect(leave.steps).toEqual([{ role: 'countyPrincipal', kind: 'approve', status: 'waiting' }]);
    await refusedWithNothingChanged(c, leave.id, [
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'cp', approve: true }), 'FORM_INCOMPLETE'],
      [() => actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'cp', approve: true, comment: '  ' }), 'FORM_INCOMPLETE'],
    ]);
    const approved = await actOnLeave(deps, { committeeId: c, leaveId: leave.id, actorId: 'cp', approve: true, comment: '同意,注意安全' });
    expect(approved).toMatchObject({ status: 'approved', reasonText: '探亲', input: { start: '2025-06-20', end: '2025-06-21' } });
    expect(approved.steps[0]?.comment).toBe('同意,注意安全');
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });
  });
});
