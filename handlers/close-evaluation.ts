/** `结束测评` on 测评进度: closes the evaluation, updates the progress card and every ballot, and posts 测评结果. */
import { buildEvaluationResultCard, toEvaluationResultView } from '../cards/evaluation-cards.js';
import { StoreCorruptError } from '../src/errors.js';
import { profileOf } from '../src/services/context.js';
import { closeEvaluation } from '../src/services/evaluations.js';
import { closeBallots, evaluationResultKey, refreshProgressCard } from './evaluation-sheet.js';
import { actorOfAction, cardJson, onAction, toast } from './support.js';

export const EVALUATION_CLOSED = '测评已结束，测评结果已发到群里。';

export const closeEvaluationAction = onAction('evaluation.close', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const closed = await closeEvaluation(ctx.services, { committeeId: committee.id, evaluationId: value.e, actorId: member.id });
  const view = toEvaluationResultView(closed, profileOf(committee));
  if (view === null) throw new StoreCorruptError(`evaluation ${closed.id}`);
  await refreshProgressCard(ctx, committee.id, value.e, member.id);
  await closeBallots(ctx, committee, closed);
  // Posted once per evaluation: a second 结束测评 finds the same key and posts nothing more.
  await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: evaluationResultKey(committee.id, closed.id), card: cardJson(buildEvaluationResultCard(view)) });
  return toast.success(EVALUATION_CLOSED);
});
