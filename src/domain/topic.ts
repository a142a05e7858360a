/** A 议题: submitted by a member or clerk, confirmed or returned by the chair, then put on an agenda. */
import { z } from 'zod';
import { TOPIC_KINDS } from '../rules/types.js';
import { IdSchema, InstantSchema, LinkSchema, TextSchema, VersionSchema } from './common.js';

export const TopicKindSchema = z.enum(TOPIC_KINDS);
export const TopicStatusSchema = z.enum(['submitted', 'confirmed', 'returned', 'scheduled', 'decided', 'deferred']);

export const RecusalSchema = z.object({
  memberId: IdSchema,
  reason: TextSchema,
  /** Who recorded it (a clerk, the chair, or the member) and when. */
  recordedBy: IdSchema.optional(),
  recordedAt: InstantSchema.optional(),
});

export const TopicSchema = z.object({
  version: VersionSchema,
  id: IdSchema,
  committeeId: IdSchema,
  title: z.string().trim().min(1).max(200),
  kind: TopicKindSchema,
  status: TopicStatusSchema,
  submittedBy: IdSchema,
  submittedAt: InstantSchema,
  materials: z.array(LinkSchema).max(20),
  recusals: z.array(RecusalSchema),
  /** ZY-DY-3: two or more comparable options when the item is marked as needing them. */
  needsOptions: z.boolean(),
  options: z.array(z.string().trim().min(1).max(500)).max(10),
  returnReason: TextSchema.optional(),
  returnedBy: IdSchema.optional(),
  returnedAt: InstantSchema.optional(),
  confirmedBy: IdSchema.optional(),
  confirmedAt: InstantSchema.optional(),
  meetingId: IdSchema.optional(),
});
export type Topic = z.infer<typeof TopicSchema>;
