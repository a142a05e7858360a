/**
 * A grade tapped on the rater's private 民主测评 ballot: recorded once, answered with the ballot
 * saying 已测评 and not the grade, and the group's 测评进度 refreshed (turnout only).
 */
import type { RefusalCode } from '../src/errors.js';
import { RefusedError } from '../src/errors.js';
import { castRating, getEvaluationView } from '../src/services/evaluations.js';
import { ballotCard, refreshProgressCard } from './evaluation-sheet.js';
import { actorOfAction, onAction, toast, withCard } from './support.js';

export const RATED_ANSWER = '测评已提交，提交后不能更改。';
/** The ballot store speaks of votes; a rater reads of 测评. */
export const RATING_REFUSALS: Partial<Record<RefusalCode, string>> = {
  ALREADY_VOTED: '您已经测评过，每人每项只能测评一次。',
  BALLOT_CLOSED: '本次测评已经结束，不能再测评。',
  NOT_ELIGIBLE: '您不在本次测评的测评人名单中，不能测评。',
  CHOICE_UNKNOWN: '所选等次不在本次测评的等次中，请重新选择。',
};

export const rateEvaluationAction = onAction('evaluation.cast', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const ids = { committeeId: committee.id, evaluationId: value.e };
  let refusal: string | undefined;
  try {
    await castRating(ctx.services, { ...ids, raterId: member.id, grade: value.g, operationId: ctx.event.eventId });
  } catch (error) {
    refusal = error instanceof RefusedError ? RATING_REFUSALS[error.refusal] : undefined;
    if (refusal === undefined) throw error;
  }
  const { evaluation } = await getEvaluationView(ctx.services, { ...ids, viewerId: member.id });
  if (refusal !== undefined) {
    // One who has rated already gets the rated ballot back; anyone else keeps the card as it was.
    return refusal === RATING_REFUSALS.ALREADY_VOTED ? withCard(toast.error(refusal), ballotCard(evaluation, true)) : toast.error(refusal);
  }
  await refreshProgressCard(ctx, committee.id, value.e, member.id);
  return withCard(toast.success(RATED_ANSWER), ballotCard(evaluation, true));
});
