/**
 * Committee setup: pick a profile, set the roster and roles, change them later. Every change is
 * audited. A profile override is checked by the rules module before anything is stored.
 */
import type { Committee, Member } from '../domain/index.js';
import { CommitteeSchema, IdSchema, MemberSchema, ProfileIdSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { DEFAULT_TIME_ZONE, getProfile, isRulesZone, type ProfileId, type ProfileOverrides } from '../rules/index.js';
import { readDoc, update } from '../store/doc-store.js';
import { committeeKeys } from '../store/keys.js';
import type { ServiceDeps } from './context.js';
import { CLERK_ROLES, loadCommittee, requireRole } from './context.js';

export interface CreateCommitteeInput {
  id: string; chatId: string; name: string; profileId: ProfileId; overrides?: ProfileOverrides;
  roster: Member[]; timeZone?: string; actorId: string;
}

function checkProfile(profileId: unknown, overrides: unknown): void {
  if (!ProfileIdSchema.safeParse(profileId).success) throw new RefusedError('INVALID_INPUT', 'profile');
  try {
    getProfile(profileId as ProfileId, overrides as ProfileOverrides);
  } catch (error) {
    throw new RefusedError('INVALID_INPUT', error instanceof Error ? error.message : 'override');
  }
}

function checkRoster(roster: readonly Member[]): Member[] {
  const parsed = roster.map((m) => MemberSchema.safeParse(m));
  if (parsed.some((p) => !p.success)) throw new RefusedError('INVALID_INPUT', 'roster');
  const members = parsed.flatMap((p) => (p.success ? [p.data] : []));
  if (new Set(members.map((m) => m.id)).size !== members.length) throw new RefusedError('INVALID_INPUT', 'duplicate member');
  if (members.filter((m) => m.role === 'chair').length !== 1) throw new RefusedError('INVALID_INPUT', 'exactly one chair');
  return members;
}

export async function createCommittee(deps: ServiceDeps, input: CreateCommitteeInput): Promise<Committee> {
  if (!IdSchema.safeParse(input.id).success) throw new RefusedError('INVALID_INPUT', 'committee id');
  checkProfile(input.profileId, input.overrides ?? {});
  const roster = checkRoster(input.roster);
  const timeZone = input.timeZone ?? deps.defaultTimeZone ?? DEFAULT_TIME_ZONE;
  if (!isRulesZone(timeZone)) throw new RefusedError('INVALID_INPUT', 'time zone');
  const key = committeeKeys(input.id).committee;
  return update(deps.redis, async () => {
    if (await readDoc(deps.redis, key, CommitteeSchema)) throw new RefusedError('INVALID_STATE', 'committee exists');
    const now = deps.clock.now();
    const committee = CommitteeSchema.parse({
      version: 0, id: input.id, chatId: input.chatId, name: input.name, profileId: input.profileId,
      overrides: input.overrides ?? {}, timeZone, roster, createdAt: now.toISOString(),
    });
    return {
      commit: { committeeId: input.id, at: now, docs: [{ key, value: committee }],
        audit: { actor: input.actorId, action: 'committee.create', subject: input.id, data: { profileId: input.profileId, members: roster.length } } },
      result: { ...committee, version: 1 },
    };
  });
}

export interface ChangeCommitteeInput {
  committeeId: string; actorId: string;
  profileId?: ProfileId; overrides?: ProfileOverrides; roster?: Member[];
}

/** Changes profile, overrides or roster; only the chair or a clerk may, and it is audited. */
export async function changeCommittee(deps: ServiceDeps, input: ChangeCommitteeInput): Promise<Committee> {
  const key = committeeKeys(input.committeeId).committee;
  return update(deps.redis, async () => {
    const current = await loadCommittee(deps, input.committeeId);
    requireRole(current, input.actorId, CLERK_ROLES, 'NOT_CLERK');
    const next: Committee = {
      ...current,
      profileId: input.profileId ?? current.profileId,
      overrides: input.overrides ? { ...input.overrides } : current.overrides,
      roster: input.roster ? checkRoster(input.roster) : current.roster,
    };
    checkProfile(next.profileId, next.overrides);
    const changed = [input.profileId && 'profile', input.overrides && 'overrides', input.roster && 'roster'].filter(Boolean).join(',');
    return {
      commit: { committeeId: current.id, at: deps.clock.now(), docs: [{ key, value: next }],
        audit: { actor: input.actorId, action: 'committee.change', subject: current.id, data: { changed, profileId: next.profileId, overrides: next.overrides, roster: next.roster.map((m) => `${m.id}:${m.role}`) } } },
      result: { ...next, version: next.version + 1 },
    };
  });
}
