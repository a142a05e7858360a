/** im/v1 message routes: create, reply, patch, urgent_app. */
import { bad, ok, str } from './api-types.js';
import type { ApiContext, ApiRequest, Json, Route } from './api-types.js';
import { cardErrorMsg, checkCard, isV2 } from './card-check.js';
import type { RateTarget } from './rate-window.js';
import { newId } from './state.js';
import type { StandInState, StoredMessage, UpdateRecord } from './state.js';

const cardLimitBytes = 30 * 1024;
const textLimitBytes = 150 * 1024;
const uuidTtlMs = 60 * 60 * 1000;
const updateWindowMs = 14 * 24 * 60 * 60 * 1000;

/** Parses and checks `content` the way the IM service does for its `msg_type`. */
export function parseContent(msgType: string, content: unknown): unknown {
  if (typeof content !== 'string') throw bad(230001, 'invalid param: content must be a JSON string');
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > (msgType === 'text' ? textLimitBytes : cardLimitBytes)) throw bad(230025, 'The message is too large');
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    if (msgType === 'interactive') throw bad(230099, cardErrorMsg({ sub: 200621, message: 'ErrMsg: parse card json err, please check whether the card json is correct; ErrorValue: invalid json' }));
    throw bad(230001, 'invalid param: content is not valid JSON');
  }
  if (msgType === 'text' && (typeof parsed !== 'object' || parsed === null || typeof (parsed as Json).text !== 'string')) {
    throw bad(230001, 'invalid param: text content needs a text field');
  }
  if (msgType === 'interactive') {
    const problem = checkCard(parsed);
    if (problem) throw bad(230099, cardErrorMsg(problem));
  }
  return parsed;
}

function receiver(req: ApiRequest, ctx: ApiContext): { chatId?: string; openId?: string } {
  const type = req.query.get('receive_id_type');
  const id = str(req.body.receive_id);
  if (id === undefined) throw bad(230001, 'invalid param: receive_id');
  if (type === 'chat_id') {
    const chat = ctx.state.chats.get(id);
    if (!chat) throw bad(230034, 'The receive_id is invalid');
    if (!chat.botIn) throw bad(230002, 'The bot is not in the chat');
    return { chatId: id };
  }
  if (type === 'open_id') {
    if (!ctx.state.users.has(id)) throw bad(230034, 'The receive_id is invalid');
    return { openId: id };
  }
  throw bad(230001, `invalid param: receive_id_type ${type ?? '(missing)'} is not supported by the stand-in`);
}

function dataOf(msg: StoredMessage, ctx: ApiContext, raw: string): Json {
  return {
    message_id: msg.messageId,
    ...(msg.rootId !== undefined ? { root_id: msg.rootId, parent_id: msg.parentId } : {}),
    msg_type: msg.msgType,
    create_time: String(msg.at),
    update_time: String(msg.at),
    deleted: false,
    updated: false,
    chat_id: msg.chatId ?? `oc_p2p_${msg.openId ?? ''}`,
    sender: { id: ctx.appId, id_type: 'app_id', sender_type: 'app', tenant_key: ctx.tenantKey },
    body: { content: raw },
  };
}

/** Same `uuid` within an hour → the original message, nothing new is posted. */
function deduplicated(req: ApiRequest, ctx: ApiContext): Json | undefined {
  const uuid = str(req.body.uuid);
  if (uuid === undefined) return undefined;
  if (uuid.length > 50) throw bad(230001, 'invalid param: uuid longer than 50 characters');
  const seen = ctx.state.uuids.get(uuid);
  if (!seen || req.now - seen.at > uuidTtlMs) return undefined;
  const original = ctx.state.messages.get(seen.messageId);
  return original ? ok(dataOf(original, ctx, JSON.stringify(original.content))) : undefined;
}

function post(req: ApiRequest, ctx: ApiContext, to: { chatId?: string; openId?: string }, parent?: StoredMessage): Json {
  const again = deduplicated(req, ctx);
  if (again) return again;
  const msgType = str(req.body.msg_type) ?? '';
  if (!['text', 'post', 'interactive', 'file'].includes(msgType)) throw bad(230001, `invalid param: msg_type ${msgType}`);
  const raw = req.body.content;
  const content = parseContent(msgType, raw);
  if (msgType === 'file' && !ctx.state.files.has(str((content as Json).file_key) ?? '')) throw bad(230001, 'invalid param: file_key is not a file this app uploaded');
  const uuid = str(req.body.uuid);
  const msg: StoredMessage = {
    messageId: newId('om_'),
    ...to,
    msgType,
    content,
    at: req.now,
    sender: 'app',
    ...(uuid !== undefined ? { uuid } : {}),
    ...(parent ? { parentId: parent.messageId, rootId: parent.rootId ?? parent.messageId } : {}),
  };
  ctx.state.record(msg);
  if (uuid !== undefined) ctx.state.uuids.set(uuid, { messageId: msg.messageId, at: req.now });
  return ok(dataOf(msg, ctx, raw as string));
}

const FILE_TYPES = ['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream'];
const fileLimitBytes = 30 * 1024 * 1024;

