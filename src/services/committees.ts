/**
 * Committee setup: pick a profile, set the roster and roles, change them later. Every change is
 * audited. A profile override is checked by the rules module before anything is stored.
 *
 * One chat, one committee: the committee id is derived from the chat id, so the document's own
 * create-if-absent (the commit script's version check) is the unique chat → committee index, set
 * atomically with no second key; of two setups of one chat exactly one commits.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Committee, Member, ReminderSettings } from '../domain/index.js';
import { CommitteeSchema, IdSchema, MemberSchema, OpenIdSchema, ProfileIdSchema, ReminderSettingsSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { DEFAULT_TIME_ZONE, getProfile, isRulesZone, type ProfileId, type ProfileOverrides } from '../rules/index.js';
import { readDoc, update } from '../store/doc-store.js';
import { committeeKeys } from '../store/keys.js';
import { addMemberships, removeMemberships } from '../store/memberships.js';
import { authorize } from './authority.js';
import type { ServiceDeps } from './context.js';
import { loadCommittee } from './context.js';
import { parseInput } from './input.js';
import { planDuties } from './reminders-duty.js';

const CreateSchema = z.object({
  chatId: CommitteeSchema.shape.chatId, name: CommitteeSchema.shape.name, profileId: z.unknown(), overrides: z.unknown().optional(),
  roster: z.array(z.unknown()).max(500), timeZone: z.string().min(1).max(64).optional(),
  /** Whoever saves the first setup. */
  actorOpenId: OpenIdSchema,
  /** Whoever added the bot to the chat, when Feishu said who: then only he may save first. */
  addedBy: OpenIdSchema.optional(),
  reminders: ReminderSettingsSchema.optional(),
});
export interface CreateCommitteeInput {
  chatId: string; name: string; profileId: ProfileId; overrides?: ProfileOverrides;
  roster: Member[]; timeZone?: string; actorOpenId: string; addedBy?: string; reminders?: ReminderSettings;
}

const digest = (text: string, hexChars: number): string => createHash('sha256').update(text).digest('hex').slice(0, hexChars);

/** The committee of a chat, by construction: `c` and 128 bits of the chat id's SHA-256 (key-safe). */
export function committeeIdOfChat(chatId: string): string {
  return `c${digest(chatId, 32)}`;
}

/**
 * A member id for a Feishu user, the same on every call: a setup card and a retried join event
 * name the same person with the same id, and the open_id itself stays out of ids and keys of the
 * committee.
 */
export function memberIdFor(openId: string): string {
  return `u${digest(openId, 20)}`;
}

function checkProfile(profileId: unknown, overrides: unknown): void {
  if (!ProfileIdSchema.safeParse(profileId).success) throw new RefusedError('INVALID_INPUT', 'profile');
  try {
    getProfile(profileId as ProfileId, overrides as ProfileOverrides);
  } catch (error) {
    throw new RefusedError('INVALID_INPUT', error instanceof Error ? error.message : 'override');
  }
}

function checkRoster(roster: readonly unknown[]): Member[] {
  const parsed = roster.map((m) => MemberSchema.safeParse(m));
  if (parsed.some((p) => !p.success)) throw new RefusedError('INVALID_INPUT', 'roster');
  const members = parsed.flatMap((p) => (p.success ? [p.data] : []));
  if (new Set(members.map((m) => m.id)).size !== members.length) throw new RefusedError('INVALID_INPUT', 'duplicate member');
  if (new Set(members.map((m) => m.openId)).size !== members.length) throw new RefusedError('INVALID_INPUT', 'duplicate open_id');
  if (members.filter((m) => m.role === 'chair').length !== 1) throw new RefusedError('INVALID_INPUT', 'exactly one chair');
  return members;
}

/** Who holds a leading role (书记, 副书记): what only the chair may change. */
function leaders(roster: readonly Member[]): string {
  return roster.filter((m) => m.role === 'chair' || m.role === 'viceChair').map((m) => `${m.id}:${m.role}`).sort().join(',');
}

