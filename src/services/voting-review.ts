/**
 * After a vote: 暂缓 (defer) on close-vote advice, 复议 (reconsider) a decided item, and 保留意见
 * (reserved opinions) of members who voted openly.
 *
 * Reconsideration asks the profile (`profile.meeting.reconsider`): whether the 书记 must consent
 * (NT-3.9; in other party bodies the 书记 sets the agenda, A21) and whether a personnel item needs
 * more than half of the members to support reopening it (NAT-SEL), counted with `moreThan`. Until a
 * new vote decides, the original decision stays in force: nothing about it changes.
 */
import { z } from 'zod';
import type { Ballot, Committee, ReservedOpinions } from '../domain/index.js';
import { IdSchema, ReservedOpinionsSchema, TextSchema, VoteMethodSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { moreThan, type Profile } from '../rules/index.js';
import { isInElectorate } from '../store/ballots.js';
import { update } from '../store/doc-store.js';
import { BALLOTS, docKey, getDoc, indexKey, listDocs, RESERVED_OPINIONS, TOPICS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, profileOf } from './context.js';
import { parseInput } from './input.js';
import { loadBallot, loadMeeting, loadTopic } from './loaders.js';
import { votingMembers } from './presence.js';
import { ballotKeys } from './voting-common.js';
import { openBallotOn } from './voting-open.js';

const DeferSchema = z.object({ committeeId: IdSchema, ballotId: IdSchema, actorId: IdSchema });
export type DeferItemInput = z.input<typeof DeferSchema>;

/** Defers the item after a close vote the rules advised deferring (CLOSE_VOTE_DEFER); by whoever chairs its meeting. */
export async function deferItem(deps: ServiceDeps, input: DeferItemInput): Promise<Ballot> {
  const data = parseInput(DeferSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  return update(deps.redis, async () => {
    const ballot = await loadBallot(deps, committee.id, data.ballotId);
    authorize(committee, data.actorId, 'ballot.defer', { meeting: await loadMeeting(deps, committee.id, ballot.meetingId) });
    if (!ballot.result) throw new RefusedError('INVALID_STATE', 'ballot not closed');
    if (!ballot.result.flags.includes('CLOSE_VOTE_DEFER')) throw new RefusedError('NOT_DEFERRABLE');
    const now = deps.clock.now();
    if (ballot.deferredAt) return { commit: { committeeId: committee.id, at: now, docs: [], audit: null }, result: ballot };
    const topic = await loadTopic(deps, committee.id, ballot.topicId);
    const deferred: Ballot = { ...ballot, deferredAt: now.toISOString() };
    return {
      commit: {
        committeeId: committee.id, at: now,
        docs: [{ key: ballotKeys(committee.id, ballot.id).doc, value: deferred }, { key: docKey(committee.id, TOPICS, topic.id), value: { ...topic, status: 'deferred' } }],
        audit: { actor: data.actorId, action: 'ballot.defer', subject: ballot.id, data: { topicId: topic.id, flags: ballot.result.flags } },
      },
      result: { ...deferred, version: deferred.version + 1 },
    };
  });
}

const ReconsiderSchema = z.object({
  committeeId: IdSchema, topicId: IdSchema, actorId: IdSchema,
  /** The 书记 agreed to the 复议 (NT-3.9); the handler sets it only on the 书记's own confirmation. */
  chairConsent: z.boolean(),
  /** Where the new vote is held; the topic's meeting by default. The topic must be on its agenda. */
  meetingId: IdSchema.optional(),
  /** The new vote's method; the original ballot's by default. */
  method: VoteMethodSchema.optional(),
  /** Voting members supporting the 复议 of a personnel item (more than half of N needed). */
  supporterIds: z.array(IdSchema).max(500).optional(),
});
export type ReconsiderInput = z.input<typeof ReconsiderSchema>;

/** See the file comment: which bodies need the 书记's consent to reconsider, and on what basis. */
export function reconsiderationRule(profile: Profile): { consentRequired: boolean; personnelMajority: boolean; basis: string[] } {
  const rule = profile.meeting.reconsider;
  return { consentRequired: rule.chairConsent, personnelMajority: rule.personnelMajority, basis: [...rule.basis] };
}

async function decisiveBallot(deps: ServiceDeps, committeeId: string, topicId: string): Promise<Ballot> {
  const decided = (await listDocs(deps.redis, committeeId, BALLOTS))
    .filter((b) => b.topicId === topicId && b.result !== undefined && b.result.passed !== null)
    .sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? ''));
  const last = decided.at(-1);
  if (!last) throw new RefusedError('INVALID_STATE', 'no decision to reconsider');
  return last;
}

