/**
 * The one way a handler learns who is acting and for which committee. The member always comes
 * from the roster by the sender's open_id, never from anything a card carries; the committee
 * comes from the chat when the chat has one, else (a private chat) from the signed button's
 * committee id, else from the committees the sender belongs to.
 */
import { z } from 'zod';
import type { Committee, Member } from '../domain/index.js';
import { CommitteeSchema, IdSchema, OpenIdSchema } from '../domain/index.js';
import { ChooseCommitteeError, RefusedError } from '../errors.js';
import { readDoc } from '../store/doc-store.js';
import { committeeKeys } from '../store/keys.js';
import { candidateCommittees } from '../store/memberships.js';
import { committeeIdOfChat } from './committees.js';
import type { ServiceDeps } from './context.js';
import { loadCommittee } from './context.js';
import { parseInput } from './input.js';

const ResolveSchema = z.object({
  /** The sender (a message) or the operator (a tap). */
  openId: OpenIdSchema,
  chatId: z.string().min(1).max(128).optional(),
  /** Feishu's chat_type: 'group' or 'p2p'. A card callback does not say; then the chat decides. */
  chatType: z.string().max(32).optional(),
  /** From a signed button value: which committee the card was made for. */
  committeeId: IdSchema.optional(),
});
export type ResolveInput = z.input<typeof ResolveSchema>;

export interface Resolved { committee: Committee; member: Member }

async function committeeOfChat(deps: ServiceDeps, chatId: string): Promise<Committee | null> {
  return readDoc(deps.redis, committeeKeys(committeeIdOfChat(chatId)).committee, CommitteeSchema);
}

function memberByOpenId(committee: Committee, openId: string): Member {
  const member = committee.roster.find((m) => m.openId === openId);
  if (!member) throw new RefusedError('NOT_A_MEMBER');
  return member;
}

/** The committees whose roster holds `openId` now, by name (the index may list former ones). */
export async function committeesOf(deps: ServiceDeps, openId: string): Promise<Committee[]> {
  const ids = await candidateCommittees(deps.redis, openId);
  const found = await Promise.all(ids.map((id) => readDoc(deps.redis, committeeKeys(id).committee, CommitteeSchema)));
  return found.filter((c): c is Committee => c !== null && c.roster.some((m) => m.openId === openId))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.id.localeCompare(b.id));
}

/**
 * Refusals: NO_COMMITTEE (a group chat not set up), FOREIGN_CARD (a card made for another
 * committee than this chat's), NOT_A_MEMBER, and ChooseCommitteeError (a private command from a
 * member of several committees: its `choices` are what to ask).
 */
export async function resolveActor(deps: ServiceDeps, input: ResolveInput): Promise<Resolved> {
  const data = parseInput(ResolveSchema, input);
  const ofChat = data.chatId === undefined ? null : await committeeOfChat(deps, data.chatId);
  if (ofChat) {
    if (data.committeeId !== undefined && data.committeeId !== ofChat.id) throw new RefusedError('FOREIGN_CARD');
    return { committee: ofChat, member: memberByOpenId(ofChat, data.openId) };
  }
  if (data.chatType === 'group') throw new RefusedError('NO_COMMITTEE');
  if (data.committeeId !== undefined) {
    const committee = await loadCommittee(deps, data.committeeId);
    return { committee, member: memberByOpenId(committee, data.openId) };
  }
  const mine = await committeesOf(deps, data.openId);
  const [only] = mine;
  if (only === undefined) throw new RefusedError('NOT_A_MEMBER');
  if (mine.length > 1) throw new ChooseCommitteeError(mine);
  return { committee: only, member: memberByOpenId(only, data.openId) };
}
