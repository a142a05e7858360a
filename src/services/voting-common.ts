/**
 * What the voting use cases share: where a ballot lives, reading it and its meeting and topic,
 * and who was present. Nothing here writes.
 */
import type { Attendance, Ballot, Committee, Meeting, Topic } from '../domain/index.js';
import { isVotingMember } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { liveKeys, type LiveKeys } from '../store/ballots.js';
import { ATTENDANCE, BALLOTS, docKey, getDoc, listDocs, MEETINGS, TOPICS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';

/**
 * Key names are pure functions of the ids; building them (with their safety checks) costs more
 * than the rest of a cast's work in this process, so the names of recent ballots are kept.
 */
const keyCache = new Map<string, LiveKeys>();
const KEY_CACHE_SIZE = 5000;

export function ballotKeys(committeeId: string, ballotId: string): LiveKeys {
  const id = `${committeeId}/${ballotId}`;
  let keys = keyCache.get(id);
  if (!keys) {
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.clear();
    keys = liveKeys(committeeId, ballotId, docKey(committeeId, BALLOTS, ballotId));
    keyCache.set(id, keys);
  }
  return keys;
}

export async function loadBallot(deps: ServiceDeps, committeeId: string, ballotId: string): Promise<Ballot> {
  const ballot = await getDoc(deps.redis, committeeId, BALLOTS, ballotId);
  if (!ballot) throw new RefusedError('NOT_FOUND', 'ballot');
  return ballot;
}

export async function loadMeeting(deps: ServiceDeps, committeeId: string, meetingId: string): Promise<Meeting> {
  const meeting = await getDoc(deps.redis, committeeId, MEETINGS, meetingId);
  if (!meeting) throw new RefusedError('NOT_FOUND', 'meeting');
  return meeting;
}

export async function loadTopic(deps: ServiceDeps, committeeId: string, topicId: string): Promise<Topic> {
  const topic = await getDoc(deps.redis, committeeId, TOPICS, topicId);
  if (!topic) throw new RefusedError('NOT_FOUND', 'topic');
  return topic;
}

export async function attendanceOf(deps: ServiceDeps, committeeId: string, meetingId: string): Promise<Attendance[]> {
  return listDocs(deps.redis, committeeId, ATTENDANCE, meetingId);
}

/** N (应到会): voting members in post, without members excluded by a recorded decision (A19). */
export function votingMembers(committee: Committee): string[] {
  return committee.roster.filter(isVotingMember).map((m) => m.id);
}

/** Voting members who have signed in for the meeting; observers and clerks never count. */
export function presentVoters(committee: Committee, attendance: readonly Attendance[]): string[] {
  const signedIn = new Set(attendance.filter((a) => a.signedInAt !== undefined && a.signedInAs !== 'observer' && a.signedInAs !== 'clerk').map((a) => a.memberId));
  return votingMembers(committee).filter((id) => signedIn.has(id));
}

/**
 * Absent voting members who sent a written opinion on `topicId` with a meeting absence that stands
 * (approved, or recorded where no approver is named): recorded and shown, never counted (A7).
 */
export function writtenOpinionsOn(committee: Committee, attendance: readonly Attendance[], topicId: string): number {
  const voters = new Set(votingMembers(committee));
  return attendance.filter((a) => voters.has(a.memberId) && a.signedInAt === undefined
    && (a.leave?.status === 'approved' || a.leave?.status === 'recorded')
    && a.leave.writtenOpinions.some((o) => o.topicId === topicId)).length;
}
