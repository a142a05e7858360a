/**
 * General leave, trips and absences outside meetings (请假 / 外出 / 销假): the rules module decides
 * who consents, approves and is filed with (decideLeave); this service keeps the request, lets each
 * holder of a role act in turn, records filings and the return. AJ-15, ZY-JD-4, A1–A3, A23.
 */
import { z } from 'zod';
import type { Committee, GeneralLeave, LeaveApprovers, LeaveStep, Task } from '../domain/index.js';
import {
  ApproverRoleSchema, DateSchema, FilingTargetSchema, IdSchema, LeaveApplicantRoleSchema, LeaveKindSchema,
  LeaveReasonSchema, LeaveScopeSchema,
} from '../domain/index.js';
import { RefusedError } from '../errors.js';
import type { ApproverRole, LeaveDecision, LeaveInput, Profile } from '../rules/index.js';
import { decideLeave, describeRuleCode } from '../rules/index.js';
import type { Commit } from '../store/doc-store.js';
import { update } from '../store/doc-store.js';
import { docKey, getDoc, indexKey, LEAVE_APPROVERS, LEAVES, TASKS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { calendarOf, loadCommittee, newId, profileOf } from './context.js';
import { localDate } from './local-date.js';
import { askRules } from './ask-rules.js';
import { parseInput } from './input.js';
import { remindOfLeave } from './reminders-leave.js';
import { remindOfTasks } from './reminders-task.js';

/**
 * ZY-JD-4.3a: 统一格式的报告单或请假条 with reason, dates and the approver's note. The profile does
 * not carry this yet, so the service keeps it, citing the article.
 */
const needsForm = (profile: Profile): boolean => profile.leave.formRequired !== null;

/** The domain's approver roles must be the rules module's: a role added there is a type error here. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameApproverRoles: Same<ApproverRole, z.infer<typeof ApproverRoleSchema>> = true;

/** AJ-15a: the written slip is handed to the office, which tracks the task. */
const TASK_UNIT = '办公室';

const RequestInput = z.object({
  committeeId: IdSchema, applicantId: IdSchema, actorId: IdSchema.optional(),
  applicantRole: LeaveApplicantRoleSchema, kind: LeaveKindSchema.optional(), reason: LeaveReasonSchema,
  reasonText: z.string().max(2000), start: DateSchema.optional(), end: DateSchema.optional(),
  days: z.number().optional(), scope: LeaveScopeSchema.optional(),
});
export type RequestLeaveInput = z.input<typeof RequestInput>;

const ActInput = z.object({
  committeeId: IdSchema, leaveId: IdSchema, actorId: IdSchema, approve: z.boolean(), comment: z.string().max(500).optional(),
});
const FileInput = z.object({ committeeId: IdSchema, leaveId: IdSchema, actorId: IdSchema, target: FilingTargetSchema });
const ReturnInput = z.object({ committeeId: IdSchema, leaveId: IdSchema, actorId: IdSchema });
const ApproversInput = z.object({
  committeeId: IdSchema, actorId: IdSchema, assignments: z.partialRecord(ApproverRoleSchema, z.array(IdSchema).max(50)),
});

function checkForm(profile: Profile, input: z.infer<typeof RequestInput>): void {
  const blank = input.reasonText.trim() === '';
  if (needsForm(profile) && (blank || input.start === undefined || input.end === undefined)) {
    throw new RefusedError('FORM_INCOMPLETE', 'reason, start and end');
  }
  if (blank) throw new RefusedError('INVALID_INPUT', 'reasonText');
}

function leaveInputOf(input: z.infer<typeof RequestInput>, requestedOn: string): LeaveInput & { requestedOn: string } {
  const { applicantRole, reason, kind, days, start, end, scope } = input;
  // Stored as JSON: leave absent fields out rather than writing undefined.
  return {
    applicantRole, reason, requestedOn, ...(kind && { kind }), ...(days !== undefined && { days }),
    ...(start && { start }), ...(end && { end }), ...(scope && { scope }),
  };
}

function stepsOf(decision: LeaveDecision): LeaveStep[] {
  return [
    ...decision.consent.map((role): LeaveStep => ({ role, kind: 'consent', status: 'waiting' })),
    ...decision.approvers.map((role): LeaveStep => ({ role, kind: 'approve', status: 'waiting' })),
  ];
}

function initialStatus(decision: LeaveDecision, steps: readonly LeaveStep[]): { status: GeneralLeave['status']; note?: string } {
  if (decision.flags.includes('OUT_OF_SCOPE')) {
    const basis = decision.basis.length > 0 ? `(依据:${decision.basis.join('、')})` : '';
    return { status: 'outOfScope', note: `${describeRuleCode('OUT_OF_SCOPE')}${basis}` };
  }
  // A trip that only needs an advance report (ZY-JD-4.2a, JY-11c) has nobody to approve it.
  if (steps.length === 0) return { status: 'approved', note: '本次外出按规定报告即可,无需审批。' };
  return { status: 'pending' };
}

function makeTasks(decision: LeaveDecision, base: { committeeId: string; leaveId: string; ownerId: string; due: string; actorId: string; at: string }, deps: ServiceDeps): Task[] {
  return decision.tasks.map((title) => ({
    version: 0, id: newId('task', deps.clock), committeeId: base.committeeId, title, ownerId: base.ownerId, unit: TASK_UNIT,
    due: base.due, status: 'open', progress: [], createdAt: base.at, createdBy: base.actorId, leaveId: base.leaveId,
  }));
}

/** Logs a request and stores decideLeave's answer with it; 补交假条 and the like become tasks. */
export async function requestLeave(deps: ServiceDeps, raw: RequestLeaveInput): Promise<GeneralLeave> {
  const input = parseInput(RequestInput, raw);
  const actorId = input.actorId ?? input.applicantId;
  const committee = await loadCommittee(deps, input.committeeId);
  const profile = profileOf(committee);
  authorize(committee, actorId, 'leave.request', { subjects: [input.applicantId] });
  if (!committee.roster.some((m) => m.id === input.applicantId)) throw new RefusedError('INVALID_INPUT', 'applicant not on the roster');
  checkForm(profile, input);
  const now = deps.clock.now();
  const leaveInput = leaveInputOf(input, localDate(now, committee.timeZone));
  const decision = askRules(() => decideLeave(profile, leaveInput, calendarOf(deps)));
  const id = newId('leave', deps.clock);
  const at = now.toISOString();
  const tasks = makeTasks(decision, { committeeId: committee.id, leaveId: id, ownerId: input.applicantId, due: input.start ?? leaveInput.requestedOn, actorId, at }, deps);
  const steps = stepsOf(decision);
  const leave: GeneralLeave = {
    version: 0, id, committeeId: committee.id, applicantId: input.applicantId, requestedBy: actorId, input: leaveInput,
    reasonText: input.reasonText.trim(), decision, steps, ...initialStatus(decision, steps),
    tasks: tasks.map((t) => ({ title: t.title, taskId: t.id })), filed: [], createdAt: at,
  };
  const change: Commit = {
    committeeId: committee.id, at: now,
    docs: [{ key: docKey(committee.id, LEAVES, id), value: leave }, ...tasks.map((t) => ({ key: docKey(committee.id, TASKS, t.id), value: t }))],
    indexes: [{ key: indexKey(committee.id, LEAVES), member: id }, ...tasks.map((t) => ({ key: indexKey(committee.id, TASKS), member: t.id }))],
    audit: { actor: actorId, action: 'leave.request', subject: id, data: {
      applicantId: input.applicantId, applicantRole: input.applicantRole, kind: input.kind ?? null, reason: input.reason,
      days: decision.days, status: leave.status, steps: steps.map((s) => `${s.kind}:${s.role}`), flags: decision.flags, tasks: tasks.map((t) => t.id),
    } },
  };
  await update(deps.redis, () => Promise.resolve({ commit: change, result: null }));
  deps.log.info('leave requested', { committeeId: committee.id, leaveId: id, status: leave.status });
  const stored = { ...leave, version: 1 };
  await remindOfLeave(deps, stored);
  await remindOfTasks(deps, tasks);
  return stored;
}

/** The roles an actor holds: the clerk's assignments; 'chair' defaults to the roster's chair. */
export function rolesHeldBy(committee: Committee, approvers: LeaveApprovers | null, actorId: string): Set<ApproverRole> {
  const held = new Set<ApproverRole>();
  for (const role of ApproverRoleSchema.options) {
    const holders = approvers?.assignments[role] ?? (role === 'chair' ? committee.roster.filter((m) => m.role === 'chair').map((m) => m.id) : []);
    if (holders.includes(actorId)) held.add(role);
  }
  return held;
}

async function loadLeave(deps: ServiceDeps, committeeId: string, leaveId: string): Promise<GeneralLeave> {
  const leave = await getDoc(deps.redis, committeeId, LEAVES, leaveId);
  if (!leave) throw new RefusedError('NOT_FOUND', 'leave');
  return leave;
}

/** Which role the actor may act as on the current step; refuses a later approver and a stranger. */
function actingRole(leave: GeneralLeave, index: number, held: Set<ApproverRole>, actorId: string): ApproverRole {
  const step = leave.steps[index];
  if (!step) throw new RefusedError('INVALID_STATE', 'no waiting step');
  if (actorId === leave.applicantId) throw new RefusedError('OWN_LEAVE');
  // A23: where the text also accepts another approver, that approver may act on an approval step.
  const accepted = step.kind === 'approve' ? [step.role, ...leave.decision.alsoAccepted] : [step.role];
  const role = accepted.find((r) => held.has(r));
  if (role !== undefined) return role;
  const later = leave.steps.slice(index + 1).some((s) => held.has(s.role));
  throw new RefusedError(later ? 'NOT_YOUR_TURN' : 'NOT_APPROVER');
}

/** The holder of the waiting step's role consents, approves or rejects; each in turn. */
export async function actOnLeave(deps: ServiceDeps, raw: z.input<typeof ActInput>): Promise<GeneralLeave> {
  const input = parseInput(ActInput, raw);
  const acted = await update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    authorize(committee, input.actorId, 'leave.act');
    const leave = await loadLeave(deps, committee.id, input.leaveId);
    if (leave.status !== 'pending') throw new RefusedError('INVALID_STATE', leave.status);
    const approvers = await getDoc(deps.redis, committee.id, LEAVE_APPROVERS, committee.id);
    const index = leave.steps.findIndex((s) => s.status === 'waiting');
    const role = actingRole(leave, index, rolesHeldBy(committee, approvers, input.actorId), input.actorId);
    const comment = input.comment?.trim() ?? '';
    if (input.approve && comment === '' && needsForm(profileOf(committee))) throw new RefusedError('FORM_INCOMPLETE', 'approver comment');
    const now = deps.clock.now();
    const steps = leave.steps.map((s, i): LeaveStep => (i !== index ? s : {
      ...s, status: input.approve ? 'approved' : 'rejected', actorId: input.actorId, at: now.toISOString(),
      ...(comment === '' ? {} : { comment }), ...(role === s.role ? {} : { actedAs: role }),
    }));
    const status = !input.approve ? 'rejected' : steps.every((s) => s.status === 'approved') ? 'approved' : 'pending';
    const next: GeneralLeave = { ...leave, steps, status };
    const step = steps[index];
    const action = !input.approve ? 'leave.reject' : step?.kind === 'consent' ? 'leave.consent' : 'leave.approve';
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, LEAVES, leave.id), value: next }],
        audit: { actor: input.actorId, action, subject: leave.id, data: { step: index, role: step?.role ?? role, actedAs: role, status } } },
      result: { ...next, version: next.version + 1 },
    };
  });
  await remindOfLeave(deps, acted);
  return acted;
}

