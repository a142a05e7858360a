/** Shared building blocks of the domain schemas. Stored values are parsed with these on the way back. */
import { z } from 'zod';

/** Our own ids: a plain alphabet, so that an id can be part of a Redis key as it is. */
export const ID_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;
export const IdSchema = z.string().regex(ID_PATTERN, 'ids use letters, digits, _ . - only');
/** An instant in UTC, as stored (ISO-8601 with Z). */
export const InstantSchema = z.iso.datetime({ offset: true });
export const DateSchema = z.iso.date();
export const VersionSchema = z.number().int().nonnegative();
export const TextSchema = z.string().trim().min(1).max(2000);
export const LinkSchema = z.object({ title: z.string().trim().min(1).max(200), url: z.url() });

export type Id = z.infer<typeof IdSchema>;
