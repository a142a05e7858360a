/**
 * Closing a vote. One script flips the ballot to closed and snapshots its counts in the same step
 * (no cast can land in between); the invariant sum(counts) = voters ⊆ electorate is asserted; the
 * rules module decides the result; one commit stores it with the topic's status and the audit
 * entry (counts only; for open methods also each member's 表态, which NT-5.2 needs as evidence).
 *
 * A close interrupted after the flip is finished by calling closeBallot again: the counts cannot
 * change any more, so the result is the same. A close of a finished ballot returns it unchanged.
 */
import { z } from 'zod';
import type { Ballot, BallotResult, Committee, Topic } from '../domain/index.js';
import { IdSchema, VoteChoiceSchema } from '../domain/index.js';
import { RefusedError, StoreCorruptError } from '../errors.js';
import { evaluateItem } from '../rules/index.js';
import { requestAofRewrite } from '../store/aof-compaction.js';
import { closeInStore, countsAreConsistent, tallySum, type ClosedCounts } from '../store/ballots.js';
import { update } from '../store/doc-store.js';
import { docKey, TOPICS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, profileOf } from './context.js';
import { parseInput } from './input.js';
import { attendanceOf, loadBallot, loadMeeting, loadTopic } from './loaders.js';
import { meetingRoster, writtenOpinionsOn } from './presence.js';
import { ballotKeys } from './voting-common.js';

const CloseBallotSchema = z.object({ committeeId: IdSchema, ballotId: IdSchema, actorId: IdSchema });
export type CloseBallotInput = z.input<typeof CloseBallotSchema>;

const MAX_FLIP_ATTEMPTS = 20;

/** Flips the ballot to closed (or finds it closed) and returns the counts at that instant. */
async function flip(deps: ServiceDeps, committeeId: string, ballotId: string): Promise<{ ballot: Ballot; counts: ClosedCounts }> {
  const keys = ballotKeys(committeeId, ballotId);
  for (let attempt = 0; attempt < MAX_FLIP_ATTEMPTS; attempt += 1) {
    const ballot = await loadBallot(deps, committeeId, ballotId);
    const closed: Ballot = { ...ballot, state: 'closed', closedAt: ballot.closedAt ?? deps.clock.now().toISOString(), version: ballot.version + 1 };
    const counts = await closeInStore(deps.redis, keys, deps.seenKey, ballot.version, JSON.stringify(closed));
    if (counts === 'NOT_FOUND') throw new RefusedError('NOT_FOUND', 'ballot');
    if (counts !== 'CONFLICT') return { ballot: counts.status === 'CLOSED' ? closed : ballot, counts };
  }
  throw new RefusedError('CONFLICT_RETRY', 'ballot close');
}

/** sum(counts) = SCARD(voted) and voted ⊆ electorate; a violation is a store fault, logged with ids only. */
function assertInvariant(deps: ServiceDeps, ballot: Ballot, counts: ClosedCounts): void {
  if (countsAreConsistent(counts)) return;
  deps.log.error('ballot invariant violated', { committeeId: ballot.committeeId, ballotId: ballot.id, sum: tallySum(counts), voted: counts.voted, eligible: counts.eligible, strangers: counts.strangers });
  throw new StoreCorruptError(ballotKeys(ballot.committeeId, ballot.id).tally);
}

