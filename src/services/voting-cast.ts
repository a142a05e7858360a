/**
 * Casting a vote: one member, one item, one choice, in one Lua script (cast-vote.lua) that checks
 * the dedup record, the ballot's state, the choice, the frozen electorate and chair-last, then
 * records. Nothing is read before the script on the happy path. When the script says "not
 * eligible", the reason is worked out afterwards from the record so the member reads a precise
 * sentence; the script's check itself is never weakened.
 */
import { z } from 'zod';
import { IdSchema, isVotingMember, YES_NO_ABSTAIN } from '../domain/index.js';
import { RefusedError, type RefusalCode } from '../errors.js';
import { castInStore, type CastCode } from '../store/ballots.js';
import { ATTENDANCE, attendanceId, getDoc } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { loadCommittee } from './context.js';
import { parseInput } from './input.js';
import { loadBallot, loadMeeting, loadTopic } from './loaders.js';
import { ballotKeys } from './voting-common.js';

const CastVoteSchema = z.object({
  committeeId: IdSchema,
  /** The one item voted on. */
  ballotId: IdSchema.optional(),
  /** Accepted only to refuse a cast that names several items at once (JY-24e, NT-3.6c). */
  ballotIds: z.array(IdSchema).max(100).optional(),
  voterId: IdSchema,
  choice: z.string().max(50),
  /** The platform's event id (or another stable id of this request): a retry gets the same answer. */
  operationId: IdSchema,
  /** Set when someone claims to vote for another member: refused (NT-3.6a 一人一票). */
  onBehalfOf: IdSchema.optional(),
});
export type CastVoteInput = z.input<typeof CastVoteSchema>;

/** The only successful answer; a retried operation id gets it again. */
export type CastOutcome = 'recorded';

/** The one ballot a cast names, or a refusal when it names none or several. */
function singleBallot(data: z.infer<typeof CastVoteSchema>): string {
  const named = new Set([...(data.ballotIds ?? []), ...(data.ballotId === undefined ? [] : [data.ballotId])]);
  if (named.size > 1) throw new RefusedError('ITEMS_MUST_BE_VOTED_SEPARATELY');
  const [only] = [...named];
  if (only === undefined) throw new RefusedError('INVALID_INPUT', 'ballotId');
  return only;
}

/** Records one member's vote on one ballot; refusals are RefusedErrors and change nothing. */
export async function castVote(deps: ServiceDeps, input: CastVoteInput): Promise<CastOutcome> {
  const data = parseInput(CastVoteSchema, input);
  const ballotId = singleBallot(data);
  if (data.onBehalfOf !== undefined && data.onBehalfOf !== data.voterId) throw refuse(deps, 'PROXY_NOT_ALLOWED', ballotId);
  if (!(YES_NO_ABSTAIN as readonly string[]).includes(data.choice)) throw refuse(deps, 'CHOICE_UNKNOWN', ballotId);
  const code = await castInStore(deps.redis, ballotKeys(data.committeeId, ballotId), deps.seenKey, data.voterId, data.choice, data.operationId);
  if (code === 'recorded') return code;
  const reason = code === 'NOT_ELIGIBLE' ? await whyNotEligible(deps, data.committeeId, ballotId, data.voterId) : refusalOf(code);
  throw refuse(deps, reason, ballotId);
}

function refusalOf(code: Exclude<CastCode, 'recorded'>): RefusalCode {
  return code === 'NOT_FOUND' ? 'NOT_FOUND' : code;
}

/** Logs the refusal with ids and the code only: never the choice. */
function refuse(deps: ServiceDeps, code: RefusalCode, ballotId: string): RefusedError {
  deps.log.info('vote refused', { ballotId, code });
  return new RefusedError(code);
}

/**
 * Why a member is outside a ballot's electorate, most specific first: an invited observer, not on
 * the roster, a role without a vote, recused on the topic, not signed in; else they signed in
 * after the vote opened (the electorate is frozen at opening).
 */
export async function whyNotEligible(deps: ServiceDeps, committeeId: string, ballotId: string, voterId: string): Promise<RefusalCode> {
  const ballot = await loadBallot(deps, committeeId, ballotId);
  const [committee, meeting, topic, attendance] = await Promise.all([
    loadCommittee(deps, committeeId), loadMeeting(deps, committeeId, ballot.meetingId), loadTopic(deps, committeeId, ballot.topicId),
    getDoc(deps.redis, committeeId, ATTENDANCE, attendanceId(ballot.meetingId, voterId)),
  ]);
  const member = committee.roster.find((m) => m.id === voterId);
  if (member?.role === 'observer' || (!member && meeting.observers.includes(voterId))) return 'OBSERVER_CANNOT_VOTE';
  if (!member) return 'NOT_A_MEMBER';
  if (!isVotingMember(member)) return 'NOT_ELIGIBLE';
  if (topic.recusals.some((r) => r.memberId === voterId)) return 'RECUSED';
  if (attendance?.signedInAt === undefined) return 'NOT_PRESENT';
  return 'NOT_ELIGIBLE';
}
