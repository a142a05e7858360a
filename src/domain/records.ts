/** Minutes, tasks, general leave and duty records. */
import { z } from 'zod';
import {
  APPROVER_ROLES, FILING_TARGETS, LEAVE_APPLICANT_ROLES, LEAVE_KINDS, LEAVE_REASONS, LEAVE_SCOPES,
} from '../rules/types.js';
import { DateSchema, IdSchema, InstantSchema, TextSchema, VersionSchema } from './common.js';

/** One item's wording in the minutes: a sentence or two of what was decided, small enough for the 修改 form of 20 items. */
export const MINUTES_WORDING_MAX = 300;

export const MinutesSchema = z.object({
  version: VersionSchema,
  meetingId: IdSchema,
  committeeId: IdSchema,
  status: z.enum(['draft', 'signed']),
  /** The drafted text (Markdown), rebuilt from the record until sign-off, immutable after. */
  body: z.string().max(100_000),
  draftedAt: InstantSchema,
  draftedBy: IdSchema,
  /** The office's wording of what was decided on each item (topic id → text), kept across re-drafts. */
  wording: z.record(IdSchema, z.string().trim().min(1).max(MINUTES_WORDING_MAX)).optional(),
  signedBy: IdSchema.optional(),
  signedAt: InstantSchema.optional(),
});
export type Minutes = z.infer<typeof MinutesSchema>;

export const TaskSchema = z.object({
  version: VersionSchema,
  id: IdSchema,
  committeeId: IdSchema,
  meetingId: IdSchema.optional(),
  topicId: IdSchema.optional(),
  title: z.string().trim().min(1).max(200),
  ownerId: IdSchema,
  unit: z.string().trim().min(1).max(100),
  due: DateSchema,
  status: z.enum(['open', 'done']),
  progress: z.array(z.object({ at: InstantSchema, by: IdSchema, note: TextSchema })),
  createdAt: InstantSchema,
  createdBy: IdSchema,
  doneAt: InstantSchema.optional(),
  /** Set for a task that a general leave gave (补交假条, AJ-15a). */
  leaveId: IdSchema.optional(),
});
export type Task = z.infer<typeof TaskSchema>;

/** The rules module's ApproverRole, FilingTarget and LeaveInput vocabulary, as schemas. */
export const ApproverRoleSchema = z.enum(APPROVER_ROLES);
export const FilingTargetSchema = z.enum(FILING_TARGETS);
export const LeaveApplicantRoleSchema = z.enum(LEAVE_APPLICANT_ROLES);
export const LeaveKindSchema = z.enum(LEAVE_KINDS);
export const LeaveReasonSchema = z.enum(LEAVE_REASONS);
export const LeaveScopeSchema = z.enum(LEAVE_SCOPES);

export const LeaveStepSchema = z.object({
  role: ApproverRoleSchema,
  kind: z.enum(['consent', 'approve']),
  status: z.enum(['waiting', 'approved', 'rejected']),
  actorId: IdSchema.optional(),
  /** The role the actor held when it differs from `role` (A23: another approver the text also accepts). */
  actedAs: ApproverRoleSchema.optional(),
  comment: z.string().max(500).optional(),
  at: InstantSchema.optional(),
});
export type LeaveStep = z.infer<typeof LeaveStepSchema>;

/** What was asked of decideLeave, as stored with the request. */
export const LeaveInputRecordSchema = z.object({
  kind: LeaveKindSchema.optional(),
  applicantRole: LeaveApplicantRoleSchema,
  reason: LeaveReasonSchema,
  days: z.number().positive().optional(),
  start: DateSchema.optional(),
  end: DateSchema.optional(),
  requestedOn: DateSchema,
  scope: LeaveScopeSchema.optional(),
});

/** decideLeave's answer, stored with the request so later rule changes do not rewrite it. */
export const LeaveDecisionRecordSchema = z.object({
  approvers: z.array(ApproverRoleSchema),
  consent: z.array(ApproverRoleSchema),
  alsoAccepted: z.array(ApproverRoleSchema),
  filings: z.array(FilingTargetSchema),
  reportTo: ApproverRoleSchema.optional(),
  reportBy: DateSchema.optional(),
  returnBy: DateSchema.optional(),
  tasks: z.array(z.string()),
  days: z.number().nonnegative(),
  flags: z.array(z.string()),
  basis: z.array(z.string()),
});

export const GeneralLeaveSchema = z.object({
  version: VersionSchema,
  id: IdSchema,
  committeeId: IdSchema,
  applicantId: IdSchema,
  /** Who logged the request: the applicant, or a clerk on the applicant's behalf. */
  requestedBy: IdSchema,
  input: LeaveInputRecordSchema,
  reasonText: TextSchema,
  decision: LeaveDecisionRecordSchema,
  steps: z.array(LeaveStepSchema),
  status: z.enum(['pending', 'approved', 'rejected', 'filed', 'returned', 'outOfScope']),
  /** Chinese explanation shown with an outOfScope record. */
  note: z.string().max(500).optional(),
  /** Tasks the decision gave (e.g. 补交假条), each a TASKS document. */
  tasks: z.array(z.object({ title: z.string().min(1).max(200), taskId: IdSchema })),
  /** Filings recorded by a clerk, one per decision.filings target. */
  filed: z.array(z.object({ target: FilingTargetSchema, by: IdSchema, at: InstantSchema })),
  createdAt: InstantSchema,
  returnedAt: InstantSchema.optional(),
  returnedBy: IdSchema.optional(),
  /** 销假 on or before decision.returnBy; null when the decision names no returnBy. */
  returnedOnTime: z.boolean().nullable().optional(),
});
export type GeneralLeave = z.infer<typeof GeneralLeaveSchema>;

/** Who holds each approver role of decideLeave in this committee; set by a clerk. Doc id = committeeId. */
export const LeaveApproversSchema = z.object({
  version: VersionSchema,
  committeeId: IdSchema,
  assignments: z.partialRecord(ApproverRoleSchema, z.array(IdSchema)),
  setBy: IdSchema,
  setAt: InstantSchema,
});
export type LeaveApprovers = z.infer<typeof LeaveApproversSchema>;

export const DutyRecordSchema = z.object({
  version: VersionSchema,
  committeeId: IdSchema,
  dutyId: z.string().min(1).max(64),
  /** Dates or window labels, as windowCompliance reads them. */
  entries: z.array(z.object({ entry: z.string(), recordedBy: IdSchema, at: InstantSchema, note: z.string().max(500).optional() })),
});
export type DutyRecord = z.infer<typeof DutyRecordSchema>;
