/**
 * Where each kind of document lives and how it is read back. Services write through
 * `doc-store.update`/`commit` with these keys; a collection's index set lists its ids.
 */
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import {
  AttendanceSchema, BallotSchema, DutyRecordSchema, EvaluationSchema, GeneralLeaveSchema, LeaveApproversSchema, MeetingSchema,
  MinutesSchema, ReservedOpinionsSchema, TaskSchema, TopicSchema,
} from '../domain/index.js';
import { readDoc, type Versioned } from './doc-store.js';
import { committeeKeys } from './keys.js';
import { guarded } from './unavailable.js';

/** One collection of documents inside a committee. */
export interface Collection<S extends z.ZodType<Versioned>> {
  readonly name: string;
  readonly schema: S;
}

const collection = <S extends z.ZodType<Versioned>>(name: string, schema: S): Collection<S> => ({ name, schema });

export const TOPICS = collection('topic', TopicSchema);
export const MEETINGS = collection('meeting', MeetingSchema);
export const BALLOTS = collection('ballot', BallotSchema);
export const RESERVED_OPINIONS = collection('reserved', ReservedOpinionsSchema);
export const EVALUATIONS = collection('evaluation', EvaluationSchema);
export const MINUTES = collection('minutes', MinutesSchema);
export const TASKS = collection('task', TaskSchema);
export const LEAVES = collection('leave', GeneralLeaveSchema);
export const DUTY_RECORDS = collection('duty', DutyRecordSchema);
/** Attendance of one member at one meeting: id `<meetingId>.<memberId>`, indexed per meeting. */
export const ATTENDANCE = collection('attendance', AttendanceSchema);
/** Who holds each leave approver role (decideLeave's ApproverRole): one document per committee, id = committeeId. */
export const LEAVE_APPROVERS = collection('leaveApprovers', LeaveApproversSchema);

export function docKey(committeeId: string, of: Collection<z.ZodType<Versioned>>, id: string): string {
  return committeeKeys(committeeId).doc(of.name, id);
}

export function indexKey(committeeId: string, of: Collection<z.ZodType<Versioned>>, scope = ''): string {
  return committeeKeys(committeeId).index(scope === '' ? of.name : `${of.name}.${scope}`);
}

export function attendanceId(meetingId: string, memberId: string): string {
  return `${meetingId}.${memberId}`;
}

export async function getDoc<S extends z.ZodType<Versioned>>(redis: Redis, committeeId: string, of: Collection<S>, id: string): Promise<z.infer<S> | null> {
  return readDoc(redis, docKey(committeeId, of, id), of.schema);
}

/** Every document of a collection (or of one scope of it, e.g. the attendance of one meeting). */
export async function listDocs<S extends z.ZodType<Versioned>>(redis: Redis, committeeId: string, of: Collection<S>, scope = ''): Promise<z.infer<S>[]> {
  const ids = (await guarded(() => redis.smembers(indexKey(committeeId, of, scope)))).sort();
  const docs: (z.infer<S> | null)[] = await Promise.all(ids.map((id) => getDoc(redis, committeeId, of, id)));
  return docs.filter((d) => d !== null);
}
