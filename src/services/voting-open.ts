/**
 * Opening a vote on one agenda item (表决). The electorate is frozen at opening: voting members
 * signed in for the meeting, minus members recused on the topic; observers and clerks never.
 *
 * Crash safety: the electorate is written first under the new ballot's own keys, and the ballot
 * document (with the meeting's agenda entry and the audit entry) is committed last in one script.
 * cast-vote.lua refuses any ballot whose document is missing, so a crash in between leaves only an
 * unused set that nobody can vote in; a refused opening deletes it.
 */
import { z } from 'zod';
import type { Ballot, Committee, Meeting, Topic } from '../domain/index.js';
import { BallotSchema, IdSchema, VoteMethodSchema, YES_NO_ABSTAIN } from '../domain/index.js';
import { NotQuorateError, RefusedError } from '../errors.js';
import { defaultVoteMethod, type Profile } from '../rules/index.js';
import { discardElectorate, writeElectorate } from '../store/ballots.js';
import { update, type Commit } from '../store/doc-store.js';
import { BALLOTS, docKey, getDoc, indexKey, MEETINGS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, newId, profileOf } from './context.js';
import { parseInput } from './input.js';
import { evaluateAgendaItem } from './attendance-quorum.js';
import { attendanceOf, loadMeeting, loadTopic } from './loaders.js';
import { meetingRoster } from './presence.js';
import { ballotKeys } from './voting-common.js';

const OpenBallotSchema = z.object({
  committeeId: IdSchema, meetingId: IdSchema, topicId: IdSchema, actorId: IdSchema,
  /** Left out, the item takes its kind's usual method (defaultVoteMethod). */
  method: VoteMethodSchema.optional(),
});
export type OpenBallotInput = z.input<typeof OpenBallotSchema>;

/** What a reconsideration (复议) adds to an opening: the ballot it reconsiders and its audit data. */
export interface Reconsideration {
  previousBallotId: string;
  data: Record<string, unknown>;
}

/** Opens a ballot on a topic of the meeting's agenda; by whoever chairs the meeting; one open ballot per item. */
export async function openBallot(deps: ServiceDeps, input: OpenBallotInput): Promise<Ballot> {
  return openBallotOn(deps, parseInput(OpenBallotSchema, input), null);
}

function chairLastApplies(profile: Profile, method: Ballot['method']): boolean {
  return profile.meeting.chairLast !== null && profile.options.chairLastMethods.includes(method);
}

async function refuseIfItemHasOpenBallot(deps: ServiceDeps, committeeId: string, ballotIds: readonly string[]): Promise<void> {
  const ballots = await Promise.all(ballotIds.map((id) => getDoc(deps.redis, committeeId, BALLOTS, id)));
  if (ballots.some((b) => b?.state === 'open')) throw new RefusedError('BALLOT_ALREADY_OPEN');
}

function checkTopic(topic: Topic, reconsidering: boolean): void {
  // A decided item is voted on again only through 复议 (NT-3.9): the decision stands until then.
  if (topic.status === 'decided' && !reconsidering) throw new RefusedError('INVALID_STATE', 'topic decided: reconsider');
  if (topic.status === 'submitted' || topic.status === 'returned') throw new RefusedError('INVALID_STATE', `topic ${topic.status}`);
}

interface Electorate { eligible: string[]; members: number; present: number; recused: number }

/**
 * The rules module's verdict before any vote: an ad-hoc item the profile forbids (NT) and an item
 * without its quorum are refused, the latter with the figures.
 */
function checkVotable(committee: Committee, meeting: Meeting, topic: Topic, attendance: Parameters<typeof meetingRoster>[1], method: Ballot['method']): void {
  const { decision, roster } = evaluateAgendaItem(committee, meeting, topic, attendance, method);
  if (decision.errors.includes('AD_HOC_MOTION_FORBIDDEN')) throw new RefusedError('AD_HOC_MOTION_FORBIDDEN');
  if (!decision.quorate) {
    throw new NotQuorateError({ kind: topic.kind, members: roster.members.length, required: decision.requiredPresent, present: decision.participants, basis: decision.basis });
  }
}