/** The first setup of a chat: only by whoever added the bot (or, when unknown, the first to save). */
export async function createCommittee(deps: ServiceDeps, input: CreateCommitteeInput): Promise<Committee> {
  const data = parseInput(CreateSchema, input);
  checkProfile(data.profileId, data.overrides ?? {});
  const roster = checkRoster(data.roster);
  if (data.addedBy !== undefined && data.addedBy !== data.actorOpenId) throw new RefusedError('NOT_SETUP_OWNER');
  const actor = roster.find((m) => m.openId === data.actorOpenId);
  if (!actor) throw new RefusedError('NOT_A_MEMBER', 'setup by someone not on the roster');
  const timeZone = data.timeZone ?? deps.defaultTimeZone ?? DEFAULT_TIME_ZONE;
  if (!isRulesZone(timeZone)) throw new RefusedError('INVALID_INPUT', 'time zone');
  const id = committeeIdOfChat(data.chatId);
  const key = committeeKeys(id).committee;
  const openIds = roster.map((m) => m.openId);
  let indexed = false;
  try {
    const created = await update(deps.redis, async () => {
      if (await readDoc(deps.redis, key, CommitteeSchema)) throw new RefusedError('CHAT_HAS_COMMITTEE');
      const now = deps.clock.now();
      const committee = CommitteeSchema.parse({
        version: 0, id, chatId: data.chatId, name: data.name, profileId: data.profileId,
        overrides: data.overrides ?? {}, timeZone, roster, createdAt: now.toISOString(),
        ...(data.reminders === undefined ? {} : { reminders: data.reminders }),
      });
      await addMemberships(deps.redis, openIds, id);
      indexed = true;
      return {
        commit: { committeeId: id, at: now, docs: [{ key, value: committee }],
          audit: { actor: actor.id, action: 'committee.create', subject: id, data: { profileId: committee.profileId, members: roster.length, addedByKnown: data.addedBy !== undefined } } },
        result: { ...committee, version: 1 },
      };
    });
    await planDuties(deps, created);
    return created;
  } catch (error) {
    // Lost the race for this chat: take back the index entries the winner's roster does not need.
    if (indexed && error instanceof RefusedError) {
      const winner = await readDoc(deps.redis, key, CommitteeSchema);
      const kept = new Set(winner?.roster.map((m) => m.openId) ?? []);
      await removeMemberships(deps.redis, openIds.filter((o) => !kept.has(o)), id);
    }
    throw error;
  }
}

const RefSchema = z.object({ committeeId: IdSchema, actorId: IdSchema });

/** The audit actor of a change that Feishu reported rather than a member made. */
export const PLATFORM_ACTOR = 'feishu';

export interface ChangeCommitteeInput {
  committeeId: string; actorId: string;
  profileId?: ProfileId; overrides?: ProfileOverrides; roster?: Member[];
  /** The body's reminder settings, whole (parsed by the caller with the domain's schema). */
  reminders?: ReminderSettings;
}

/**
 * Changes profile, overrides or roster: the chair or a clerk may; who is chair or vice chair only
 * the chair may change. Audited.
 */
