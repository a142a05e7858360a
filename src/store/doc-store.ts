/**
 * Versioned JSON documents of one committee. Reads are validated with zod; writes go through one
 * script that checks every document's version and the audit head, then writes all documents,
 * index entries and the audit entry together, or nothing. A moved version means another change
 * won the race: `update` reads again and retries.
 */
import type { Redis } from 'ioredis';
import type { z } from 'zod';
import { RefusedError, StoreCorruptError } from '../errors.js';
import type { AuditDraft } from './audit.js';
import { nextAuditEntry } from './audit.js';
import { committeeKeys } from './keys.js';
import { runScript } from './scripts.js';
import { guarded } from './unavailable.js';

/** Every stored document carries its version; 0 means "not stored yet". */
export interface Versioned { version: number }

/** A document to write: any stored shape with its version. */
export type StoredDoc = Versioned & Record<string, unknown>;

export interface DocWrite<T extends StoredDoc> {
  key: string;
  /** The document as read (version as read), changed; its version is bumped on write. */
  value: T;
}

export interface Commit {
  committeeId: string;
  docs: readonly DocWrite<StoredDoc>[];
  indexes?: readonly { key: string; member: string }[];
  audit: AuditDraft | null;
  at: Date;
}

const MAX_ATTEMPTS = 40;

/** A short random pause, growing with each lost race, so that racing writers spread out. */
const backoff = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * attempt));

export async function readDoc<S extends z.ZodType<Versioned>>(redis: Redis, key: string, schema: S): Promise<z.infer<S> | null> {
  const raw = await guarded(() => redis.get(key));
  if (raw === null) return null;
  const parsed = schema.safeParse(JSON.parse(raw));
  if (!parsed.success) throw new StoreCorruptError(key, parsed.error);
  return parsed.data;
}

/** Writes a commit; false when a version or the audit head moved since the documents were read. */
export async function commit(redis: Redis, change: Commit): Promise<boolean> {
  const keys = committeeKeys(change.committeeId);
  const head = change.audit === null ? '' : ((await guarded(() => redis.get(keys.auditHead))) ?? '');
  const audit = change.audit === null ? null : nextAuditEntry(head, change.audit, change.at);
  const indexes = change.indexes ?? [];
  const docArgs = change.docs.flatMap(({ value }) => [String(value.version), JSON.stringify({ ...value, version: value.version + 1 })]);
  const result = await runScript(redis, 'commit-docs',
    [keys.auditLog, keys.auditHead, ...change.docs.map((d) => d.key), ...indexes.map((i) => i.key)],
    [change.docs.length, indexes.length, head, audit === null ? '' : JSON.stringify(audit.entry), audit?.newHead ?? '',
      ...docArgs, ...indexes.map((i) => i.member)]);
  return result === 'OK';
}

/**
 * Read, decide, write, and retry when another change won the race. `decide` is pure over what was
 * read and either returns the commit (plus a value for the caller) or throws a RefusedError.
 */
export async function update<R>(redis: Redis, attempt: () => Promise<{ commit: Commit; result: R }>): Promise<R> {
  for (let i = 0; i < MAX_ATTEMPTS; i += 1) {
    const { commit: change, result } = await attempt();
    if (await commit(redis, change)) return result;
    await backoff(i + 1);
  }
  throw new RefusedError('CONFLICT_RETRY', 'too many concurrent changes');
}