async function decide(deps: ServiceDeps, ballot: Ballot, counts: ClosedCounts): Promise<BallotResult> {
  const committee = await loadCommittee(deps, ballot.committeeId);
  const [meeting, topic, attendance] = await Promise.all([
    loadMeeting(deps, ballot.committeeId, ballot.meetingId), loadTopic(deps, ballot.committeeId, ballot.topicId),
    attendanceOf(deps, ballot.committeeId, ballot.meetingId),
  ]);
  const snapshot = ballot.snapshot ?? { members: counts.eligible, present: counts.eligible, recused: 0 };
  const votes = { yes: counts.tally.yes ?? 0, no: counts.tally.no ?? 0, abstain: counts.tally.abstain ?? 0 };
  const open = ballot.method !== 'secret';
  const writtenOpinions = Math.min(writtenOpinionsOn(meetingRoster(committee, attendance), attendance, topic.id).length, snapshot.members - snapshot.present);
  const decision = evaluateItem(profileOf(committee), {
    members: snapshot.members, present: snapshot.present, recused: snapshot.recused, topicKind: topic.kind, method: ballot.method,
    emergency: meeting.kind === 'emergency', votes, writtenOpinions,
    addedAtMeeting: meeting.agenda.find((i) => i.topicId === topic.id)?.addedAtMeeting ?? false,
    ...(open && ballot.chairId !== undefined ? { order: counts.roll.map((r) => r.memberId), chairId: ballot.chairId } : {}),
  });
  return {
    counts: votes, voters: counts.voted, eligible: counts.eligible, passed: decision.passed, quorate: decision.quorate,
    flags: decision.flags, errors: decision.errors, basis: decision.basis, requiredYes: decision.requiredYes,
    writtenOpinions: decision.writtenOpinions,
    ...(open ? { roll: counts.roll.map((r) => ({ memberId: r.memberId, choice: VoteChoiceSchema.parse(r.choice) })) } : {}),
  };
}

/** A decision was taken (passed or not) when the rules give a result; else the topic stays as it was. */
function topicAfter(topic: Topic, result: BallotResult): Topic | null {
  return result.passed === null ? null : { ...topic, status: 'decided' };
}

/** Closes a ballot and stores its result; by whoever chairs the ballot's meeting. */
export async function closeBallot(deps: ServiceDeps, input: CloseBallotInput): Promise<Ballot> {
  const data = parseInput(CloseBallotSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  const existing = await loadBallot(deps, committee.id, data.ballotId);
  authorize(committee, data.actorId, 'ballot.close', { meeting: await loadMeeting(deps, committee.id, existing.meetingId) });
  if (existing.result) return existing;
  try {
    return await flipAndDecide(deps, committee, data);
  } finally {
    // Whatever happened after the flip, the AOF rewrite its close script marked must run.
    requestAofRewrite(deps.redis, deps.log, [ballotKeys(committee.id, data.ballotId).aofPending]);
  }
}

async function flipAndDecide(deps: ServiceDeps, committee: Committee, data: z.infer<typeof CloseBallotSchema>): Promise<Ballot> {
  const { ballot, counts } = await flip(deps, committee.id, data.ballotId);
  assertInvariant(deps, ballot, counts);
  const result = await decide(deps, ballot, counts);
  const stored = await update(deps.redis, async () => {
    const current = await loadBallot(deps, committee.id, data.ballotId);
    if (current.result) return { commit: { committeeId: committee.id, at: deps.clock.now(), docs: [], audit: null }, result: current };
    const topic = await loadTopic(deps, committee.id, current.topicId);
    const nextTopic = topicAfter(topic, result);
    const closed: Ballot = { ...current, result };
    return {
      commit: {
        committeeId: committee.id, at: deps.clock.now(),
        docs: [{ key: ballotKeys(committee.id, current.id).doc, value: closed },
          ...(nextTopic ? [{ key: docKey(committee.id, TOPICS, topic.id), value: nextTopic }] : [])],
        audit: {
          actor: data.actorId, action: 'ballot.close', subject: current.id,
          data: { topicId: current.topicId, method: current.method, counts: result.counts, voters: result.voters, eligible: result.eligible,
            passed: result.passed, quorate: result.quorate, flags: result.flags, ...(result.roll ? { roll: result.roll.map((r) => `${r.memberId}:${r.choice}`) } : {}) },
        },
      },
      result: { ...closed, version: closed.version + 1 },
    };
  });
  deps.log.info('ballot closed', { committeeId: committee.id, ballotId: stored.id, voters: result.voters, eligible: result.eligible });
  return stored;
}
