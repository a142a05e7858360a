/**
 * Every Redis key the bot uses, built in one place. Each key of a committee carries the
 * committee's hash tag `{c:<id>}`, so every script touches one Redis Cluster slot.
 */
const PREFIX = 'yishi';

/** Ids become part of keys: keep them to a safe alphabet so no id can forge another key. */
export function safeId(id: string): string {
  if (!/^[A-Za-z0-9_.-]{1,128}$/.test(id)) throw new RangeError(`id ${JSON.stringify(id)} has characters not allowed in a key`);
  return id;
}

export function committeeKeys(committeeId: string) {
  const tag = `${PREFIX}:{c:${safeId(committeeId)}}`;
  return {
    tag,
    committee: `${tag}:committee`,
    auditLog: `${tag}:audit`,
    auditHead: `${tag}:audit:head`,
    /** Ids of closed secret ballots and evaluations whose AOF rewrite is not yet confirmed. */
    aofPending: `${tag}:aof-pending`,
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
        /** A voter's cast receipt, named by a keyed digest (see ballots.ts). */
        seen: (digest: string) => `${base}:seen:${safeId(digest)}`,
      };
    },
  };
}

/** Matches every committee's {@link committeeKeys}.aofPending, for the catch-up at start. */
export const AOF_PENDING_PATTERN = `${PREFIX}:{c:*}:aof-pending`;

export type CommitteeKeys = ReturnType<typeof committeeKeys>;

/**
 * The committees a Feishu user (open_id) may belong to: a superset, checked against each roster
 * when read. Its own hash tag per user, since one user spans committees.
 */
export function membershipKey(openId: string): string {
  return `${PREFIX}:{u:${safeId(openId)}}:committees`;
}

/**
 * Inbound de-duplication of a Feishu event or message id, or a card callback's stored answer
 * (`id` already key-safe, e.g. hashed).
 */
export function inboundDedupKey(kind: 'evt' | 'msg' | 'card', id: string): string {
  return `${PREFIX}:dedup:${kind}:${safeId(id)}`;
}

/** The outbox's own records (sent message ids, latest card contents), one hash tag per namespace. */
export function outboxTag(namespace: string): string {
  return `${PREFIX}:{ob:${safeId(namespace)}}`;
}

/** The outbound rate limiter's windows: one hash tag, since one script takes slots in several. */
export function rateLimitTag(namespace: string): string {
  return `${PREFIX}:{rl:${safeId(namespace)}}`;
}
