/**
 * Setting a chat up, around committees.ts: what the bot learns when it joins a chat (who added it,
 * who is in the chat) is kept until the first save, so that the save — a card callback, where no
 * Feishu call may run — builds the roster from it: everyone in the chat is a 成员 unless the form
 * names a role. Later saves and the /设置 commands change roles of people already on the roster.
 */
import { z } from 'zod';
import type { Committee, LeaveApprovers, Member, Role } from '../domain/index.js';
import { CommitteeSchema, MemberSchema, OpenIdSchema, VersionSchema } from '../domain/index.js';
import { InputError, RefusedError } from '../errors.js';
import { DEFAULT_TIME_ZONE, type ApproverRole, type ProfileId } from '../rules/index.js';
import { readDoc, update } from '../store/doc-store.js';
import { committeeKeys } from '../store/keys.js';
import { getDoc, LEAVE_APPROVERS } from '../store/repos.js';
import { mayDo } from './authority.js';
import { applyChatMembership, changeCommittee, committeeIdOfChat, createCommittee, memberIdFor, type ChatMembershipInput, type MembershipChange } from './committees.js';
import type { ServiceDeps } from './context.js';
import { parseInput } from './input.js';
import { setApprovers } from './leave.js';
import { parseReminderForm, type ReminderForm } from './reminder-settings.js';
import { replanCommitteeReminders } from './reminders-meeting.js';
import { replanCommitteeTasks } from './reminders-task.js';

const PendingSetupSchema = z.object({
  version: VersionSchema,
  chatId: CommitteeSchema.shape.chatId,
  name: CommitteeSchema.shape.name.optional(),
  addedBy: OpenIdSchema.optional(),
  members: z.array(z.object({ openId: OpenIdSchema, name: MemberSchema.shape.name })).max(500),
});
type PendingSetup = z.infer<typeof PendingSetupSchema>;

/** The name a committee gets when Feishu did not say the chat's name. */
const DEFAULT_NAME = '本群议事机构';

/** The name a roster shows for someone Feishu gave no name for (e.g. outside the contact scope). */
export function displayName(name: string | undefined, openId: string): string {
  const trimmed = (name ?? '').trim().slice(0, 50);
  return trimmed === '' ? `成员${openId.slice(-4)}` : trimmed;
}

const keysOf = (chatId: string) => committeeKeys(committeeIdOfChat(chatId));

async function committeeOf(deps: ServiceDeps, chatId: string): Promise<Committee | null> {
  return readDoc(deps.redis, keysOf(chatId).committee, CommitteeSchema);
}

const RememberSchema = z.object({
  chatId: CommitteeSchema.shape.chatId, addedBy: OpenIdSchema.optional(), name: z.string().max(200).optional(),
});

/**
 * The bot joined a chat, or the chat's members changed before the first save: remember who is in
 * the chat (from the chat directory) and who added the bot. Nothing once the chat is set up.
 */
export async function rememberChat(deps: ServiceDeps, raw: z.input<typeof RememberSchema>): Promise<void> {
  const input = parseInput(RememberSchema, raw);
  if (await committeeOf(deps, input.chatId)) return;
  const listed = deps.chats === undefined ? [] : await deps.chats.members(input.chatId);
  const members = listed.flatMap((m) => (OpenIdSchema.safeParse(m.openId).success ? [{ openId: m.openId, name: displayName(m.name, m.openId) }] : []));
  const key = keysOf(input.chatId).pendingSetup;
  const name = input.name?.trim().slice(0, 100);
  await update(deps.redis, async () => {
    const current = await readDoc(deps.redis, key, PendingSetupSchema);
    const addedBy = input.addedBy ?? current?.addedBy;
    const next: PendingSetup = {
      version: current?.version ?? 0, chatId: input.chatId, members,
      ...(name === undefined || name === '' ? (current?.name === undefined ? {} : { name: current.name }) : { name }),
      ...(addedBy === undefined ? {} : { addedBy }),
    };
    return { commit: { committeeId: committeeIdOfChat(input.chatId), at: deps.clock.now(), docs: [{ key, value: next }], audit: null }, result: undefined };
  });
}

export interface SetupState {
  committeeId: string;
  committee: Committee | null;
  approvers: LeaveApprovers | null;
  /** The member id of whoever looks at it, when on the roster. */
  viewerId: string | null;
  /** The committee's zone, or the zone a new one gets. */
  timeZone: string;
  /** Before the first save anyone is shown the form (the save decides); then the chair and clerks. */
  canSave: boolean;
}