/** A clerk records a filing the decision requires (办公室 / 市委组织部); all recorded → 'filed'. */
export async function fileLeave(deps: ServiceDeps, raw: z.input<typeof FileInput>): Promise<GeneralLeave> {
  const input = parseInput(FileInput, raw);
  return update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    authorize(committee, input.actorId, 'leave.file');
    const leave = await loadLeave(deps, committee.id, input.leaveId);
    if (leave.status !== 'approved') throw new RefusedError('INVALID_STATE', leave.status);
    if (!leave.decision.filings.includes(input.target)) throw new RefusedError('INVALID_INPUT', 'target not required');
    if (leave.filed.some((f) => f.target === input.target)) throw new RefusedError('INVALID_STATE', 'already filed');
    const now = deps.clock.now();
    const filed = [...leave.filed, { target: input.target, by: input.actorId, at: now.toISOString() }];
    const status = leave.decision.filings.every((t) => filed.some((f) => f.target === t)) ? 'filed' : 'approved';
    const next: GeneralLeave = { ...leave, filed, status };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, LEAVES, leave.id), value: next }],
        audit: { actor: input.actorId, action: 'leave.file', subject: leave.id, data: { target: input.target, status } } },
      result: { ...next, version: next.version + 1 },
    };
  });
}

/** 销假 (AJ-15c): by the applicant or a clerk, after approval and every filing; on time if by returnBy. */
export async function returnFromLeave(deps: ServiceDeps, raw: z.input<typeof ReturnInput>): Promise<GeneralLeave> {
  const input = parseInput(ReturnInput, raw);
  const returned = await update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    const leave = await loadLeave(deps, committee.id, input.leaveId);
    authorize(committee, input.actorId, 'leave.return', { subjects: [leave.applicantId] });
    const settled = leave.status === 'filed' || (leave.status === 'approved' && leave.decision.filings.length === 0);
    if (!settled) throw new RefusedError(leave.status === 'approved' ? 'LEAVE_NOT_FILED' : 'INVALID_STATE', leave.status);
    const now = deps.clock.now();
    const returnBy = leave.decision.returnBy;
    const returnedOnTime = returnBy === undefined ? null : localDate(now, committee.timeZone) <= returnBy;
    const next: GeneralLeave = { ...leave, status: 'returned', returnedAt: now.toISOString(), returnedBy: input.actorId, returnedOnTime };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, LEAVES, leave.id), value: next }],
        audit: { actor: input.actorId, action: 'leave.return', subject: leave.id, data: { returnBy: returnBy ?? null, onTime: returnedOnTime } } },
      result: { ...next, version: next.version + 1 },
    };
  });
  await remindOfLeave(deps, returned);
  return returned;
}

