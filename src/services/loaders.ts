/**
 * Reading one stored document a use case needs, or refusing with NOT_FOUND: the one loader of
 * each kind, shared by every service.
 */
import type { Attendance, Ballot, Meeting, Topic } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { ATTENDANCE, BALLOTS, getDoc, listDocs, MEETINGS, TOPICS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';

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

export async function loadBallot(deps: ServiceDeps, committeeId: string, ballotId: string): Promise<Ballot> {
  const ballot = await getDoc(deps.redis, committeeId, BALLOTS, ballotId);
  if (!ballot) throw new RefusedError('NOT_FOUND', 'ballot');
  return ballot;
}

/** Every attendance document of one meeting. */
export async function attendanceOf(deps: ServiceDeps, committeeId: string, meetingId: string): Promise<Attendance[]> {
  return listDocs(deps.redis, committeeId, ATTENDANCE, meetingId);
}
