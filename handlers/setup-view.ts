/** The setup card as a handler sends it, and the sentences a group is told when its roster changes. */
import { ROLE_NAMES } from '../cards/copy.js';
import { buildSetupCard, toSetupView } from '../cards/setup-card.js';
import type { CommandEvent, Ctx } from '../src/bot/context.js';
import type { Committee, Member, Role } from '../src/domain/index.js';
import { RefusedError } from '../src/errors.js';
import type { MembershipChange } from '../src/services/committees.js';
import { setupState, type SetupState } from '../src/services/setup.js';
import { actorOfCommand, cardJson } from './support.js';

export function setupCard(state: SetupState, now: Date): Readonly<Record<string, unknown>> {
  const { committee } = state;
  return cardJson(buildSetupCard(toSetupView(
    { committeeId: state.committeeId, committee, approvers: state.approvers },
    { now, timeZone: state.timeZone, viewer: state.viewerId ?? '', can: { save: state.canSave } },
  )));
}

const namesOf = (people: readonly Member[]): string => people.map((m) => m.name).join('、');

export const roleAnnouncement = (people: readonly Member[], role: Role): string => `已将 ${namesOf(people)} 设为${ROLE_NAMES[role]}。`;

/** What the group is told when people joined or left its chat; null when nothing changed. */
export function membershipAnnouncement(change: MembershipChange, before: readonly Member[]): string | null {
  const find = (ids: readonly string[], roster: readonly Member[]): Member[] => roster.filter((m) => ids.includes(m.id));
  const lines = [
    change.added.length > 0 && `欢迎 ${namesOf(find(change.added, change.committee.roster))} 加入，已登记为${ROLE_NAMES.member}。`,
    change.removed.length > 0 && `${namesOf(find(change.removed, before))} 已退出本群，不再参加此后发起的表决和测评。`,
    change.leadersKept.length > 0 && `${namesOf(find(change.leadersKept, before))} 已退出本群，但仍保留书记或副书记职务，请书记发送"/设置 书记 @某人"或"/设置 成员 @某人"调整。`,
  ].filter((l): l is string => typeof l === 'string');
  return lines.length === 0 ? null : lines.join('\n');
}

/**
 * The committee a read-only command is about, and the sender when on its roster: in a group its
 * committee shows to anyone in the chat; in a private chat the sender's own (NO_COMMITTEE or
 * NOT_A_MEMBER otherwise).
 */
export async function committeeForReading(ctx: Ctx<CommandEvent>): Promise<{ committee: Committee; member: Member | null }> {
  if (ctx.event.chatType !== 'group') return actorOfCommand(ctx);
  const state = await setupState(ctx.services, { chatId: ctx.event.chatId, openId: ctx.event.senderOpenId });
  if (state.committee === null) throw new RefusedError('NO_COMMITTEE');
  return { committee: state.committee, member: state.committee.roster.find((m) => m.id === state.viewerId) ?? null };
}
