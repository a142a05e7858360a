/**
 * `赞成` / `反对` / `弃权`: on the group's `表决` card (open methods) or on the member's private
 * `无记名投票` (secret). The cast service's script decides everything, 末位表态 included; the
 * answer to a secret cast is `已投票` and its card says only that, never the choice. The group's
 * card is then patched with the turnout.
 */
import { RefusedError } from '../src/errors.js';
import { castVote } from '../src/services/voting.js';
import { actorOfAction, onAction, toast } from './support.js';
import { ballotContext, refreshGroupVoteCard, secretBallotCard } from './vote-sheet.js';

export const VOTE_RECORDED = '已记录您的表态。';
export const SECRET_VOTE_RECORDED = '已投票。';
export const ALREADY_RECORDED = '已记录，您已表决。';

export const castVoteAction = onAction('ballot.cast', async (ctx, value) => {
  const { committee, member } = await actorOfAction(ctx);
  const cast = { committeeId: committee.id, ballotId: value.b, voterId: member.id, choice: value.v, operationId: ctx.event.eventId };
  const repeated = await castVote(ctx.services, cast).then(() => false, (error: unknown) => {
    if (error instanceof RefusedError && error.refusal === 'ALREADY_VOTED') return true;
    throw error;
  });
  const b = await ballotContext(ctx, committee.id, value.b, member.id);
  if (!repeated) await refreshGroupVoteCard(ctx, committee.id, value.b, member.id);
  if (b.view.method !== 'secret') return toast.success(repeated ? ALREADY_RECORDED : VOTE_RECORDED);
  return { toast: { type: 'success', content: repeated ? ALREADY_RECORDED : SECRET_VOTE_RECORDED }, card: { type: 'raw', data: secretBallotCard(b, true) } };
});
