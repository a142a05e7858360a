/**
 * `/测评 @对象…` (one evaluation per person named, rated by everyone else on the roster) and
 * `/测评 班子 [班子名称]` (one of the team, rated by everyone): each rater gets a private
 * 民主测评 ballot, the group one 测评进度 card per evaluation.
 */
import type { CommandHandler } from '../src/bot/context.js';
import { parseEvaluationArgs } from '../src/bot/parse/people-commands.js';
import type { Committee, Evaluation, Member } from '../src/domain/index.js';
import { RefusedError } from '../src/errors.js';
import { openEvaluation } from '../src/services/evaluations.js';
import { ballotCard, evaluationBallotKey, evaluationProgressKey, progressCard } from './evaluation-sheet.js';
import { actorOfCommand, cardJson, commandInput, keyOf } from './support.js';

export const evaluationsOpened = (n: number): string => `已发起 ${n} 项民主测评，测评票已私信发给每位测评人。`;

interface Target { subject: string; category: Evaluation['category']; raters: Member[] }

function targetsOf(committee: Committee, args: ReturnType<typeof parseEvaluationArgs>): Target[] {
  if (args.kind === 'team') return [{ subject: args.name ?? committee.name, category: 'team', raters: committee.roster }];
  if (!args.openIds.every((o) => committee.roster.some((m) => m.openId === o))) throw new RefusedError('SUBJECT_NOT_ON_ROSTER', 'evaluation subject');
  return committee.roster.filter((m) => args.openIds.includes(m.openId)).map((m) => ({ subject: m.name, category: 'individual', raters: committee.roster.filter((r) => r.id !== m.id) }));
}

const titleOf = (t: Target): string => `${t.subject}${t.category === 'team' ? '班子' : ''}民主测评`;

export const openEvaluationCommand: CommandHandler = async (ctx) => {
  const { committee, member } = await actorOfCommand(ctx);
  const args = parseEvaluationArgs(commandInput(ctx));
  const targets = targetsOf(committee, args);
  for (const [i, target] of targets.entries()) {
    const evaluation = await openEvaluation(ctx.services, {
      committeeId: committee.id, actorId: member.id, title: titleOf(target), category: target.category, subject: target.subject,
      raterIds: target.raters.map((r) => r.id), id: `ev-${ctx.event.messageId}-${i}`,
    });
    await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: evaluationProgressKey(committee.id, evaluation.id), card: await progressCard(ctx, committee.id, evaluation.id, member.id) });
    for (const rater of target.raters) {
      await ctx.outbox.enqueueSend({ to: { openId: rater.openId }, key: evaluationBallotKey(committee.id, evaluation.id, rater.id), card: cardJson(ballotCard(evaluation, false)) });
    }
  }
  await ctx.outbox.enqueueReply({ messageId: ctx.event.messageId, chatId: ctx.event.chatId, key: keyOf(ctx.event, 'evaluation'), text: evaluationsOpened(targets.length) });
};
