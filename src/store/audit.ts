/**
 * The append-only audit log of a committee: a Redis list of JSON entries, each carrying the hash of
 * the one before (SHA-256 over the previous hash and the entry's canonical JSON). `verifyAuditLog`
 * finds an altered, inserted, reordered or removed entry, and a cut-off tail through the head.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { canonicalJson } from '../crypto-util.js';
import { committeeKeys } from './keys.js';
import { guarded } from './unavailable.js';

export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  data: z.record(z.string(), z.unknown()),
  prev: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditDraft = Pick<AuditEntry, 'actor' | 'action' | 'subject' | 'data'>;

function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(`${entry.prev}\n${canonicalJson(entry)}`).digest('hex');
}

/** The stored head: `<seq>:<hash>` of the last entry, or '' for an empty log. */
export function parseHead(head: string): { seq: number; hash: string } {
  if (head === '') return { seq: 0, hash: '' };
  const [seq, hash] = head.split(':');
  return { seq: Number(seq), hash: hash ?? '' };
}

/** The next entry after `head`, and the head that follows it. */
export function nextAuditEntry(head: string, draft: AuditDraft, at: Date): { entry: AuditEntry; newHead: string } {
  const previous = parseHead(head);
  const body = { ...draft, seq: previous.seq + 1, at: at.toISOString(), prev: previous.hash };
  const entry = { ...body, hash: entryHash(body) };
  return { entry, newHead: `${entry.seq}:${entry.hash}` };
}

export interface AuditVerdict {
  ok: boolean;
  entries: number;
  /** 1-based position of the first entry that does not fit, when not ok. */
  brokenAt?: number;
  reason?: 'unreadable' | 'altered' | 'out_of_sequence' | 'chain_broken' | 'head_mismatch';
}

export async function readAuditLog(redis: Redis, committeeId: string): Promise<AuditEntry[]> {
  const raw = await redis.lrange(committeeKeys(committeeId).auditLog, 0, -1);
  return raw.map((line) => AuditEntrySchema.parse(JSON.parse(line)));
}

/** Re-computes the chain and compares it with the stored head. */
export async function verifyAuditLog(redis: Redis, committeeId: string): Promise<AuditVerdict> {
  const keys = committeeKeys(committeeId);
  const [raw, head] = await guarded(() => Promise.all([redis.lrange(keys.auditLog, 0, -1), redis.get(keys.auditHead)]));
  let previous = { seq: 0, hash: '' };
  for (const [index, line] of raw.entries()) {
    const position = index + 1;
    let entry: AuditEntry;
    try {
      entry = AuditEntrySchema.parse(JSON.parse(line));
    } catch {
      return { ok: false, entries: raw.length, brokenAt: position, reason: 'unreadable' };
    }
    const { hash, ...body } = entry;
    if (entryHash(body) !== hash) return { ok: false, entries: raw.length, brokenAt: position, reason: 'altered' };
    if (entry.seq !== previous.seq + 1) return { ok: false, entries: raw.length, brokenAt: position, reason: 'out_of_sequence' };
    if (entry.prev !== previous.hash) return { ok: false, entries: raw.length, brokenAt: position, reason: 'chain_broken' };
    previous = { seq: entry.seq, hash };
  }
  const expectedHead = previous.seq === 0 ? '' : `${previous.seq}:${previous.hash}`;
  if ((head ?? '') !== expectedHead) return { ok: false, entries: raw.length, brokenAt: raw.length + 1, reason: 'head_mismatch' };
  return { ok: true, entries: raw.length };
}
