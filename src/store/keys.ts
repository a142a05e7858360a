/**
 * Every Redis key the bot uses, built in one place, and the ids BullMQ and Feishu derive from
 * them. Each key of a committee carries the committee's hash tag `{c:<id>}`, so every script
 * touches one Redis Cluster slot. An id enters a key in one of two ways: `safeId` for our own ids,
 * which must already be plain, and `hashedId` for foreign ones (Feishu's ids, callers' logical keys).
 */
import { createHash } from 'node:crypto';
import { ID_PATTERN } from '../domain/common.js';

const PREFIX = 'yishi';

/** Ids become part of keys: keep them to a safe alphabet so no id can forge another key. */
export function safeId(id: string): string {
  if (!ID_PATTERN.test(id)) throw new RangeError(`id ${JSON.stringify(id)} has characters not allowed in a key`);
  return id;
}

/**
 * A foreign id as a key part: always hashed, so no id can shape another key. 41 characters, no
 * ':' and never all digits, so the same form serves as a BullMQ job id and as Feishu's `uuid` (≤ 50).
 */
export function hashedId(id: string): string {
  if (id.length === 0) throw new RangeError('an id must not be empty');
  return `h${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 40)}`;
}

/** BullMQ's key prefix for every queue, unless a test gives its own so that runs never meet. */
export const QUEUE_PREFIX = `${PREFIX}:q`;

/** Sandbox mode's queues: apart from a real bot's, should the two ever share a Redis. */
export const SANDBOX_QUEUE_PREFIX = `${PREFIX}:sandbox:q`;

/** A queued event's job id: the same event queued twice is one job. */
export const inboundJobId = (eventId: string): string => `evt-${hashedId(eventId)}`;

/** An outbox job's id: the same logical send added twice is one job. */
export const outboxJobId = (kind: 'send' | 'reply' | 'update' | 'urgent', key: string): string => `${kind}-${hashedId(key)}`;

/**
 * A reminder's job id: the same reminder (committee, kind, subject, version, occurrence) added
 * twice is one job; a new version (a rescheduled meeting) is another.
 */
export const reminderJobId = (job: { committeeId: string; kind: string; subject: string; version: string; occurrence: string }): string =>
  `rem-${hashedId([job.committeeId, job.kind, job.subject, job.version, job.occurrence].join('|'))}`;

/** One generation of a card's patch job: at most one is pending per card and content version. */
export const patchJobId = (messageId: string, generation: number): string => `patch-${hashedId(messageId)}-${generation}`;

export function committeeKeys(committeeId: string) {
  const tag = `${PREFIX}:{c:${safeId(committeeId)}}`;
  return {
    tag,
    committee: `${tag}:committee`,
    auditLog: `${tag}:audit`,
    auditHead: `${tag}:audit:head`,
    /** What the bot learnt of its chat before the first setup: who added it, who is in it. */
    pendingSetup: `${tag}:setup-pending`,
    /** Ids of closed secret ballots and evaluations whose AOF rewrite is not yet confirmed. */
    aofPending: `${tag}:aof-pending`,
    /** The ids of the reminder jobs scheduled for one subject (a meeting, a leave …), for voiding them. */
    reminders: (subject: string) => `${tag}:reminders:${hashedId(subject)}`,
    index: (collection: string) => `${tag}:idx:${safeId(collection)}`,
    doc: (collection: string, id: string) => `${tag}:${safeId(collection)}:${safeId(id)}`,
    ballot: (ballotId: string) => {
      const base = `${tag}:ballot:${safeId(ballotId)}`;
      return {
        meta: `${base}:meta`,
        /** The electorate frozen at opening: member id -> seat, written once in sorted order. */
        eligible: `${base}:eligible`,
        /** A bitmap by seat: who has voted, with no order of casting. */
        voted: `${base}:voted`,
        tally: `${base}:tally`,
        choices: `${base}:choices`,
        /** Who voted, in order, for open methods (chair-last evidence); never for secret ballots. */
        order: `${base}:order`,
        /** The last 提醒未投票: the operation that sent it, until the next one is allowed (names no voter). */
        remind: `${base}:remind`,
        /** A voter's cast receipt, named by a keyed digest (see ballots.ts). */
        seen: (digest: string) => `${base}:seen:${safeId(digest)}`,
      };
    },
  };
}

/** Matches every committee's document key, for the work done for each committee at start. */
export const COMMITTEE_PATTERN = `${PREFIX}:{c:*}:committee`;

/** The committee id of a key {@link COMMITTEE_PATTERN} matched. */
const COMMITTEE_KEY = new RegExp(`^${PREFIX}:\\{c:([^}]+)\\}:committee$`);
export const committeeIdOfKey = (key: string): string | null => COMMITTEE_KEY.exec(key)?.[1] ?? null;

/** Matches every committee's {@link committeeKeys}.aofPending, for the catch-up at start. */
export const AOF_PENDING_PATTERN = `${PREFIX}:{c:*}:aof-pending`;

export type CommitteeKeys = ReturnType<typeof committeeKeys>;

/**
 * The committees a Feishu user (open_id) may belong to: a superset, checked against each roster
 * when read. Its own hash tag per user, since one user spans committees.
 */
export function membershipKey(openId: string): string {
  return `${PREFIX}:{u:${hashedId(openId)}}:committees`;
}

/**
 * Inbound de-duplication of a Feishu event or message id, or a card callback's stored answer
 * (hashed, so no id can shape another key).
 */
export function inboundDedupKey(kind: 'evt' | 'msg' | 'card', id: string): string {
  return `${PREFIX}:dedup:${kind}:${hashedId(id)}`;
}

/** The outbox's own records (sent message ids, latest card contents), one hash tag per namespace. */
export function outboxKeys(namespace: string) {
  const tag = `${PREFIX}:{ob:${safeId(namespace)}}`;
  return {
    card: (messageId: string) => `${tag}:card:${hashedId(messageId)}`,
    sent: (key: string) => `${tag}:sent:${hashedId(key)}`,
    /** A patch of a send's card that came before the send posted, applied as it posts. */
    later: (key: string) => `${tag}:later:${hashedId(key)}`,
  };
}

/** The outbound rate limiter's windows: one hash tag, since one script takes slots in several. */
export function rateLimitKeys(namespace: string) {
  const tag = `${PREFIX}:{rl:${safeId(namespace)}}`;
  return {
    appSecond: `${tag}:app:s`,
    appMinute: `${tag}:app:m`,
    target: (kind: 'chat' | 'user' | 'update', id: string) => `${tag}:${kind}:${hashedId(id)}`,
  };
}