export async function changeCommittee(deps: ServiceDeps, input: ChangeCommitteeInput): Promise<Committee> {
  parseInput(RefSchema, input);
  const key = committeeKeys(input.committeeId).committee;
  const changed = await update(deps.redis, async () => {
    const current = await loadCommittee(deps, input.committeeId);
    const roster = input.roster ? checkRoster(input.roster) : current.roster;
    // Only the chair may do the first; he may also do the second, so one check says who may.
    authorize(current, input.actorId, leaders(roster) !== leaders(current.roster) ? 'committee.assignLeaders' : 'committee.change');
    const next: Committee = {
      ...current,
      profileId: input.profileId ?? current.profileId,
      overrides: input.overrides ? { ...input.overrides } : current.overrides,
      roster,
      ...(input.reminders === undefined ? {} : { reminders: ReminderSettingsSchema.parse(input.reminders) }),
    };
    checkProfile(next.profileId, next.overrides);
    // Every change indexes the whole roster again, so an entry lost to a crash heals on the next change.
    if (input.roster) await addMemberships(deps.redis, roster.map((m) => m.openId), current.id);
    const changed = [input.profileId && 'profile', input.overrides && 'overrides', input.roster && 'roster', input.reminders && 'reminders'].filter(Boolean).join(',');
    return {
      commit: { committeeId: current.id, at: deps.clock.now(), docs: [{ key, value: next }],
        audit: { actor: input.actorId, action: 'committee.change', subject: current.id, data: { changed, profileId: next.profileId, overrides: next.overrides, roster: next.roster.map((m) => `${m.id}:${m.role}`) } } },
      result: { ...next, version: next.version + 1 },
    };
  });
  // A new profile or lead time is a new version of the duty reminders: plan them (the old send nothing).
  if (input.profileId !== undefined || input.overrides !== undefined) await planDuties(deps, changed);
  return changed;
}

const MembershipSchema = z.object({
  chatId: CommitteeSchema.shape.chatId,
  joined: z.array(z.object({ openId: OpenIdSchema, name: MemberSchema.shape.name })).max(500).default([]),
  left: z.array(OpenIdSchema).max(500).default([]),
});
export type ChatMembershipInput = z.input<typeof MembershipSchema>;

/** Who changed in the roster, and the leaders who left the chat but stay until the chair hands over. */
export interface MembershipChange { committee: Committee; added: string[]; removed: string[]; leadersKept: string[] }

/**
 * Someone joined or left the committee's chat (a verified Feishu event, so no member acts): a
 * newcomer becomes a 成员; one who left leaves the roster, so ballots opened afterwards do not
 * count him. A chair or vice chair who left stays on the roster (a committee always has its chair;
 * only the chair changes leaders) and is reported for the chair to act on. Replaying the same
 * event changes nothing. Audited as the platform's doing.
 */
export async function applyChatMembership(deps: ServiceDeps, input: ChatMembershipInput): Promise<MembershipChange> {
  const data = parseInput(MembershipSchema, input);
  const committeeId = committeeIdOfChat(data.chatId);
  const key = committeeKeys(committeeId).committee;
  return update(deps.redis, async () => {
    const current = await readDoc(deps.redis, key, CommitteeSchema);
    if (!current) throw new RefusedError('NO_COMMITTEE');
    const gone = new Set(data.left);
    const isLeader = (m: Member): boolean => m.role === 'chair' || m.role === 'viceChair';
    const leadersKept = current.roster.filter((m) => gone.has(m.openId) && isLeader(m)).map((m) => m.id);
    const staying = current.roster.filter((m) => !gone.has(m.openId) || isLeader(m));
    const known = new Set(staying.map((m) => m.openId));
    const newcomers: Member[] = [...new Map(data.joined.filter((j) => !known.has(j.openId) && !gone.has(j.openId)).map((j) => [j.openId, j])).values()]
      .map((j) => ({ id: memberIdFor(j.openId), openId: j.openId, name: j.name, role: 'member' }));
    const roster = checkRoster([...staying, ...newcomers]);
    const added = newcomers.map((m) => m.id);
    const removed = current.roster.filter((m) => !staying.includes(m)).map((m) => m.id);
    const result = (committee: Committee): MembershipChange => ({ committee, added, removed, leadersKept });
    if (added.length === 0 && removed.length === 0) return { commit: { committeeId, at: deps.clock.now(), docs: [], audit: null }, result: result(current) };
    await addMemberships(deps.redis, newcomers.map((m) => m.openId), committeeId);
    const next: Committee = { ...current, roster };
    return {
      commit: { committeeId, at: deps.clock.now(), docs: [{ key, value: next }],
        audit: { actor: PLATFORM_ACTOR, action: 'committee.members', subject: committeeId, data: { added, removed, leadersKept } } },
      result: result({ ...next, version: next.version + 1 }),
    };
  });
}