function checkSupport(committee: Committee, supporterIds: readonly string[]): number {
  const voters = new Set(votingMembers(committee));
  const supporters = new Set(supporterIds.filter((id) => voters.has(id))).size;
  if (!moreThan(supporters, voters.size, 1, 2)) throw new RefusedError('REVIEW_NEEDS_MAJORITY');
  return supporters;
}

/** Opens a new vote on a decided (or deferred) item, when the rule's consent (and support) is there. */
export async function reconsider(deps: ServiceDeps, input: ReconsiderInput): Promise<Ballot> {
  const data = parseInput(ReconsiderSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  const topic = await loadTopic(deps, committee.id, data.topicId);
  const previous = await decisiveBallot(deps, committee.id, topic.id);
  const meetingId = data.meetingId ?? topic.meetingId ?? previous.meetingId;
  authorize(committee, data.actorId, 'ballot.reconsider', { meeting: await loadMeeting(deps, committee.id, meetingId) });
  if (topic.status !== 'decided' && topic.status !== 'deferred') throw new RefusedError('INVALID_STATE', `topic ${topic.status}`);
  const rule = reconsiderationRule(profileOf(committee));
  if (rule.consentRequired && !data.chairConsent) throw new RefusedError('REVIEW_NEEDS_SECRETARY_CONSENT');
  const supporters = topic.kind === 'personnel' && rule.personnelMajority ? checkSupport(committee, data.supporterIds ?? []) : undefined;
  return openBallotOn(deps, { committeeId: committee.id, meetingId, topicId: topic.id, method: data.method ?? previous.method, actorId: data.actorId }, {
    previousBallotId: previous.id,
    data: { reconsiders: previous.id, chairConsent: data.chairConsent, basis: rule.basis, ...(supporters === undefined ? {} : { supporters }) },
  });
}

const ReservedSchema = z.object({ committeeId: IdSchema, ballotId: IdSchema, memberId: IdSchema, text: TextSchema });
export type ReservedOpinionInput = z.input<typeof ReservedSchema>;

/**
 * Records a member's 保留意见 on an item voted openly (NT-5.2, JY-28: evidence that exempts a
 * dissenter). Refused for a secret ballot: attaching a position to a name would reveal a choice.
 */
export async function recordReservedOpinion(deps: ServiceDeps, input: ReservedOpinionInput): Promise<ReservedOpinions> {
  const data = parseInput(ReservedSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  authorize(committee, data.memberId, 'ballot.reserveOpinion');
  const ballot = await loadBallot(deps, committee.id, data.ballotId);
  if (ballot.method === 'secret') throw new RefusedError('SECRET_BALLOT_NO_RESERVATION');
  if (!(await isInElectorate(deps.redis, ballotKeys(committee.id, ballot.id), data.memberId))) throw new RefusedError('NOT_ELIGIBLE');
  const key = docKey(committee.id, RESERVED_OPINIONS, ballot.id);
  return update(deps.redis, async () => {
    const current = (await getDoc(deps.redis, committee.id, RESERVED_OPINIONS, ballot.id)) ?? { version: 0, ballotId: ballot.id, entries: [] };
    const now = deps.clock.now();
    const next = ReservedOpinionsSchema.parse({ ...current, entries: [...current.entries, { memberId: data.memberId, text: data.text, at: now.toISOString() }] });
    return {
      commit: {
        committeeId: committee.id, at: now, docs: [{ key, value: next }],
        indexes: [{ key: indexKey(committee.id, RESERVED_OPINIONS), member: ballot.id }],
        audit: { actor: data.memberId, action: 'ballot.reserveOpinion', subject: ballot.id, data: { topicId: ballot.topicId, chars: data.text.length } },
      },
      result: { ...next, version: next.version + 1 },
    };
  });
}
