/**
 * What every use case needs: the store, a clock, a logger and the holiday calendar; and the
 * checks they share (load the committee, find a member). Who may do what is in authority.ts.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../clock.js';
import type { Committee, Member } from '../domain/index.js';
import { CommitteeSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import type { ChatMember } from '../lark/api.js';
import type { Logger } from '../log.js';
import { getProfile, weekendsOnly, type HolidayCalendar, type Profile } from '../rules/index.js';
import { readDoc } from '../store/doc-store.js';
import { committeeKeys } from '../store/keys.js';
import type { Reminders } from './reminders.js';

export interface ServiceDeps {
  readonly redis: Redis;
  readonly clock: Clock;
  readonly log: Logger;
  readonly calendar?: HolidayCalendar;
  /**
   * Keys the names and values of secret-ballot cast receipts (store/ballots.ts), so that a copy of
   * Redis cannot tell whose receipt is whose. Never stored in Redis; derive it from an app secret.
   */
  readonly seenKey: Buffer;
  /** The zone of a new committee (TZ_DEFAULT); DEFAULT_TIME_ZONE when unset. */
  readonly defaultTimeZone?: string;
  /** Who is in a chat, read when the bot joins it (never inside a card callback). */
  readonly chats?: ChatDirectory;
  /** Delayed reminders (the queue); absent where nothing is reminded (unit tests of other services). */
  readonly reminders?: Reminders;
}

export interface ChatDirectory {
  members(chatId: string): Promise<readonly ChatMember[]>;
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

/** A new id: time-ordered and unique enough for one committee (ids become keys, so no ':'). */
export function newId(prefix: string, clock: Clock): string {
  return `${prefix}-${clock.now().getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