/** im/v1/files: a multipart upload; the bytes are kept for the tests to read back. */
function upload(req: ApiRequest, ctx: ApiContext): Json {
  const fileType = str(req.body.file_type) ?? '';
  const fileName = str(req.body.file_name) ?? '';
  const bytes = req.body.file;
  if (!FILE_TYPES.includes(fileType)) throw bad(234001, 'Invalid request param: file_type');
  if (fileName === '') throw bad(234001, 'Invalid request param: file_name');
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw bad(234006, 'The file is empty or missing');
  if (bytes.length > fileLimitBytes) throw bad(234006, 'The file is larger than 30 MB');
  const fileKey = newId('file_v3_');
  ctx.state.files.set(fileKey, { fileKey, fileType, fileName, bytes, at: req.now });
  return ok({ file_key: fileKey });
}

function existing(req: ApiRequest, ctx: ApiContext, missingCode: number): StoredMessage {
  const msg = ctx.state.messages.get(req.params.message_id ?? '');
  if (!msg) throw bad(missingCode, 'The message is invalid or has been recalled');
  return msg;
}

const targetOf = (msg: { chatId?: string; openId?: string }): RateTarget | undefined =>
  msg.chatId !== undefined ? { kind: 'chat', id: msg.chatId } : msg.openId !== undefined ? { kind: 'user', id: msg.openId } : undefined;

function patch(req: ApiRequest, ctx: ApiContext): Json {
  const msg = existing(req, ctx, 230011);
  if (msg.sender !== 'app' || msg.msgType !== 'interactive') throw bad(230001, 'invalid param: only interactive messages sent by this app can be patched');
  if (req.now - msg.at > updateWindowMs) throw bad(230031, 'The message is older than 14 days');
  const content = parseContent('interactive', req.body.content);
  if (isV2(msg.content) && !isV2(content)) throw bad(230099, cardErrorMsg({ sub: 200830, message: 'ErrMsg: a schema 2.0 card cannot be updated to 1.0' }));
  applyUpdate(ctx.state, msg, content, req.now, 'patch');
  return ok({});
}

export function applyUpdate(state: StandInState, msg: StoredMessage, content: unknown, at: number, via: UpdateRecord['via']): void {
  msg.content = content;
  state.updates.push({ messageId: msg.messageId, at, content, via });
  state.changed({ kind: 'update', messageId: msg.messageId });
}

function urgent(req: ApiRequest, ctx: ApiContext): Json {
  const msg = existing(req, ctx, 230011);
  if (msg.sender !== 'app') throw bad(230012, 'The bot is not the sender of the message');
  const ids = Array.isArray(req.body.user_id_list) ? req.body.user_id_list.filter((x): x is string => typeof x === 'string') : [];
  if (ids.length === 0 || ids.length > 200) throw bad(230001, 'invalid param: user_id_list');
  const chat = msg.chatId !== undefined ? ctx.state.chats.get(msg.chatId) : undefined;
  if (chat && !chat.botIn) throw bad(230002, 'The bot is not in the chat');
  const reachable = (id: string): boolean => (chat ? chat.members.includes(id) : id === msg.openId);
  const invalid = ids.filter((id) => !reachable(id));
  if (invalid.length === ids.length) throw bad(230001, 'invalid param: all user ids are invalid');
  ctx.state.urgents.push({ messageId: msg.messageId, userIds: ids.filter(reachable), invalidUserIds: invalid, at: req.now });
  ctx.state.changed({ kind: 'urgent', messageId: msg.messageId });
  return ok({ invalid_user_id_list: invalid });
}

const messageId = (req: ApiRequest): string => req.params.message_id ?? '';

export const messageRoutes: Route[] = [
  {
    name: 'message.create',
    method: 'POST',
    pattern: /^\/open-apis\/im\/v1\/messages$/,
    auth: true,
    limited: true,
    target: (req) => {
      const id = str(req.body.receive_id) ?? '';
      return req.query.get('receive_id_type') === 'chat_id' ? { kind: 'chat', id } : { kind: 'user', id };
    },
    handle: (req, ctx) => post(req, ctx, receiver(req, ctx)),
  },
  {
    name: 'message.reply',
    method: 'POST',
    pattern: /^\/open-apis\/im\/v1\/messages\/(?<message_id>[^/]+)\/reply$/,
    auth: true,
    limited: true,
    target: (req, ctx) => {
      const parent = ctx.state.messages.get(messageId(req));
      return parent ? targetOf(parent) : undefined;
    },
    handle: (req, ctx) => {
      const parent = existing(req, ctx, 230011);
      const chat = parent.chatId !== undefined ? ctx.state.chats.get(parent.chatId) : undefined;
      if (chat && !chat.botIn) throw bad(230002, 'The bot is not in the chat');
      const to = parent.chatId !== undefined ? { chatId: parent.chatId } : { openId: parent.openId ?? parent.senderOpenId ?? '' };
      return post(req, ctx, to, parent);
    },
  },
  {
    name: 'message.patch',
    method: 'PATCH',
    pattern: /^\/open-apis\/im\/v1\/messages\/(?<message_id>[^/]+)$/,
    auth: true,
    limited: true,
    target: (req) => ({ kind: 'update', id: messageId(req) }),
    handle: patch,
  },
  {
    name: 'file.create',
    method: 'POST',
    pattern: /^\/open-apis\/im\/v1\/files$/,
    auth: true,
    limited: false,
    handle: upload,
  },
  {
    name: 'message.urgent_app',
    method: 'PATCH',
    pattern: /^\/open-apis\/im\/v1\/messages\/(?<message_id>[^/]+)\/urgent_app$/,
    auth: true,
    limited: true,
    handle: urgent,
  },
];
