/** Minutes, tasks, general leave and duty records. */
import { z } from 'zod';
import { DateSchema, IdSchema, InstantSchema, TextSchema, VersionSchema } from './common.js';

export const MinutesSchema = z.object({
  version: VersionSchema,
  meetingId: IdSchema,
  committeeId: IdSchema,
  status: z.enum(['draft', 'signed']),
  /** The drafted text (Markdown), rebuilt from the record until sign-off, immutable after. */
  body: z.string().max(100_000),
  draftedAt: InstantSchema,
  draftedBy: IdSchema,
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
});
export type Task = z.infer<typeof TaskSchema>;

export const LeaveStepSchema = z.object({
  role: z.string(),
  kind: z.enum(['consent', 'approve']),
  status: z.enum(['waiting', 'approved', 'rejected']),
  actorId: IdSchema.optional(),
  comment: z.string().max(500).optional(),
  at: InstantSchema.optional(),
});

export const GeneralLeaveSchema = z.object({
  version: VersionSchema,
  id: IdSchema,
  committeeId: IdSchema,
  applicantId: IdSchema,
  input: z.record(z.string(), z.unknown()),
  reasonText: TextSchema,
  decision: z.record(z.string(), z.unknown()),
  steps: z.array(LeaveStepSchema),
  status: z.enum(['pending', 'approved', 'rejected', 'filed', 'returned', 'outOfScope']),
  createdAt: InstantSchema,
  returnedAt: InstantSchema.optional(),
});
export type GeneralLeave = z.infer<typeof GeneralLeaveSchema>;

export const DutyRecordSchema = z.object({
  version: VersionSchema,
  committeeId: IdSchema,
  dutyId: z.string().min(1).max(64),
  /** Dates or window labels, as windowCompliance reads them. */
  entries: z.array(z.object({ entry: z.string(), recordedBy: IdSchema, at: InstantSchema, note: z.string().max(500).optional() })),
});
export type DutyRecord = z.infer<typeof DutyRecordSchema>;
