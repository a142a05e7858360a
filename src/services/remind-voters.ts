/**
 * 提醒未投票: whoever may close an open ballot or evaluation reminds those of its frozen electorate
 * who have not voted yet. The list is the electorate minus the voted bitmap: no choice, counter or
 * receipt is read, so it cannot depend on how anyone voted. For a secret ballot and an evaluation
 * each non-voter is told privately and the group learns only how many were reminded.
 *
 * One reminder per ballot per REMIND_INTERVAL_MINUTES: a reminder is a nudge, and one that comes
 * every few seconds is noise. Ten minutes leaves time to find the private card and vote, and is
 * short enough for a second nudge before the chair closes. The claim is keyed by the operation,
 * so a re-run of the same tap sends what the first run meant to send, and no more.
 */
import { z } from 'zod';
import type { Member } from '../domain/index.js';
import { IdSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { claimReminder, nonVotersOf, type LiveKeys } from '../store/ballots.js';
import type { ServiceDeps } from './context.js';
import { authorize, type Action, type AuthorityContext } from './authority.js';
import { loadCommittee } from './context.js';
import { evaluationKeys, loadEvaluation } from './evaluations.js';
import { parseInput } from './input.js';
import { loadBallot, loadMeeting } from './loaders.js';
import { ballotKeys } from './voting-common.js';

export const REMIND_INTERVAL_MINUTES = 10;
const INTERVAL_MS = REMIND_INTERVAL_MINUTES * 60_000;

export type NonVoterReminder =
  /** Remind these members now (sorted by id); `secret`: privately, and the group sees only the count. */
  | { status: 'remind'; secret: boolean; members: Member[] }
  /** Everyone has voted: nothing to send. */
  | { status: 'allVoted' }
  /** A reminder went out less than the interval ago: nothing to send for `waitMinutes` more. */
  | { status: 'recent'; waitMinutes: number };

interface Target {
  keys: LiveKeys; open: boolean; secret: boolean; action: Action; context: AuthorityContext;
  /** Who speaks last (末位表态): not reminded while others have still to vote, since his tap would be refused. */
  last?: string;
}

const RemindSchema = z.object({ committeeId: IdSchema, actorId: IdSchema, operationId: IdSchema });

async function remind(deps: ServiceDeps, input: z.infer<typeof RemindSchema>, target: (committeeId: string) => Promise<Target>): Promise<NonVoterReminder> {
  const committee = await loadCommittee(deps, input.committeeId);
  const { keys, open, secret, action, context, last } = await target(committee.id);
  authorize(committee, input.actorId, action, context);
  if (!open) throw new RefusedError('REMIND_NOT_OPEN');
  const all = await nonVotersOf(deps.redis, keys);
  const ids = all.some((id) => id !== last) ? all.filter((id) => id !== last) : all;
  // Someone who left the roster since the opening cannot be reached in its chat any more.
  const members = ids.map((id) => committee.roster.find((m) => m.id === id)).filter((m): m is Member => m !== undefined);
  if (members.length === 0) return { status: 'allVoted' };
  const claim = await claimReminder(deps.redis, keys, input.operationId, INTERVAL_MS);
  if (!claim.claimed) return { status: 'recent', waitMinutes: Math.max(1, Math.ceil(claim.remainingMs / 60_000)) };
  deps.log.info('non-voters reminded', { committeeId: committee.id, ballotId: keys.id, count: members.length });
  return { status: 'remind', secret, members };
}

const BallotRemindSchema = RemindSchema.extend({ ballotId: IdSchema });

/** 提醒未投票 on a ballot: by whoever chairs its meeting (as 结束表决). */
export async function remindBallotNonVoters(deps: ServiceDeps, input: z.input<typeof BallotRemindSchema>): Promise<NonVoterReminder> {
  const data = parseInput(BallotRemindSchema, input);
  return remind(deps, data, async (committeeId) => {
    const ballot = await loadBallot(deps, committeeId, data.ballotId);
    return {
      keys: ballotKeys(committeeId, ballot.id), open: ballot.state === 'open', secret: ballot.method === 'secret',
      action: 'ballot.remind', context: { meeting: await loadMeeting(deps, committeeId, ballot.meetingId) },
      ...(ballot.chairLast === true && ballot.chairId !== undefined ? { last: ballot.chairId } : {}),
    };
  });
}

const EvaluationRemindSchema = RemindSchema.extend({ evaluationId: IdSchema });

/** 提醒未投票 on an evaluation (always secret): by the office, as 结束测评. */
export async function remindEvaluationNonRaters(deps: ServiceDeps, input: z.input<typeof EvaluationRemindSchema>): Promise<NonVoterReminder> {
  const data = parseInput(EvaluationRemindSchema, input);
  return remind(deps, data, async (committeeId) => {
    const evaluation = await loadEvaluation(deps, committeeId, data.evaluationId);
    return { keys: evaluationKeys(committeeId, evaluation.id), open: evaluation.state === 'open', secret: true, action: 'evaluation.remind', context: {} };
  });
}
