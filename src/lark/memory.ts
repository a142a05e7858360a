/**
 * An in-memory LarkApi that records every call, for handler tests that need no HTTP. It keeps the
 * platform's observable rules that handlers rely on: a repeated uuid posts once, patching an
 * unknown message fails with Feishu's code, and `failNext` makes the next call fail like Feishu
 * (a code 500–599 is an HTTP status, 99991400 comes as HTTP 429, anything else as HTTP 400).
 */
import { randomBytes } from 'node:crypto';
import type { Card, ChatMember, LarkApi, LarkUser, Receiver, ReplyContent, SentMessage } from './api.js';
import { LarkApiError } from './errors.js';

export interface RecordedMessage {
  readonly messageId: string;
  readonly to: Receiver | { readonly replyTo: string };
  readonly card: Card | undefined;
  readonly text: string | undefined;
  /** A `file` message: the file_key of an upload. */
  readonly fileKey?: string;
  readonly uuid: string | undefined;
  /** Latest content after patches and delayed updates. */
  latestCard: Card | undefined;
}

export type RecordedCall =
  | { method: 'send' | 'reply'; messageId: string }
  | { method: 'patchCard'; messageId: string }
  | { method: 'delayedUpdate'; token: string }
  | { method: 'urgent'; messageId: string; openIds: string[] };

export interface MemoryLarkApi extends LarkApi {
  readonly messages: RecordedMessage[];
  readonly calls: RecordedCall[];
  readonly chats: Map<string, ChatMember[]>;
  readonly users: Map<string, LarkUser>;
  /** Uploaded files by file_key. */
  readonly files: Map<string, { name: string; bytes: Buffer }>;
  /** The next call fails with this Feishu code (HTTP 400, or 429 for 99991400). */
  failNext(larkCode: number): void;
}

/** The recorder's own bot. */
export const MEMORY_BOT_OPEN_ID = 'ou_memory_bot';

const fail = (method: string, larkCode: number, httpStatus = 400): LarkApiError =>
  new LarkApiError({ method, larkCode, larkMsg: undefined, httpStatus, logId: undefined, retryAfterMs: undefined, networkCode: undefined });

export function createMemoryLarkApi(): MemoryLarkApi {
  const messages: RecordedMessage[] = [];
  const calls: RecordedCall[] = [];
  const byUuid = new Map<string, RecordedMessage>();
  const pending: number[] = [];
  const chats = new Map<string, ChatMember[]>();
  const users = new Map<string, LarkUser>();
  const files = new Map<string, { name: string; bytes: Buffer }>();

  const check = (method: string): void => {
    const code = pending.shift();
    if (code !== undefined) throw fail(method, code, code === 99991400 ? 429 : code >= 500 && code < 600 ? code : 400);
  };

  const post = (method: string, to: RecordedMessage['to'], content: ReplyContent | { file: string }, uuid: string | undefined): SentMessage => {
    check(method);
    const seen = uuid === undefined ? undefined : byUuid.get(uuid);
    const message = seen ?? {
      messageId: `om_${randomBytes(12).toString('hex')}`, to, uuid,
      card: 'card' in content ? content.card : undefined, text: 'text' in content ? content.text : undefined,
      ...('file' in content && { fileKey: content.file }),
      latestCard: 'card' in content ? content.card : undefined,
    };
    if (seen === undefined) {
      messages.push(message);
      if (uuid !== undefined) byUuid.set(uuid, message);
    }
    calls.push({ method: method === 'reply' ? 'reply' : 'send', messageId: message.messageId });
    return { messageId: message.messageId, chatId: 'chatId' in to ? to.chatId : undefined };
  };

  const find = (method: string, messageId: string): RecordedMessage => {
    const found = messages.find((m) => m.messageId === messageId);
    if (found === undefined) throw fail(method, 230001);
    return found;
  };

  return {
    messages, calls,
    chats, users, files,
    failNext: (code) => { pending.push(code); },
    sendCard: (to, card, options) => Promise.resolve().then(() => post('sendCard', to, { card }, options?.uuid)),
    sendText: (to, text, options) => Promise.resolve().then(() => post('sendText', to, { text }, options?.uuid)),
    uploadFile: (file) => Promise.resolve().then(() => {
      check('uploadFile');
      const key = `file_${randomBytes(12).toString('hex')}`;
      files.set(key, { name: file.name, bytes: Buffer.from(file.bytes) });
      return key;
    }),
    sendFile: (to, fileKey, options) => Promise.resolve().then(() => post('sendFile', to, { file: fileKey }, options?.uuid)),
    reply: (messageId, content, options) => Promise.resolve().then(() => {
      find('reply', messageId);
      return post('reply', { replyTo: messageId }, content, options?.uuid);
    }),
    patchCard: (messageId, card) => Promise.resolve().then(() => {
      check('patchCard');
      find('patchCard', messageId).latestCard = card;
      calls.push({ method: 'patchCard', messageId });
    }),
    delayedUpdate: (token) => Promise.resolve().then(() => {
      check('delayedUpdate');
      calls.push({ method: 'delayedUpdate', token });
    }),
    urgent: (messageId, openIds) => Promise.resolve().then(() => {
      check('urgent');
      find('urgent', messageId);
      calls.push({ method: 'urgent', messageId, openIds: [...openIds] });
      return { invalidOpenIds: [] };
    }),
    listChatMembers: (chatId) => Promise.resolve().then(() => {
      check('listChatMembers');
      const found = chats.get(chatId);
      if (found === undefined) throw fail('listChatMembers', 232011);
      return [...found];
    }),
    getUser: (openId) => Promise.resolve().then(() => {
      check('getUser');
      const user = users.get(openId);
      if (user === undefined) throw fail('getUser', 41050);
      return user;
    }),
    botInfo: () => Promise.resolve().then(() => {
      check('botInfo');
      return { openId: MEMORY_BOT_OPEN_ID };
    }),
  };
}
