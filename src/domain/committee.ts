/** A governing body: its chat, its rule profile with the body's own overrides, and its roster. */
import { z } from 'zod';
import { PROFILE_IDS } from '../rules/types.js';
import { isRulesZone, RULES_ZONE_HINT } from '../rules/zone.js';
import { IdSchema, InstantSchema, VersionSchema } from './common.js';
import { ReminderSettingsSchema } from './reminders.js';

export const RoleSchema = z.enum(['chair', 'viceChair', 'member', 'clerk', 'observer']);
export type Role = z.infer<typeof RoleSchema>;

/** Roles that hold a vote and count for quorum (应到会). Clerks and observers never do. */
export const VOTING_ROLES: readonly Role[] = ['chair', 'viceChair', 'member'];

/**
 * A Feishu open_id (ou_…). Required on every member: a tap or a message names its sender only by
 * open_id, so a roster entry without one could never act. Key-safe, since it names an index key.
 */
export const OpenIdSchema = IdSchema;

export const MemberSchema = z.object({
  id: IdSchema,
  openId: OpenIdSchema,
  name: z.string().trim().min(1).max(50),
  role: RoleSchema,
  unit: z.string().max(100).optional(),
  /** A19: removed from 应到会 only by a recorded decision (its id). */
  excludedByDecision: z.string().max(100).optional(),
});
export type Member = z.infer<typeof MemberSchema>;

export const ProfileIdSchema = z.enum(PROFILE_IDS);

/** Checked against the rules module by getProfile when the committee is set up or changed. */
export const OverridesSchema = z.record(z.string(), z.unknown());

export const CommitteeSchema = z.object({
  version: VersionSchema,
  id: IdSchema,
  chatId: z.string().min(1).max(128),
  name: z.string().trim().min(1).max(100),
  profileId: ProfileIdSchema,
  overrides: OverridesSchema,
  timeZone: z.string().refine(isRulesZone, { error: RULES_ZONE_HINT }),
  roster: z.array(MemberSchema),
  createdAt: InstantSchema,
  /** The body's own reminder settings (setup card); absent fields take the rules' defaults. */
  reminders: ReminderSettingsSchema.optional(),
});
export type Committee = z.infer<typeof CommitteeSchema>;

export function isVotingMember(member: Member): boolean {
  return VOTING_ROLES.includes(member.role) && member.excludedByDecision === undefined;
}
