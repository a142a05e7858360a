/** What the stand-in remembers: tenants' users and chats, every message, update, urgent and call. */
import { randomBytes } from 'node:crypto';

export interface User {
  openId: string;
  unionId: string;
  name: string;
  /** false → contact API answers 41050 (outside the app's contact scope). */
  inScope: boolean;
}

export interface Chat {
  chatId: string;
  name: string;
  members: string[];
  botIn: boolean;
}

export interface StoredMessage {
  messageId: string;
  chatId?: string;
  openId?: string;
  msgType: string;
  /** The parsed `content` (card object for interactive, `{text}` for text); the latest version. */
  content: unknown;
  uuid?: string;
  at: number;
  parentId?: string;
  rootId?: string;
  sender: 'app' | 'user';
  senderOpenId?: string;
  /** A pushed user message's mentions, in the order of its `@_user_N` placeholders. */
  mentions?: { openId: string; name: string }[];
}

export interface UpdateRecord {
  messageId: string;
  at: number;
  content: unknown;
  via: 'patch' | 'card.update' | 'callback';
}

export interface UrgentRecord {
  messageId: string;
  userIds: string[];
  invalidUserIds: string[];
  at: number;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  route: string;
  at: number;
  status: number;
  code: number;
  /** `chat:<id>`, `user:<id>` or `update:<messageId>` for rate-limited targets. */
  target?: string;
  /** Set when the answer was an injected fault. */
  injected?: string;
  /** What the rate limiter said, for calls that reached it (not for auth failures or injected 429/5xx). */
  limit?: 'admitted' | 'gateway' | 'business';
}

export interface CardToken {
  token: string;
  messageId: string;
  issuedAt: number;
  uses: number;
  answeredAt?: number;
}

export interface UploadedFile {
  fileKey: string;
  fileType: string;
  fileName: string;
  bytes: Buffer;
  at: number;
}

/** What changed, for a watcher such as the chat page: a new message, an updated card, an urgent. */
export interface StandInChange {
  kind: 'message' | 'update' | 'urgent';
  messageId: string;
}

export const newId = (prefix: string, bytes = 12): string => `${prefix}${randomBytes(bytes).toString('hex')}`;

export class StandInState {
  readonly users = new Map<string, User>();
  readonly chats = new Map<string, Chat>();
  readonly messages = new Map<string, StoredMessage>();
  readonly messageOrder: StoredMessage[] = [];
  readonly updates: UpdateRecord[] = [];
  readonly urgents: UrgentRecord[] = [];
  readonly requestLog: RequestLogEntry[] = [];
  readonly uuids = new Map<string, { messageId: string; at: number }>();
  readonly cardTokens = new Map<string, CardToken>();
  /** Files uploaded through im/v1/files, by file_key, with their bytes as received. */
  readonly files = new Map<string, UploadedFile>();
  /** tenant_access_token → expiry (stand-in clock, ms). */
  readonly tokens = new Map<string, number>();
  readonly watchers = new Set<(change: StandInChange) => void>();

  /** Tells every watcher; a watcher that throws never breaks the API call that caused the change. */
  changed(change: StandInChange): void {
    for (const watch of this.watchers) {
      try {
        watch(change);
      } catch {
        // the watcher's own failure is its own
      }
    }
  }

  addUser(openId: string, opts: { name?: string; inScope?: boolean } = {}): User {
    const user: User = {
      openId,
      unionId: `on_${openId.replace(/^ou_/, '')}`,
      name: opts.name ?? `用户${this.users.size + 1}`,
      inScope: opts.inScope ?? true,
    };
    this.users.set(openId, user);
    return user;
  }

  addChat(chatId: string, members: string[], opts: { botIn?: boolean; name?: string } = {}): Chat {
    for (const m of members) if (!this.users.has(m)) this.addUser(m);
    const chat: Chat = { chatId, name: opts.name ?? chatId, members: [...members], botIn: opts.botIn ?? true };
    this.chats.set(chatId, chat);
    return chat;
  }

  /** Forgets every message, update, urgent, file and card token (users, chats and tokens stay). */
  clearHistory(): void {
    this.messages.clear();
    this.messageOrder.length = 0;
    this.updates.length = 0;
    this.urgents.length = 0;
    this.uuids.clear();
    this.cardTokens.clear();
    this.files.clear();
  }

  record(msg: StoredMessage): void {
    this.messages.set(msg.messageId, msg);
    if (msg.sender === 'app') this.messageOrder.push(msg);
    this.changed({ kind: 'message', messageId: msg.messageId });
  }
}
