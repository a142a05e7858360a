/** A meeting, its agenda, its notice and objections, and each member's attendance. */
import { z } from 'zod';
import { LEAVE_REASONS } from '../rules/types.js';
import { IdSchema, InstantSchema, TextSchema, VersionSchema } from './common.js';

export const MeetingKindSchema = z.enum(['regular', 'emergency', 'enlarged', 'lifeMeeting']);
export const MeetingStatusSchema = z.enum(['scheduled', 'noticed', 'inProgress', 'closed', 'cancelled']);

export const AgendaItemSchema = z.object({
  topicId: IdSchema,
  /** 临时动议: not on the notified agenda. */
  addedAtMeeting: z.boolean(),
  ballotIds: z.array(IdSchema),
  /** Rule flags raised when the item was added (e.g. AD_HOC_ITEM, JY-22); absent means none. */
  flags: z.array(z.string()).optional(),
  addedBy: IdSchema.optional(),
  addedAt: InstantSchema.optional(),
});
export type AgendaItem = z.infer<typeof AgendaItemSchema>;

export const ObjectionSchema = z.object({
  memberId: IdSchema, text: TextSchema, raisedAt: InstantSchema, onTime: z.boolean(),
  /** checkObjection's flags: LATE_OBJECTION (recorded and shown to the chair), NO_NOTICE_RULE, ... */
  flags: z.array(z.string()).optional(),
});
export type Objection = z.infer<typeof ObjectionSchema>;

export const MeetingSchema = z.object({
  version: VersionSchema,
  id: IdSchema,
  committeeId: IdSchema,
  title: z.string().trim().min(1).max(200),
  kind: MeetingKindSchema,
  status: MeetingStatusSchema,
  startsAt: InstantSchema,
  location: z.string().max(200).optional(),
  agenda: z.array(AgendaItemSchema),
  /** Observers (列席) invited: they see and attend, never vote or count. */
  observers: z.array(IdSchema),
  noticeSentAt: InstantSchema.optional(),
  noticeOnTime: z.boolean().optional(),
  noticeFlags: z.array(z.string()),
  /** Deadlines from checkNotice, in UTC: last on-time notice, the working day to aim for, objections. */
  noticeBy: InstantSchema.optional(),
  advisedBy: InstantSchema.optional(),
  objectionsBy: InstantSchema.optional(),
  noticeSentBy: IdSchema.optional(),
  objections: z.array(ObjectionSchema),
  createdBy: IdSchema,
  createdAt: InstantSchema.optional(),
  /** Who chairs this meeting (the chair, or a vice chair acting for them), set when it starts. */
  chairId: IdSchema.optional(),
  /** A vice chair the chair asked to chair this meeting (JY-10, NT-3.3 受书记委托); set by the chair only. */
  delegatedTo: IdSchema.optional(),
  startedAt: InstantSchema.optional(),
  /** When the chair or the clerk opened sign-in (开始签到), and who: /签到 finds the meeting by it. */
  signInOpenedAt: InstantSchema.optional(),
  signInOpenedBy: IdSchema.optional(),
  /** 改期: the start people were last told of, before the latest move. */
  movedFrom: InstantSchema.optional(),
  closedAt: InstantSchema.optional(),
  closedBy: IdSchema.optional(),
  cancelledAt: InstantSchema.optional(),
  cancelledBy: IdSchema.optional(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export type MeetingKind = z.infer<typeof MeetingKindSchema>;
export type MeetingStatus = z.infer<typeof MeetingStatusSchema>;

/** A meeting may be moved (改期) until sign-in opens: once people gather, the time has come. */
export function movable(meeting: Pick<Meeting, 'status' | 'signInOpenedAt'>): boolean {
  return (meeting.status === 'scheduled' || meeting.status === 'noticed') && meeting.signInOpenedAt === undefined;
}

/** People can sign in from the notice until the meeting closes; an emergency meeting may go without a notice. */
export function signInPossible(meeting: Pick<Meeting, 'status' | 'kind'>): boolean {
  return meeting.status === 'noticed' || meeting.status === 'inProgress' || (meeting.status === 'scheduled' && meeting.kind === 'emergency');
}

export const WrittenOpinionSchema = z.object({ topicId: IdSchema, text: TextSchema });

/** 会议请假: a reason, written opinions per topic (recorded, never counted), the chair's answer. */
export const MeetingLeaveSchema = z.object({
  reason: TextSchema,
  /** The kind of reason decideLeave reads (private / sick / business); the text above is what people read. */
  reasonKind: z.enum(LEAVE_REASONS).optional(),
  writtenOpinions: z.array(WrittenOpinionSchema),
  /** 'recorded': the profile names no approver for a meeting absence (OUT_OF_SCOPE), so it stands as filed. */
  status: z.enum(['pending', 'approved', 'rejected', 'recorded']),
  requestedAt: InstantSchema,
  /** decideLeave's approvers for a meeting absence (['chair'] or none) and its flags. */
  approvers: z.array(z.string()).optional(),
  flags: z.array(z.string()).optional(),
  decidedBy: IdSchema.optional(),
  decidedAt: InstantSchema.optional(),
});
export type MeetingLeave = z.infer<typeof MeetingLeaveSchema>;

export const AttendanceSchema = z.object({
  version: VersionSchema,
  meetingId: IdSchema,
  memberId: IdSchema,
  rsvp: z.enum(['attend', 'absent']).optional(),
  leave: MeetingLeaveSchema.optional(),
  signedInAt: InstantSchema.optional(),
  /** How the person attended: a voting member counts; a clerk or an observer (列席) never does. */
  signedInAs: z.enum(['voting', 'clerk', 'observer']).optional(),
});
export type Attendance = z.infer<typeof AttendanceSchema>;
