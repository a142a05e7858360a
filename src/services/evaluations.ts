/**
 * 民主测评: raters grade a person (individual) or a leadership team. Always secret: the same
 * scripts as a secret ballot keep only who has rated and one counter per grade, under the
 * evaluation's own id. The result is the rules module's evaluationFlag over the counts
 * (ZY-JD-1b, A15); the qualitative half of the trigger is left to people.
 */
import { z } from 'zod';
import type { Committee, Evaluation } from '../domain/index.js';
import { EvaluationCategorySchema, EvaluationSchema, IdSchema, INDIVIDUAL_GRADES, TEAM_GRADES } from '../domain/index.js';
import { RefusedError, StoreCorruptError } from '../errors.js';
import { evaluationFlag } from '../rules/index.js';
import { requestAofRewrite } from '../store/aof-compaction.js';
import { castInStore, closeInStore, countsAreConsistent, tallySum, discardElectorate, liveKeys, turnout, votersOf, writeElectorate, type ClosedCounts, type LiveKeys } from '../store/ballots.js';
import { update } from '../store/doc-store.js';
import { docKey, EVALUATIONS, getDoc, indexKey } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, memberOf, newId, profileOf } from './context.js';
import { parseInput } from './input.js';
import { MIN_SECRET_PARTICIPANTS_SHOWN } from './voting-view.js';

export function evaluationKeys(committeeId: string, evaluationId: string): LiveKeys {
  return liveKeys(committeeId, evaluationId, docKey(committeeId, EVALUATIONS, evaluationId));
}

/** The grades of a category, in their fixed order (the order the counters are created in). */
function gradesOf(category: Evaluation['category']): readonly string[] {
  return category === 'individual' ? INDIVIDUAL_GRADES : TEAM_GRADES;
}

export async function loadEvaluation(deps: ServiceDeps, committeeId: string, evaluationId: string): Promise<Evaluation> {
  const evaluation = await getDoc(deps.redis, committeeId, EVALUATIONS, evaluationId);
  if (!evaluation) throw new RefusedError('NOT_FOUND', 'evaluation');
  return evaluation;
}

const OpenSchema = z.object({
  committeeId: IdSchema, title: z.string().trim().min(1).max(200), category: EvaluationCategorySchema,
  subject: z.string().trim().min(1).max(100),
  /** Any roster members, observers included (a 测评 often asks more people than the body's members). */
  raterIds: z.array(IdSchema).min(1).max(1000), actorId: IdSchema,
  /** From the command that asked for it, so that a re-run of that command opens nothing twice. */
  id: IdSchema.optional(),
});
export type OpenEvaluationInput = z.input<typeof OpenSchema>;

/** Opens an evaluation; the office (clerks) or the chair organises it. */
export async function openEvaluation(deps: ServiceDeps, input: OpenEvaluationInput): Promise<Evaluation> {
  const data = parseInput(OpenSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  authorize(committee, data.actorId, 'evaluation.open');
  const raters = [...new Set(data.raterIds)];
  for (const id of raters) memberOf(committee, id);
  const id = data.id ?? newId('ev', deps.clock);
  const keys = evaluationKeys(committee.id, id);
  if (data.id !== undefined) {
    const existing = await getDoc(deps.redis, committee.id, EVALUATIONS, id);
    if (existing) return existing;
  }
  // Only an electorate this call wrote may be discarded: a same-id run at once owns its own.
  let wrote = false;
  try {
    return await update(deps.redis, async () => {
      if (!wrote) {
        if (await writeElectorate(deps.redis, keys, raters, gradesOf(data.category)) === 'EXISTS') throw new RefusedError('CONFLICT_RETRY', 'evaluation id taken');
        wrote = true;
      }
      const now = deps.clock.now();
      const evaluation = EvaluationSchema.parse({
        version: 0, id, committeeId: committee.id, title: data.title, category: data.category, subject: data.subject,
        state: 'open', openedAt: now.toISOString(), openedBy: data.actorId,
        grades: [...gradesOf(data.category)],
      });
      return {
        commit: { committeeId: committee.id, at: now, docs: [{ key: keys.doc, value: evaluation }],
          indexes: [{ key: indexKey(committee.id, EVALUATIONS), member: id }],
          audit: { actor: data.actorId, action: 'evaluation.open', subject: id, data: { category: data.category, raters: raters.length } } },
        result: { ...evaluation, version: 1 },
      };
    });
  } catch (error) {
    if (error instanceof RefusedError && wrote) await discardElectorate(deps.redis, keys);
    throw error;
  }
}

const RateSchema = z.object({ committeeId: IdSchema, evaluationId: IdSchema, raterId: IdSchema, grade: z.string().max(20), operationId: IdSchema });
export type CastRatingInput = z.input<typeof RateSchema>;

/** One rater's grade, final once given; a retried operation id gets 'recorded' again. */
export async function castRating(deps: ServiceDeps, input: CastRatingInput): Promise<'recorded'> {
  const data = parseInput(RateSchema, input);
  const code = await castInStore(deps.redis, evaluationKeys(data.committeeId, data.evaluationId), deps.seenKey, data.raterId, data.grade, data.operationId);
  if (code === 'recorded') return code;
  deps.log.info('rating refused', { evaluationId: data.evaluationId, code });
  if (code === 'NOT_ELIGIBLE') {
    const committee = await loadCommittee(deps, data.committeeId);
    memberOf(committee, data.raterId);
  }
  if (code === 'CHAIR_MUST_SPEAK_LAST') throw new StoreCorruptError(evaluationKeys(data.committeeId, data.evaluationId).doc);
  throw new RefusedError(code);
}

const CloseSchema = z.object({ committeeId: IdSchema, evaluationId: IdSchema, actorId: IdSchema });
export type CloseEvaluationInput = z.input<typeof CloseSchema>;

async function flipEvaluation(deps: ServiceDeps, committeeId: string, evaluationId: string): Promise<ClosedCounts> {
  const keys = evaluationKeys(committeeId, evaluationId);
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const current = await loadEvaluation(deps, committeeId, evaluationId);
    const closed: Evaluation = { ...current, state: 'closed', closedAt: current.closedAt ?? deps.clock.now().toISOString(), version: current.version + 1 };
    const counts = await closeInStore(deps.redis, keys, deps.seenKey, current.version, JSON.stringify(closed));
    if (counts === 'NOT_FOUND') throw new RefusedError('NOT_FOUND', 'evaluation');
    if (counts !== 'CONFLICT') return counts;
  }
  throw new RefusedError('CONFLICT_RETRY', 'evaluation close');
}