/** A clerk sets who holds each approver role (replacing the previous assignment); holders must be on the roster. */
export async function setApprovers(deps: ServiceDeps, raw: z.input<typeof ApproversInput>): Promise<LeaveApprovers> {
  const input = parseInput(ApproversInput, raw);
  return update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    authorize(committee, input.actorId, 'leave.setApprovers');
    const assignments: LeaveApprovers['assignments'] = {};
    for (const [role, ids] of Object.entries(input.assignments) as [ApproverRole, string[] | undefined][]) {
      if (ids === undefined) continue;
      if (ids.some((id) => !committee.roster.some((m) => m.id === id))) throw new RefusedError('INVALID_INPUT', `approver of ${role} not on the roster`);
      assignments[role] = [...new Set(ids)];
    }
    const current = await getDoc(deps.redis, committee.id, LEAVE_APPROVERS, committee.id);
    const now = deps.clock.now();
    const next: LeaveApprovers = { version: current?.version ?? 0, committeeId: committee.id, assignments, setBy: input.actorId, setAt: now.toISOString() };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, LEAVE_APPROVERS, committee.id), value: next }],
        audit: { actor: input.actorId, action: 'leave.approvers', subject: committee.id, data: { assignments } } },
      result: { ...next, version: next.version + 1 },
    };
  });
}

const GetInput = z.object({ committeeId: IdSchema, leaveId: IdSchema, viewerId: IdSchema });

/**
 * A leave with its reason, which may be a diagnosis: for the applicant, whoever holds a role in its
 * steps, the chair and the office. Anyone else is refused (LEAVE_PRIVATE) rather than shown a part.
 */
export async function getLeave(deps: ServiceDeps, raw: z.input<typeof GetInput>): Promise<GeneralLeave> {
  const input = parseInput(GetInput, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  const leave = await loadLeave(deps, committee.id, input.leaveId);
  const approvers = await getDoc(deps.redis, committee.id, LEAVE_APPROVERS, committee.id);
  const stepRoles = leave.steps.flatMap((s) => [s.role, ...(s.kind === 'approve' ? leave.decision.alsoAccepted : [])]);
  const holders = committee.roster.filter((m) => stepRoles.some((r) => rolesHeldBy(committee, approvers, m.id).has(r))).map((m) => m.id);
  authorize(committee, input.viewerId, 'leave.view', { subjects: [leave.applicantId, ...holders] });
  return leave;
}
