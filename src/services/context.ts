/**
 * What every use case needs: the store, a clock, a logger and the holiday calendar; and the
 * checks they share (load the committee, find the actor, require a role).
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { Committee, Member, Role } from '../domain/index.js';
import { CommitteeSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import type { Logger } from '../log.js';
import { getProfile, weekendsOnly, type HolidayCalendar, type Profile } from '../rules/index.js';
import { readDoc } from '../store/doc-store.js';
import { committeeKeys } from '../store/keys.js';

export interface ServiceDeps {
  readonly redis: Redis;
  readonly clock: Clock;
  readonly log: Logger;
  readonly calendar?: HolidayCalendar;
  /** The zone of a new committee (TZ_DEFAULT); DEFAULT_TIME_ZONE when unset. */
  readonly defaultTimeZone?: string;
}

export function calendarOf(deps: ServiceDeps): HolidayCalendar {
  return deps.calendar ?? weekendsOnly;
}

export async function loadCommittee(deps: ServiceDeps, committeeId: string): Promise<Committee> {
  const committee = await readDoc(deps.redis, committeeKeys(committeeId).committee, CommitteeSchema);
  if (!committee) throw new RefusedError('NOT_FOUND', 'committee');
  return committee;
}

export function profileOf(committee: Committee): Profile {
  return getProfile(committee.profileId, committee.overrides);
}

export function memberOf(committee: Committee, memberId: string): Member {
  const member = committee.roster.find((m) => m.id === memberId);
  if (!member) throw new RefusedError('NOT_A_MEMBER');
  return member;
}

/** The actor must hold one of `roles`; `refusal` says which kind of person may act instead. */
export function requireRole(committee: Committee, actorId: string, roles: readonly Role[], refusal: 'NOT_CHAIR' | 'NOT_CLERK' | 'NOT_ALLOWED' = 'NOT_ALLOWED'): Member {
  const member = memberOf(committee, actorId);
  if (!roles.includes(member.role)) throw new RefusedError(refusal);
  return member;
}

/** Who chairs: the chair, or a vice chair (delegation is recorded on the meeting by the service). */
export const CHAIR_ROLES: readonly Role[] = ['chair', 'viceChair'];
/** Who keeps the record: clerks, and the chair who may always act for the office. */
export const CLERK_ROLES: readonly Role[] = ['clerk', 'chair', 'viceChair'];

/** A new id: time-ordered and unique enough for one committee (ids become keys, so no ':'). */
export function newId(prefix: string, clock: Clock): string {
  return `${prefix}-${clock.now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