async function electorateOf(deps: ServiceDeps, committee: Committee, meeting: Meeting, topic: Topic, method: Ballot['method']): Promise<Electorate> {
  const attendance = await attendanceOf(deps, committee.id, meeting.id);
  checkVotable(committee, meeting, topic, attendance, method);
  const { members, present } = meetingRoster(committee, attendance);
  const recusedIds = new Set(topic.recusals.map((r) => r.memberId));
  const eligible = present.filter((id) => !recusedIds.has(id));
  return { eligible, members: members.length, present: present.length, recused: present.length - eligible.length };
}

/** The ballot, the meeting's agenda entry and the audit entry, written together. */
function openingCommit(ballot: Ballot, meeting: Meeting, electorate: Electorate, reconsideration: Reconsideration | null, now: Date): Commit {
  const committeeId = ballot.committeeId;
  const nextMeeting: Meeting = { ...meeting, agenda: meeting.agenda.map((i) => (i.topicId === ballot.topicId ? { ...i, ballotIds: [...i.ballotIds, ballot.id] } : i)) };
  return {
    committeeId, at: now,
    docs: [{ key: ballotKeys(committeeId, ballot.id).doc, value: ballot }, { key: docKey(committeeId, MEETINGS, meeting.id), value: nextMeeting }],
    indexes: [{ key: indexKey(committeeId, BALLOTS), member: ballot.id }, { key: indexKey(committeeId, BALLOTS, meeting.id), member: ballot.id }],
    audit: {
      actor: ballot.openedBy, action: reconsideration ? 'ballot.reconsider' : 'ballot.open', subject: ballot.id,
      data: { meetingId: meeting.id, topicId: ballot.topicId, method: ballot.method, eligible: electorate.eligible.length,
        members: electorate.members, present: electorate.present, recused: electorate.recused, ...reconsideration?.data },
    },
  };
}

/** Shared by openBallot and reconsider: the checks, the electorate, and one commit. */
export async function openBallotOn(deps: ServiceDeps, data: z.infer<typeof OpenBallotSchema>, reconsideration: Reconsideration | null): Promise<Ballot> {
  const committee = await loadCommittee(deps, data.committeeId);
  const profile = profileOf(committee);
  const ballotId = newId('b', deps.clock);
  const keys = ballotKeys(committee.id, ballotId);
  try {
    return await update(deps.redis, async () => {
      const meeting = await loadMeeting(deps, committee.id, data.meetingId);
      authorize(committee, data.actorId, reconsideration ? 'ballot.reconsider' : 'ballot.open', { meeting });
      if (meeting.status === 'closed') throw new RefusedError('INVALID_STATE', 'meeting closed');
      const item = meeting.agenda.find((i) => i.topicId === data.topicId);
      if (!item) throw new RefusedError('NOT_FOUND', 'topic not on agenda');
      const topic = await loadTopic(deps, committee.id, data.topicId);
      checkTopic(topic, reconsideration !== null);
      const method = data.method ?? defaultVoteMethod(topic.kind);
      await refuseIfItemHasOpenBallot(deps, committee.id, item.ballotIds);
      const electorate = await electorateOf(deps, committee, meeting, topic, method);
      if (electorate.eligible.length === 0) throw new RefusedError('NO_ELIGIBLE_VOTERS');
      if (await writeElectorate(deps.redis, keys, electorate.eligible, YES_NO_ABSTAIN) === 'EXISTS') throw new RefusedError('INVALID_STATE', 'ballot id taken');
      const now = deps.clock.now();
      const ballot: Ballot = BallotSchema.parse({
        version: 0, id: ballotId, committeeId: committee.id, meetingId: meeting.id, topicId: topic.id, method,
        state: 'open', openedAt: now.toISOString(), openedBy: data.actorId,
        chairId: meeting.chairId ?? data.actorId, chairLast: chairLastApplies(profile, method),
        snapshot: { members: electorate.members, present: electorate.present, recused: electorate.recused },
        ...(reconsideration ? { reconsiders: reconsideration.previousBallotId } : {}),
      });
      return { commit: openingCommit(ballot, meeting, electorate, reconsideration, now), result: { ...ballot, version: 1 } };
    });
  } catch (error) {
    // A refusal means no commit happened for this fresh id: drop the electorate written for it.
    if (error instanceof RefusedError) await discardElectorate(deps.redis, keys);
    throw error;
  }
}
