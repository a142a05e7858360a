/**
 * `表决` on 会议主持 and `/表决 <序号> [方法]`, by whoever chairs the meeting (the service decides):
 * opens the vote, starts the meeting on its first vote if the chair had not, and posts the cards —
 * the group's `表决` (open methods) or `表决进度` and, for a secret ballot, one private
 * `无记名投票` to each member of the frozen electorate (recused and absent members get none).
 * An item without its quorum is refused with the figures and the basis.
 */
import { ChairVoteFormSchema } from '../cards/actions.js';
import { TOPIC_KIND_NAMES } from '../cards/copy.js';
import { quorumFor, quorumWords } from '../cards/rule-text.js';
import type { CommandHandler } from '../src/bot/context.js';
import { parseVoteArgs } from '../src/bot/parse/commands.js';
import type { Ballot, Committee, Meeting, Member, Topic } from '../src/domain/index.js';
import { InputError, NotQuorateError } from '../src/errors.js';
import { profileOf } from '../src/services/context.js';
import { getMeeting } from '../src/services/meeting-view.js';
import { listMeetings, startMeeting } from '../src/services/meetings.js';
import { ballotElectorate, openBallot } from '../src/services/voting.js';
import { actorOfAction, actorOfCommand, commandInput, keyOf, onAction, toast } from './support.js';
import { ballotContext, groupVoteCard, postChairingCard, secretBallotCard, secretBallotKey, voteCardKey } from './vote-sheet.js';
import type { BotDeps } from '../src/bot/context.js';

export const VOTE_OPENED = '表决已开始。';
export const SECRET_VOTE_OPENED = '无记名投票已开始，选票已私聊发给各位参加表决的成员。';
export const noSuchItem = (n: number, count: number): string => `本次会议没有第 ${n} 项议题（共 ${count} 项）。发送 /会议 查看议程。`;
export const NO_MEETING_IN_PROGRESS = '目前没有正在召开的会议。请先由书记或秘书点“开始签到”。';

/** 人事议题须三分之二以上成员到会（应到 8 人，需 6 人，实到 5 人），暂不能表决。依据：JY-23b。 */
export function notQuorateSentence(committee: Committee, error: NotQuorateError): string {
  const { kind, members, required, present, basis } = error.shortfall;
  const profile = profileOf(committee);
  const threshold = quorumFor(profile, kind as Topic['kind']);
  const cited = threshold.basis.filter((id) => basis.includes(id));
  return `${TOPIC_KIND_NAMES[kind as Topic['kind']]}议题须${quorumWords(profile, threshold)}成员到会（应到 ${members} 人，需 ${required} 人，实到 ${present} 人），暂不能表决。依据：${(cited.length > 0 ? cited : threshold.basis).join('、')}。`;
}

type Deps = Pick<BotDeps, 'outbox' | 'services'>;

/** The group's card of a fresh ballot and, for a secret one, each voter's private ballot (read as its opener). */
export async function postBallotCards(ctx: Deps, committee: Committee, ballot: Ballot): Promise<void> {
  const b = await ballotContext(ctx, committee.id, ballot.id, ballot.openedBy);
  await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: voteCardKey(committee.id, ballot.id), card: groupVoteCard(b) });
  if (ballot.method !== 'secret') return;
  const voters = await ballotElectorate(ctx.services, { committeeId: committee.id, ballotId: ballot.id, actorId: ballot.openedBy });
  for (const id of voters) {
    const openId = committee.roster.find((m) => m.id === id)?.openId;
    if (openId !== undefined) await ctx.outbox.enqueueSend({ to: { openId }, key: secretBallotKey(committee.id, ballot.id, id), card: secretBallotCard(b, false) });
  }
}

/** Opens the vote, starts the meeting if needed, and posts the vote's cards. */
async function openVote(ctx: Deps, committee: Committee, member: Member, meetingId: string, topicId: string, method: Ballot['method'] | undefined): Promise<string> {
  const ref = { committeeId: committee.id, meetingId };
  const before = await getMeeting(ctx.services, { ...ref, viewerId: member.id });
  const ballot = await openBallot(ctx.services, { ...ref, topicId, ...(method === undefined ? {} : { method }), actorId: member.id }).catch((error: unknown) => {
    throw error instanceof NotQuorateError ? new NotQuorateError(error.shortfall, notQuorateSentence(committee, error)) : error;
  });
  // The meeting opens with its first vote when the chair has not opened it yet.
  if (before.meeting.status !== 'inProgress') await startMeeting(ctx.services, { ...ref, actorId: member.id });
  await postBallotCards(ctx, committee, ballot);
  await postChairingCard(ctx, committee, meetingId, member.id);
  return ballot.method === 'secret' ? SECRET_VOTE_OPENED : VOTE_OPENED;
}

export const openVoteAction = onAction('chair.vote', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const form = ChairVoteFormSchema.safeParse(ctx.event.formValue ?? {});
  if (!form.success) throw new InputError('unknown_word', '表决方式无法识别，请在下拉框中选择。');
  return toast.success(await openVote(ctx, committee, member, value.m, value.t, form.data.method));
});

/** The meeting /表决 is about: the one whose sign-in opened last and that has not ended. */
export function meetingInProgress(meetings: readonly Meeting[]): Meeting | undefined {
  return meetings.filter((m) => m.status !== 'closed' && m.status !== 'cancelled' && m.signInOpenedAt !== undefined)
    .sort((a, b) => (b.signInOpenedAt ?? '').localeCompare(a.signInOpenedAt ?? '')).at(0);
}

export const openVoteCommand: CommandHandler = async (ctx) => {
  const args = parseVoteArgs(commandInput(ctx));
  const { committee, member } = await actorOfCommand(ctx);
  const current = meetingInProgress(await listMeetings(ctx.services, { committeeId: committee.id, viewerId: member.id }));
  if (current === undefined) throw new InputError('missing', NO_MEETING_IN_PROGRESS);
  const item = current.agenda[args.item - 1];
  if (item === undefined) throw new InputError('unreadable', noSuchItem(args.item, current.agenda.length));
  const answer = await openVote(ctx, committee, member, current.id, item.topicId, args.method ?? undefined);
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'vote'), text: answer });
};
