/**
 * Parsing at the edge of a use case: whatever the handler passed in is checked with zod once, and
 * anything that does not fit becomes a RefusedError (never a crash). The detail names the fields
 * only, never their values, because it goes to logs.
 */
import type { z } from 'zod';
import { RefusedError, type RefusalCode } from '../errors.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, code: RefusalCode = 'INVALID_INPUT'): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || 'input'))];
  throw new RefusedError(code, fields.join(','));
}

/** A stored instant for an ISO string with an offset (or Z): always UTC, always with milliseconds. */
export function toUtc(instant: string): string {
  return new Date(instant).toISOString();
}
