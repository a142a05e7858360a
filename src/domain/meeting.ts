/** A meeting, its agenda, its notice and objections, and each member's attendance. */
import { z } from 'zod';
import { IdSchema, InstantSchema, TextSchema, VersionSchema } from './common.js';

export const MeetingKindSchema = z.enum(['regular', 'emergency', 'enlarged', 'lifeMeeting']);
export const MeetingStatusSchema = z.enum(['scheduled', 'noticed', 'inProgress', 'closed']);

export const AgendaItemSchema = z.object({
  topicId: IdSchema,
  /** 临时动议: not on the notified agenda. */
  addedAtMeeting: z.boolean(),
  ballotIds: z.array(IdSchema),
});

export const ObjectionSchema = z.object({
  memberId: IdSchema, text: TextSchema, raisedAt: InstantSchema, onTime: z.boolean(),
});

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
  objections: z.array(ObjectionSchema),
  createdBy: IdSchema,
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const WrittenOpinionSchema = z.object({ topicId: IdSchema, text: TextSchema });

/** 会议请假: a reason, written opinions per topic (recorded, never counted), the chair's answer. */
export const MeetingLeaveSchema = z.object({
  reason: TextSchema,
  writtenOpinions: z.array(WrittenOpinionSchema),
  status: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: InstantSchema,
  decidedBy: IdSchema.optional(),
  decidedAt: InstantSchema.optional(),
});

export const AttendanceSchema = z.object({
  version: VersionSchema,
  meetingId: IdSchema,
  memberId: IdSchema,
  rsvp: z.enum(['attend', 'absent']).optional(),
  leave: MeetingLeaveSchema.optional(),
  signedInAt: InstantSchema.optional(),
});
export type Attendance = z.infer<typeof AttendanceSchema>;