export async function setupState(deps: ServiceDeps, input: { chatId: string; openId: string }): Promise<SetupState> {
  const committeeId = committeeIdOfChat(input.chatId);
  const committee = await committeeOf(deps, input.chatId);
  const viewer = committee?.roster.find((m) => m.openId === input.openId) ?? null;
  return {
    committeeId, committee, viewerId: viewer?.id ?? null, timeZone: committee?.timeZone ?? deps.defaultTimeZone ?? DEFAULT_TIME_ZONE,
    approvers: committee === null ? null : await getDoc(deps.redis, committeeId, LEAVE_APPROVERS, committeeId),
    canSave: committee === null || (viewer !== null && mayDo(committee, viewer.id, 'committee.change')),
  };
}

export interface SetupForm {
  profile: ProfileId; chair: string | undefined; viceChairs: string[]; clerks: string[]; observers: string[];
  approvers: Partial<Record<ApproverRole, string[]>>;
  /** The reminder fields as typed; blank ones keep the current settings. */
  reminders?: ReminderForm;
}

const NOT_IN_CHAT = '所选人员中有人不在本群成员名单中，请先把他拉入本群，再保存设置。';

/** The roster with these people given this role (the chair's role has one holder: the old chair becomes a 成员). */
function withRole(roster: readonly Member[], role: Role, openIds: readonly string[]): Member[] {
  const named = new Set(openIds);
  return roster.map((m) => {
    if (named.has(m.openId)) return { ...m, role };
    return role === 'chair' && m.role === 'chair' ? { ...m, role: 'member' } : m;
  });
}

/** The roles the form names, over a roster; an empty field keeps the current holders. */
function applyForm(roster: Member[], form: SetupForm): Member[] {
  const named = [form.chair, ...form.viceChairs, ...form.clerks, ...form.observers].filter((o): o is string => o !== undefined);
  if (named.some((o) => !roster.some((m) => m.openId === o))) throw new InputError('mention', NOT_IN_CHAT);
  const replace = (r: Member[], role: Role, ids: readonly string[]): Member[] => (ids.length === 0 ? r
    : withRole(r.map((m) => (m.role === role ? { ...m, role: 'member' } : m)), role, ids));
  let next = form.chair === undefined ? roster : withRole(roster, 'chair', [form.chair]);
  next = replace(next, 'viceChair', form.viceChairs);
  next = replace(next, 'clerk', form.clerks);
  return replace(next, 'observer', form.observers);
}

/** Open_ids → member ids of the roster; someone not on it is refused. */
function memberIds(committee: Committee, openIds: readonly string[]): string[] {
  return openIds.map((o) => {
    const member = committee.roster.find((m) => m.openId === o);
    if (!member) throw new InputError('mention', NOT_IN_CHAT);
    return member.id;
  });
}

async function saveApprovers(deps: ServiceDeps, committee: Committee, actorId: string, given: SetupForm['approvers'], current: LeaveApprovers | null): Promise<void> {
  const roles = Object.keys(given) as ApproverRole[];
  if (roles.length === 0) return;
  const assignments: Partial<Record<ApproverRole, string[]>> = { ...current?.assignments };
  for (const role of roles) assignments[role] = memberIds(committee, given[role] ?? []);
  await setApprovers(deps, { committeeId: committee.id, actorId, assignments });
}

