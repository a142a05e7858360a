/**
 * What the chat page shows of the stand-in's messages: which conversation each belongs to (the
 * group or one person's private chat with the bot), who sent it, and its body — a card rendered
 * to HTML, a text, or a file with its download link.
 */
import { BOT_MENTION } from '../demo.js';
import type { StandIn, StoredMessage } from '../open-api/index.js';
import { escapeHtml } from './markdown.js';
import { renderCard } from './render.js';

export interface Person { openId: string; name: string }

/** `group`, or the open_id of the person whose private chat with the bot it is. */
export type ChatKey = string;
export const GROUP: ChatKey = 'group';

export interface ChatMessage {
  id: string;
  chat: ChatKey;
  /** `bot`, or the sender's open_id. */
  from: string;
  fromName: string;
  at: number;
  kind: 'text' | 'card' | 'file';
  /** Ready HTML (escaped): the card, or the text with mentions as names. */
  html: string;
  replyTo?: string;
  file?: { name: string; url: string; size: number };
  /** Names of the people an urgent (加急) went to. */
  urgentTo?: string[];
}

export interface MessageSource {
  standIn: StandIn;
  groupChatId: () => string;
  people: () => readonly Person[];
  timeZone: string;
}

const P2P_PREFIX = 'oc_p2p_';

/** Where the message lives for the page, or undefined for a chat the page does not show. */
export function chatOf(m: Pick<StoredMessage, 'chatId' | 'openId'>, groupChatId: string): ChatKey | undefined {
  if (m.chatId === groupChatId) return GROUP;
  if (m.chatId === undefined) return m.openId;
  return m.chatId.startsWith(P2P_PREFIX) ? m.chatId.slice(P2P_PREFIX.length) : undefined;
}

/** The chat id Feishu names in a callback from this message. */
export const chatIdOf = (chat: ChatKey, groupChatId: string): string => (chat === GROUP ? groupChatId : `${P2P_PREFIX}${chat}`);

/** A bot text: `<at user_id="…">名字</at>` mentions read as @名字, everything else as text. */
function textHtml(text: string, nameOf: (id: string) => string | undefined): string {
  const parts = text.split(/(<at user_id="[^"]*">[^<]*<\/at>)/);
  return parts.map((part) => {
    const m = /^<at user_id="([^"]*)">([^<]*)<\/at>$/.exec(part);
    if (m === null) return escapeHtml(part).replace(/\n/g, '<br>');
    return `<span class="mention">@${escapeHtml(nameOf(m[1] ?? '') ?? m[2] ?? '')}</span>`;
  }).join('');
}

/** A user's text: each `@_user_N` placeholder shown as the name of the N-th mention, as Feishu shows it. */
function userTextHtml(text: string, mentions: readonly Person[]): string {
  return text.split(/(@_user_\d+)/).map((part) => {
    const m = /^@_user_(\d+)$/.exec(part);
    const who = m === null ? undefined : mentions[Number(m[1]) - 1];
    if (m === null) return escapeHtml(part).replace(/\n/g, '<br>');
    return `<span class="mention">@${escapeHtml(who?.name ?? '未知用户')}</span>`;
  }).join('');
}

export function toChatMessage(m: StoredMessage, src: MessageSource): ChatMessage | undefined {
  const chat = chatOf(m, src.groupChatId());
  if (chat === undefined) return undefined;
  const people = src.people();
  const nameOf = (id: string): string | undefined => people.find((p) => p.openId === id)?.name;
  const from = m.sender === 'app' ? 'bot' : m.senderOpenId ?? '';
  const base = {
    id: m.messageId, chat, from, fromName: from === 'bot' ? BOT_MENTION.name : nameOf(from) ?? '未知用户', at: m.at,
    ...(m.parentId === undefined ? {} : { replyTo: m.parentId }),
  };
  const urgents = src.standIn.urgents().filter((u) => u.messageId === m.messageId).flatMap((u) => u.userIds);
  const urgent = urgents.length === 0 ? {} : { urgentTo: [...new Set(urgents)].map((id) => nameOf(id) ?? '未知用户') };
  const content = (m.content ?? {}) as Record<string, unknown>;
  if (m.msgType === 'interactive') {
    return { ...base, ...urgent, kind: 'card', html: renderCard(content, { nameOf, people, timeZone: src.timeZone, sentAtMs: m.at }) };
  }
  if (m.msgType === 'file') {
    const key = typeof content.file_key === 'string' ? content.file_key : '';
    const stored = src.standIn.file(key);
    const name = stored?.fileName ?? '文件';
    const file = { name, url: `/chat/api/file/${encodeURIComponent(key)}`, size: stored?.bytes.length ?? 0 };
    return { ...base, ...urgent, kind: 'file', html: escapeHtml(name), file };
  }
  const text = typeof content.text === 'string' ? content.text : '';
  return { ...base, ...urgent, kind: 'text', html: m.sender === 'user' ? userTextHtml(text, m.mentions ?? []) : textHtml(text, nameOf) };
}

/** Who may see a message: everyone in the group for a group message, else that person only. */
export const canSee = (viewer: string, chat: ChatKey, groupMembers: readonly Person[]): boolean =>
  chat === GROUP ? groupMembers.some((p) => p.openId === viewer) : chat === viewer;
