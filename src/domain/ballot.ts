/**
 * A ballot on one agenda item, or an evaluation (民主测评). The ballot's live state (who voted,
 * counts, open choices) lives in Redis structures owned by the voting store; this is its metadata.
 */
import { z } from 'zod';
import { EVALUATION_CATEGORIES, EVALUATION_GRADES, UNKNOWN_GRADE, VOTE_METHODS } from '../rules/types.js';
import { IdSchema, InstantSchema } from './common.js';

export const VoteMethodSchema = z.enum(VOTE_METHODS);
export const YES_NO_ABSTAIN = ['yes', 'no', 'abstain'] as const;
export const VoteChoiceSchema = z.enum(YES_NO_ABSTAIN);
export type VoteChoice = z.infer<typeof VoteChoiceSchema>;

export const BallotStateSchema = z.enum(['open', 'closed']);

export const BallotResultSchema = z.object({
  counts: z.record(z.string(), z.number().int().nonnegative()),
  voters: z.number().int().nonnegative(),
  eligible: z.number().int().nonnegative(),
  passed: z.boolean().nullable(),
  quorate: z.boolean(),
  flags: z.array(z.string()),
  errors: z.array(z.string()),
  basis: z.array(z.string()),
  /** evaluateItem's smallest passing yes count, kept so the minutes can explain the outcome. */
  requiredYes: z.number().int().nonnegative().optional(),
  /** Absent members' written opinions on the topic: recorded, never counted (A7). */
  writtenOpinions: z.number().int().nonnegative().optional(),
  /** Open methods only (oral/hands/named): each member's 表态 in the order given (NT-5.2 evidence). Never for secret. */
  roll: z.array(z.object({ memberId: IdSchema, choice: VoteChoiceSchema })).optional(),
});
export type BallotResult = z.infer<typeof BallotResultSchema>;

export const BallotSchema = z.object({
  version: z.number().int().nonnegative(),
  id: IdSchema,
  committeeId: IdSchema,
  meetingId: IdSchema,
  topicId: IdSchema,
  method: VoteMethodSchema,
  state: BallotStateSchema,
  openedAt: InstantSchema,
  openedBy: IdSchema,
  closedAt: InstantSchema.optional(),
  result: BallotResultSchema.optional(),
  /** Who presides over this vote (the opener); for 末位表态 (A8) the script refuses this member's cast until all others voted. */
  chairId: IdSchema.optional(),
  /** Whether the profile's chair-last rule applies to this ballot's method; fixed at opening, read by cast-vote.lua. */
  chairLast: z.boolean().optional(),
  /** The electorate frozen at opening: N (应到会), voting members signed in, and of them recused. */
  snapshot: z.object({
    members: z.number().int().nonnegative(),
    present: z.number().int().nonnegative(),
    recused: z.number().int().nonnegative(),
  }).optional(),
  /** 复议: the ballot whose decision this vote reconsiders (NT-3.9). */
  reconsiders: IdSchema.optional(),
  /** Set when the chair deferred the item after a close vote (A21, NT-3.6d). */
  deferredAt: InstantSchema.optional(),
});
export type Ballot = z.infer<typeof BallotSchema>;

export const EvaluationCategorySchema = z.enum(EVALUATION_CATEGORIES);
export const INDIVIDUAL_GRADES = [...EVALUATION_GRADES.individual, UNKNOWN_GRADE] as const;
export const TEAM_GRADES = [...EVALUATION_GRADES.team, UNKNOWN_GRADE] as const;

export const EvaluationSchema = z.object({
  version: z.number().int().nonnegative(),
  id: IdSchema,
  committeeId: IdSchema,
  title: z.string().trim().min(1).max(200),
  category: EvaluationCategorySchema,
  subject: z.string().trim().min(1).max(100),
  state: BallotStateSchema,
  openedAt: InstantSchema,
  openedBy: IdSchema,
  closedAt: InstantSchema.optional(),
  /** The grades a rater may give, fixed at opening; cast-vote.lua checks a rating against them. */
  grades: z.array(z.string().min(1).max(20)).min(1).optional(),
  result: z.object({
    counts: z.record(z.string(), z.number().int().nonnegative()),
    raters: z.number().int().nonnegative(),
    eligible: z.number().int().nonnegative(),
    /** evaluationFlag's valid votes and 不称职 / 较差 votes (absent on results stored before they were kept). */
    valid: z.number().int().nonnegative().optional(),
    bad: z.number().int().nonnegative().optional(),
    numericMet: z.boolean(),
    needsHumanConfirmation: z.string().nullable(),
    flags: z.array(z.string()),
    basis: z.array(z.string()),
  }).optional(),
});
export type Evaluation = z.infer<typeof EvaluationSchema>;

/** 保留意见 recorded per member for named and open votes (NT-5.2: evidence that exempts a dissenter). */
export const ReservedOpinionsSchema = z.object({
  version: z.number().int().nonnegative(),
  ballotId: IdSchema,
  entries: z.array(z.object({ memberId: IdSchema, text: z.string().trim().min(1).max(2000), at: InstantSchema })),
});
export type ReservedOpinions = z.infer<typeof ReservedOpinionsSchema>;