/** `保存设置`: the first save creates the committee (services decide who may), later ones change it. */
export async function saveSetup(deps: ServiceDeps, input: { chatId: string; actorOpenId: string; form: SetupForm }): Promise<Committee> {
  const { form } = input;
  const existing = await committeeOf(deps, input.chatId);
  // Read before anything is written: a bad value refuses the whole save.
  const reminders = parseReminderForm(form.reminders ?? {}, existing?.reminders);
  if (existing === null) {
    if (form.chair === undefined) throw new InputError('missing', '首次设置请选择书记，再保存设置。');
    const pending = await readDoc(deps.redis, keysOf(input.chatId).pendingSetup, PendingSetupSchema);
    const inChat = pending?.members ?? [];
    const roster = applyForm(inChat.map((p): Member => ({ id: memberIdFor(p.openId), openId: p.openId, name: p.name, role: 'member' })), form);
    const name = pending?.name ?? DEFAULT_NAME;
    // The approvers are a second write: whatever would refuse it is refused before the first.
    const draft: Committee = { version: 0, id: committeeIdOfChat(input.chatId), chatId: input.chatId, name, profileId: form.profile, overrides: {}, timeZone: DEFAULT_TIME_ZONE, roster, createdAt: deps.clock.now().toISOString() };
    const saver = roster.find((m) => m.openId === input.actorOpenId);
    if (Object.keys(form.approvers).length > 0) {
      memberIds(draft, Object.values(form.approvers).flat());
      if (saver && !mayDo(draft, saver.id, 'leave.setApprovers')) throw new RefusedError('NOT_CLERK');
    }
    const committee = await createCommittee(deps, {
      chatId: input.chatId, name, profileId: form.profile, roster,
      actorOpenId: input.actorOpenId, ...(pending?.addedBy === undefined ? {} : { addedBy: pending.addedBy }),
      ...(reminders === undefined ? {} : { reminders }),
    });
    if (saver) await saveApprovers(deps, committee, saver.id, form.approvers, null);
    return committeeOf(deps, input.chatId).then((c) => c ?? committee);
  }
  const actor = existing.roster.find((m) => m.openId === input.actorOpenId);
  const actorId = actor?.id ?? memberIdFor(input.actorOpenId);
  const changed = await changeCommittee(deps, { committeeId: existing.id, actorId, profileId: form.profile, roster: applyForm(existing.roster, form), ...(reminders === undefined ? {} : { reminders }) });
  const current = await getDoc(deps.redis, existing.id, LEAVE_APPROVERS, existing.id);
  await saveApprovers(deps, changed, actorId, form.approvers, current);
  // New lead times move the meetings' reminders still ahead (quiet hours apply when each comes due).
  if (reminders !== undefined) await replanCommitteeReminders(deps, changed);
  if (reminders !== undefined && reminders.taskLeadWorkingDays !== existing.reminders?.taskLeadWorkingDays) await replanCommitteeTasks(deps, changed);
  return changed;
}

/** The roster's people among those @-mentioned (the bot's own mention and strangers name no one). */
function rosterOpenIds(committee: Committee, openIds: readonly string[]): string[] {
  const known = openIds.filter((o) => committee.roster.some((m) => m.openId === o));
  if (known.length === 0) throw new InputError('mention', '所 @ 的人不在本委员会名单中。请 @ 本群成员，如"/设置 秘书 @张三"。');
  return known;
}

/** `/设置 书记|副书记|秘书|列席|成员 @…`: who is chair or vice chair only the chair changes. */
export async function assignRole(deps: ServiceDeps, input: { committee: Committee; actorId: string; role: Role; openIds: string[] }): Promise<{ committee: Committee; people: Member[] }> {
  const named = rosterOpenIds(input.committee, input.openIds);
  if (input.role === 'chair' && named.length !== 1) throw new InputError('mention', '书记只能有一位，请只 @ 一人，如"/设置 书记 @张三"。');
  const committee = await changeCommittee(deps, { committeeId: input.committee.id, actorId: input.actorId, roster: withRole(input.committee.roster, input.role, named) });
  return { committee, people: committee.roster.filter((m) => named.includes(m.openId)) };
}

/** `/设置 审批 <角色> @…`: the holders of one approver role, replacing its previous ones. */
export async function assignApprover(deps: ServiceDeps, input: { committee: Committee; actorId: string; role: ApproverRole; openIds: string[] }): Promise<Member[]> {
  const named = rosterOpenIds(input.committee, input.openIds);
  const current = await getDoc(deps.redis, input.committee.id, LEAVE_APPROVERS, input.committee.id);
  await saveApprovers(deps, input.committee, input.actorId, { [input.role]: named }, current);
  return input.committee.roster.filter((m) => named.includes(m.openId));
}

/** `/设置 规则 <ID>`. */
export async function changeProfile(deps: ServiceDeps, input: { committee: Committee; actorId: string; profileId: ProfileId }): Promise<Committee> {
  return changeCommittee(deps, { committeeId: input.committee.id, actorId: input.actorId, profileId: input.profileId });
}

/**
 * Feishu says people joined or left a chat: before the first save the chat is read again (null);
 * afterwards the roster follows (committees.applyChatMembership), with the roster as it was.
 */
export async function chatMembershipChanged(deps: ServiceDeps, input: ChatMembershipInput): Promise<{ change: MembershipChange; before: Member[] } | null> {
  const before = await committeeOf(deps, input.chatId);
  if (before === null) {
    await rememberChat(deps, { chatId: input.chatId });
    return null;
  }
  return { change: await applyChatMembership(deps, input), before: before.roster };
}
