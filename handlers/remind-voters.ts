/**
 * `提醒未投票` on the group's 表决 / 表决进度 and 测评进度 cards. An open method's non-voters are
 * @-mentioned in the group (their 表态 is public anyway); a secret ballot's or an evaluation's are
 * told one by one in their private chats, and the tapper learns only how many. The service decides
 * who may, who has not voted and whether a reminder went out too recently.
 */
import type { Member } from '../src/domain/index.js';
import { plainText, textMention } from '../cards/text.js';
import { getEvaluationView } from '../src/services/evaluations.js';
import { REMIND_INTERVAL_MINUTES, remindBallotNonVoters, remindEvaluationNonRaters, type NonVoterReminder } from '../src/services/remind-voters.js';
import { actorOfAction, keyOf, onAction, toast, type ActionCtx } from './support.js';
import { ballotContext } from './vote-sheet.js';

export const reminded = (n: number): string => `已提醒 ${n} 人。`;
export const ALL_VOTED = '所有人都已投票，无需提醒。';
export const remindedRecently = (wait: number): string => `${REMIND_INTERVAL_MINUTES} 分钟内已提醒过，请 ${wait} 分钟后再提醒。`;

const mention = (m: Member): string => textMention(m.openId);

export const openVoteReminder = (members: readonly Member[], index: number, title: string): string =>
  `${members.map(mention).join(' ')} 第 ${index} 项"${plainText(title)}"正在表决，您尚未表态，请在群里的"表决"卡片上表态。`;
export const secretVoteReminder = (index: number, title: string): string =>
  `第 ${index} 项"${plainText(title)}"的无记名投票正在进行，您尚未投票。请在与机器人私聊中的"无记名投票"卡片上投票。`;
export const evaluationReminder = (title: string, subject: string): string =>
  `"${plainText(title)}"（测评对象：${plainText(subject)}）正在进行，您尚未测评。请在与机器人私聊中的"民主测评"卡片上测评。`;

/** The answer for every outcome but one with people to remind. */
function answerOf(outcome: Exclude<NonVoterReminder, { status: 'remind' }>) {
  return outcome.status === 'allVoted' ? toast.info(ALL_VOTED) : toast.info(remindedRecently(outcome.waitMinutes));
}

async function sendPrivately(ctx: ActionCtx, members: readonly Member[], text: string): Promise<void> {
  for (const m of members) await ctx.outbox.enqueueSend({ to: { openId: m.openId }, key: keyOf(ctx.event, 'remind', m.id), text });
}

export const remindBallotAction = onAction('ballot.remind', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const outcome = await remindBallotNonVoters(ctx.services, { committeeId: committee.id, ballotId: value.b, actorId: member.id, operationId: ctx.event.eventId });
  if (outcome.status !== 'remind') return answerOf(outcome);
  const { item } = await ballotContext(ctx, committee.id, value.b, member.id);
  if (outcome.secret) await sendPrivately(ctx, outcome.members, secretVoteReminder(item.index, item.title));
  else await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: keyOf(ctx.event, 'remind'), text: openVoteReminder(outcome.members, item.index, item.title) });
  return toast.success(reminded(outcome.members.length));
});

export const remindEvaluationAction = onAction('evaluation.remind', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const outcome = await remindEvaluationNonRaters(ctx.services, { committeeId: committee.id, evaluationId: value.e, actorId: member.id, operationId: ctx.event.eventId });
  if (outcome.status !== 'remind') return answerOf(outcome);
  const { evaluation } = await getEvaluationView(ctx.services, { committeeId: committee.id, evaluationId: value.e, viewerId: member.id });
  await sendPrivately(ctx, outcome.members, evaluationReminder(evaluation.title, evaluation.subject));
  return toast.success(reminded(outcome.members.length));
});