/** Closes the evaluation, checks the invariant, and stores the counts with evaluationFlag's verdict. */
export async function closeEvaluation(deps: ServiceDeps, input: CloseEvaluationInput): Promise<Evaluation> {
  const data = parseInput(CloseSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  authorize(committee, data.actorId, 'evaluation.close');
  const before = await loadEvaluation(deps, committee.id, data.evaluationId);
  if (before.result) return before;
  try {
    return await flipAndStore(deps, committee, before, data);
  } finally {
    // Whatever happened after the flip, the AOF rewrite its close script marked must run.
    requestAofRewrite(deps.redis, deps.log, [evaluationKeys(committee.id, data.evaluationId).aofPending]);
  }
}

async function flipAndStore(deps: ServiceDeps, committee: Committee, before: Evaluation, data: z.infer<typeof CloseSchema>): Promise<Evaluation> {
  const counts = await flipEvaluation(deps, committee.id, data.evaluationId);
  if (!countsAreConsistent(counts)) {
    deps.log.error('evaluation invariant violated', { committeeId: committee.id, evaluationId: data.evaluationId, sum: tallySum(counts), voted: counts.voted, strangers: counts.strangers });
    throw new StoreCorruptError(evaluationKeys(committee.id, data.evaluationId).tally);
  }
  const grades = before.grades ?? [...gradesOf(before.category)];
  const votes = Object.fromEntries(grades.map((g) => [g, counts.tally[g] ?? 0]));
  const verdict = evaluationFlag(profileOf(committee), { category: before.category, votes, invalid: 0 });
  const result = { counts: votes, raters: counts.voted, eligible: counts.eligible, valid: verdict.valid, bad: verdict.bad, numericMet: verdict.numericMet,
    needsHumanConfirmation: verdict.needsHumanConfirmation, flags: verdict.flags, basis: verdict.basis };
  const stored = await update(deps.redis, async () => {
    const current = await loadEvaluation(deps, committee.id, data.evaluationId);
    const now = deps.clock.now();
    if (current.result) return { commit: { committeeId: committee.id, at: now, docs: [], audit: null }, result: current };
    const next: Evaluation = { ...current, result };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: evaluationKeys(committee.id, current.id).doc, value: next }],
        audit: { actor: data.actorId, action: 'evaluation.close', subject: current.id, data: { counts: votes, raters: counts.voted, eligible: counts.eligible, numericMet: verdict.numericMet, flags: verdict.flags } } },
      result: { ...next, version: next.version + 1 },
    };
  });
  return stored;
}

const ViewSchema = z.object({ committeeId: IdSchema, evaluationId: IdSchema, viewerId: IdSchema });

/** Open: how many have rated. Closed: counts and verdict; who rated only when three or more did. */
export async function getEvaluationView(deps: ServiceDeps, input: z.input<typeof ViewSchema>): Promise<{
  evaluation: Omit<Evaluation, 'result'>; rated: number; eligible: number; result?: Evaluation['result']; participants?: string[];
}> {
  const data = parseInput(ViewSchema, input);
  authorize(await loadCommittee(deps, data.committeeId), data.viewerId, 'evaluation.view');
  const { result, ...evaluation } = await loadEvaluation(deps, data.committeeId, data.evaluationId);
  const keys = evaluationKeys(data.committeeId, data.evaluationId);
  if (evaluation.state !== 'closed' || !result) {
    const { voted, eligible } = await turnout(deps.redis, keys);
    return { evaluation, rated: voted, eligible };
  }
  const view = { evaluation, rated: result.raters, eligible: result.eligible, result };
  return result.raters < MIN_SECRET_PARTICIPANTS_SHOWN ? view : { ...view, participants: await votersOf(deps.redis, keys) };
}
