/**
 * `结束表决` (the ballot's chair): closes the vote, posts `表决结果` in the group and patches the
 * vote card, every private `无记名投票` and 会议主持. `暂缓` on 会议主持 or 表决结果 defers an item
 * the rules advised deferring; `复议` reopens a decided item; `结束会议` closes the meeting. The
 * services decide who may.
 */
import { RefusedError } from '../src/errors.js';
import { getMeeting } from '../src/services/meeting-view.js';
import { closeMeeting } from '../src/services/meetings.js';
import { closeBallot, deferItem, getBallotView, reconsider } from '../src/services/voting.js';
import { actorOfAction, onAction, toast } from './support.js';
import type { ActionCtx } from './support.js';
import type { Committee } from '../src/domain/index.js';
import { postBallotCards } from './open-vote.js';
import { ballotContext, closeSecretBallots, postChairingCard, postOrUpdate, refreshGroupVoteCard, resultCard, resultCardKey } from './vote-sheet.js';

export const VOTE_CLOSED = '表决已结束，结果已发到群里。';
export const ITEM_DEFERRED = '本项已暂缓决定。';
export const RECONSIDER_OPENED = '复议表决已开始。';
export const MEETING_CLOSED = '会议已结束。秘书可发送 /纪要 起草会议纪要。';

/** Posts (or updates) 表决结果 of a closed ballot. */
async function postResult(ctx: ActionCtx, committee: Committee, ballotId: string, viewerId: string): Promise<void> {
  const b = await ballotContext(ctx, committee.id, ballotId, viewerId);
  const { meeting } = await getMeeting(ctx.services, { committeeId: committee.id, meetingId: b.view.meetingId, viewerId });
  const card = resultCard(b, meeting.status === 'inProgress');
  if (card === null) return;
  await postOrUpdate(ctx, committee.chatId, resultCardKey(committee.id, ballotId), card);
}

export const closeVoteAction = onAction('ballot.close', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const ballot = await closeBallot(ctx.services, { committeeId: committee.id, ballotId: value.b, actorId: member.id });
  await postResult(ctx, committee, ballot.id, member.id);
  await refreshGroupVoteCard(ctx, committee.id, ballot.id, member.id);
  await closeSecretBallots(ctx, committee.id, ballot.id, member.id);
  await postChairingCard(ctx, committee, ballot.meetingId, member.id);
  return toast.success(VOTE_CLOSED);
});

export const deferAction = onAction('chair.defer', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const { meeting } = await getMeeting(ctx.services, { committeeId: committee.id, meetingId: value.m, viewerId: member.id });
  const lastId = meeting.agenda.find((i) => i.topicId === value.t)?.ballotIds.at(-1);
  const last = lastId === undefined ? undefined : await getBallotView(ctx.services, { committeeId: committee.id, ballotId: lastId, viewerId: member.id });
  // With no vote yet there is no advice to defer; deferItem refuses the rest.
  if (last === undefined) throw new RefusedError('NOT_DEFERRABLE');
  const ballot = await deferItem(ctx.services, { committeeId: committee.id, ballotId: last.ballotId, actorId: member.id });
  await postResult(ctx, committee, ballot.id, member.id);
  await postChairingCard(ctx, committee, value.m, member.id);
  return toast.success(ITEM_DEFERRED);
});

export const reconsiderAction = onAction('chair.reconsider', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  // The 书记 tapping 复议 is the 书记's consent (NT-3.9); anyone else's tap carries none.
  const ballot = await reconsider(ctx.services, { committeeId: committee.id, topicId: value.t, meetingId: value.m, actorId: member.id, chairConsent: member.role === 'chair' });
  await postBallotCards(ctx, committee, ballot);
  await postChairingCard(ctx, committee, value.m, member.id);
  return toast.success(RECONSIDER_OPENED);
});

export const endMeetingAction = onAction('chair.endMeeting', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  await closeMeeting(ctx.services, { committeeId: committee.id, meetingId: value.m, actorId: member.id });
  await postChairingCard(ctx, committee, value.m, member.id);
  return toast.success(MEETING_CLOSED);
});
