/**
 * The group's 测评进度 card of one evaluation (its outbox key is a function of the committee and
 * the evaluation, so it is posted once) and the raters' private ballots. The progress card is
 * refreshed after each rating through the outbox, which coalesces patches to Feishu's pace.
 */
import { buildEvaluationBallotCard, buildEvaluationProgressCard, toEvaluationBallotView, toEvaluationProgressView } from '../cards/evaluation-cards.js';
import type { Card as KitCard } from '../cards/types.js';
import type { BotDeps } from '../src/bot/context.js';
import type { Committee, Evaluation } from '../src/domain/index.js';
import { getEvaluationView } from '../src/services/evaluations.js';
import { cardJson } from './support.js';

type Card = Parameters<BotDeps['outbox']['enqueuePatch']>[0]['card'];

export const evaluationProgressKey = (committeeId: string, evaluationId: string): string => `evaluation|${committeeId}|${evaluationId}|progress`;
/** Names the rater and the evaluation, never a grade. */
export const evaluationBallotKey = (committeeId: string, evaluationId: string, raterId: string): string => `evaluation|${committeeId}|${evaluationId}|ballot|${raterId}`;
export const evaluationResultKey = (committeeId: string, evaluationId: string): string => `evaluation|${committeeId}|${evaluationId}|result`;

export const ballotCard = (evaluation: Omit<Evaluation, 'result'>, rated: boolean): KitCard => buildEvaluationBallotCard(toEvaluationBallotView(evaluation, rated));

/** The progress card as stored now; everyone sees 结束测评, the service decides each tap. */
export async function progressCard(ctx: Pick<BotDeps, 'services'>, committeeId: string, evaluationId: string, viewerId: string): Promise<Card> {
  const view = await getEvaluationView(ctx.services, { committeeId, evaluationId, viewerId });
  return cardJson(buildEvaluationProgressCard(toEvaluationProgressView(view.evaluation, { rated: view.rated, eligible: view.eligible }, { close: true })));
}

/** Rounds of "patch, then read again" one refresh may take before leaving the rest to later taps. */
const MAX_ROUNDS = 3;

/** Patches the posted progress card; reads again after each patch so the last one follows every rating. */
export async function refreshProgressCard(ctx: Pick<BotDeps, 'outbox' | 'services'>, committeeId: string, evaluationId: string, viewerId: string): Promise<void> {
  let last = '';
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const card = await progressCard(ctx, committeeId, evaluationId, viewerId);
    const json = JSON.stringify(card);
    if (json === last) return;
    // By key: a rating before the card was posted is on it as it posts.
    await ctx.outbox.enqueuePatchOf({ key: evaluationProgressKey(committeeId, evaluationId), card });
    last = json;
  }
}

/**
 * After close every ballot sent reads 测评已结束 without buttons, the same card for each rater
 * whether or not they rated, so the patches tell nobody anything.
 */
export async function closeBallots(ctx: Pick<BotDeps, 'outbox'>, committee: Pick<Committee, 'id' | 'roster'>, evaluation: Omit<Evaluation, 'result'>): Promise<void> {
  const card = cardJson(ballotCard(evaluation, false));
  // By key: a ballot the outbox has not posted yet is closed as it posts.
  for (const member of committee.roster) await ctx.outbox.enqueuePatchOf({ key: evaluationBallotKey(committee.id, evaluation.id, member.id), card });
}

