/**
 * The one small interface the bot uses to talk to Feishu, and its implementation over the SDK's
 * `Client`. Every answer's `code` is checked (the SDK resolves HTTP 200 answers with `code != 0`);
 * every failure becomes a {@link LarkApiError}. Nothing here logs: payloads may name a voter.
 */
import * as lark from '@larksuiteoapi/node-sdk';
import type { z } from 'zod';
import { LarkApiError, TOKEN_CODES } from './errors.js';
import { BotInfoSchema, ChatMembersPageSchema, EnvelopeSchema, FileKeySchema, SentMessageSchema, UrgentResultSchema, UserSchema } from './schemas.js';

/** Where a message goes: a group chat or one user (p2p), by open_id. */
export type Receiver = { readonly chatId: string } | { readonly openId: string };
/** A card JSON 2.0 object (built by cards/); sent as its JSON string. */
export type Card = Readonly<Record<string, unknown>>;
/** What a reply carries. */
export type ReplyContent = { readonly card: Card } | { readonly text: string };

export interface SentMessage {
  readonly messageId: string;
  readonly chatId: string | undefined;
}

export interface ChatMember {
  readonly openId: string;
  readonly name: string | undefined;
}

export interface LarkUser {
  readonly openId: string;
  readonly name: string | undefined;
  readonly resigned: boolean;
}

export interface SendOptions {
  /** Feishu's idempotency key (≤ 50 chars): the same uuid posts at most once within an hour. */
  readonly uuid?: string;
}

export interface LarkApi {
  sendCard(to: Receiver, card: Card, options?: SendOptions): Promise<SentMessage>;
  sendText(to: Receiver, text: string, options?: SendOptions): Promise<SentMessage>;
  reply(messageId: string, content: ReplyContent, options?: SendOptions): Promise<SentMessage>;
  /** Uploads a document (im/v1/files, multipart; at most 30 MB) and returns its file_key. */
  uploadFile(file: { name: string; bytes: Buffer }): Promise<string>;
  /** A `file` message of an uploaded file. */
  sendFile(to: Receiver, fileKey: string, options?: SendOptions): Promise<SentMessage>;
  /** Replaces a shared card for everyone (PATCH; the card needs `config.update_multi: true`). */
  patchCard(messageId: string, card: Card): Promise<void>;
  /** Updates a card after a callback, by the callback's `c-…` token (usable twice, within 30 min). */
  delayedUpdate(token: string, card: Card): Promise<void>;
  /** Buzzes users in the app about a message the bot sent; returns the ids Feishu refused. */
  urgent(messageId: string, openIds: readonly string[]): Promise<{ invalidOpenIds: string[] }>;
  /** Every (human) member of a chat, paged by hand so that an error on any page throws. */
  listChatMembers(chatId: string): Promise<ChatMember[]>;
  getUser(openId: string): Promise<LarkUser>;
  /** The app's own bot: its open_id tells its @-mention apart from people's. */
  botInfo(): Promise<{ openId: string }>;
}

export interface LarkClientOptions {
  readonly appId: string;
  readonly appSecret: string;
  /** Base URL without trailing slash (config's LARK_DOMAIN), e.g. http://127.0.0.1:4010 in tests. */
  readonly domain: string;
  /** Per-request timeout; the SDK's default instance has none. */
  readonly timeoutMs?: number;
}

const silent = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined };

/** An HTTP instance that adds a timeout to every request, without changing the SDK's shared default. */
function withTimeout(timeoutMs: number): lark.HttpInstance {
  // The default instance already unwraps answers to their bodies, which is what HttpInstance promises.
  const base = lark.defaultHttpInstance as unknown as lark.HttpInstance;
  const opts = <T extends object | undefined>(o: T) => ({ timeout: timeoutMs, ...o });
  return {
    request: (o) => base.request(opts(o)),
    get: (url, o) => base.get(url, opts(o)),
    delete: (url, o) => base.delete(url, opts(o)),
    head: (url, o) => base.head(url, opts(o)),
    options: (url, o) => base.options(url, opts(o)),
    post: (url, data, o) => base.post(url, data, opts(o)),
    put: (url, data, o) => base.put(url, data, opts(o)),
    patch: (url, data, o) => base.patch(url, data, opts(o)),
  };
}

/**
 * The SDK client as the bot wants it: its own token cache (not the process-wide one, so two
 * clients never share a token), a timeout, and a silent logger (the SDK logs request bodies).
 */
export function createLarkClient(options: LarkClientOptions): lark.Client {
  return new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.domain,
    cache: new lark.DefaultCache(),
    httpInstance: withTimeout(options.timeoutMs ?? 10_000),
    logger: silent,
  });
}

interface AxiosLike {
  isAxiosError: true;
  code?: string;
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
}

function isAxiosLike(error: unknown): error is AxiosLike {
  return typeof error === 'object' && error !== null && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Turns whatever the SDK threw into a LarkApiError. */
export function toLarkApiError(method: string, error: unknown): LarkApiError {
  if (error instanceof LarkApiError) return error;
  if (isAxiosLike(error)) {
    const body = EnvelopeSchema.safeParse(error.response?.data);
    const headers = error.response?.headers;
    const reset = Number(header(headers, 'x-ogw-ratelimit-reset'));
    return new LarkApiError({
      method,
      larkCode: body.success ? body.data.code : undefined,
      larkMsg: body.success ? body.data.msg : undefined,
      httpStatus: error.response?.status,
      logId: header(headers, 'x-tt-logid'),
      retryAfterMs: Number.isFinite(reset) && reset >= 0 ? reset * 1000 : undefined,
      networkCode: error.response === undefined ? (error.code ?? 'ERR_NETWORK') : undefined,
      // No cause: an AxiosError carries the request body (a card, maybe a name) into any log of it.
    });
  }
  // The token manager throws a plain Error when the token endpoint refuses (SDK ≥ 1.68).
  const text = error instanceof Error ? error.message : '';
  const tokenCode = /tenant_access_token, code: (\d+)/.exec(text)?.[1];
  return new LarkApiError({
    method, larkCode: tokenCode === undefined ? undefined : Number(tokenCode), larkMsg: undefined,
    httpStatus: undefined, logId: undefined, retryAfterMs: undefined, networkCode: tokenCode === undefined ? 'ERR_UNKNOWN' : undefined,
  }, { cause: error });
}

/** Checks `code` and parses `data`; a malformed success is an error too (we cannot use it). */
function unwrap<S extends z.ZodType>(method: string, body: unknown, schema: S): z.infer<S> {
  const envelope = EnvelopeSchema.safeParse(body);
  if (!envelope.success) throw new LarkApiError({ method, larkCode: undefined, larkMsg: 'unreadable answer', httpStatus: 200, logId: undefined, retryAfterMs: undefined, networkCode: undefined });
  if (envelope.data.code !== 0) {
    throw new LarkApiError({ method, larkCode: envelope.data.code, larkMsg: envelope.data.msg, httpStatus: 200, logId: undefined, retryAfterMs: undefined, networkCode: undefined });
  }
  const data = schema.safeParse(envelope.data.data ?? {});
  if (!data.success) throw new LarkApiError({ method, larkCode: 0, larkMsg: 'answer does not match the documented shape', httpStatus: 200, logId: undefined, retryAfterMs: undefined, networkCode: undefined });
  return data.data;
}

const receiveParams = (to: Receiver) => ('chatId' in to
  ? { params: { receive_id_type: 'chat_id' as const }, receiveId: to.chatId }
  : { params: { receive_id_type: 'open_id' as const }, receiveId: to.openId });

const toSent = (data: z.infer<typeof SentMessageSchema>): SentMessage => ({ messageId: data.message_id, chatId: data.chat_id });

/** The interface over a real SDK client. */
export function createLarkApi(client: lark.Client): LarkApi {
  /** Runs one call; on a refused token, drops the cached one and tries exactly once more. */
  async function call<S extends z.ZodType>(method: string, schema: S, run: () => Promise<unknown>): Promise<z.infer<S>> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return unwrap(method, await run(), schema);
      } catch (error) {
        const failure = toLarkApiError(method, error);
        if (attempt > 0 || failure.larkCode === undefined || !TOKEN_CODES.has(failure.larkCode)) throw failure;
        await client.cache.set(lark.CTenantAccessToken, undefined, 0, { namespace: client.appId });
      }
    }
  }

  const send = (method: string, to: Receiver, msgType: string, content: string, options?: SendOptions) => {
    const { params, receiveId } = receiveParams(to);
    return call(method, SentMessageSchema, () => client.im.message.create({
      params, data: { receive_id: receiveId, msg_type: msgType, content, ...(options?.uuid === undefined ? {} : { uuid: options.uuid }) },
    })).then(toSent);
  };

  return {
    sendCard: (to, card, options) => send('sendCard', to, 'interactive', JSON.stringify(card), options),
    sendText: (to, text, options) => send('sendText', to, 'text', JSON.stringify({ text }), options),
    // The SDK answers this call with the envelope's data alone (a 200 with a non-zero code gives none).
    uploadFile: async (file) => (await call('uploadFile', FileKeySchema, async () => ({
      code: 0, data: await client.im.file.create({ data: { file_type: 'doc', file_name: file.name, file: file.bytes } }),
    }))).file_key,
    sendFile: (to, fileKey, options) => send('sendFile', to, 'file', JSON.stringify({ file_key: fileKey }), options),
    reply: (messageId, content, options) => call('reply', SentMessageSchema, () => client.im.message.reply({
      path: { message_id: messageId },
      data: {
        msg_type: 'card' in content ? 'interactive' : 'text',
        content: JSON.stringify('card' in content ? content.card : { text: content.text }),
        ...(options?.uuid === undefined ? {} : { uuid: options.uuid }),
      },
    })).then(toSent),
    patchCard: async (messageId, card) => {
      await call('patchCard', EnvelopeSchema.shape.data, () => client.im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }));
    },
    // Not generated in node-sdk 1.74: a raw request on the same client.
    delayedUpdate: async (token, card) => {
      await call('delayedUpdate', EnvelopeSchema.shape.data, () => client.request({ method: 'POST', url: '/open-apis/interactive/v1/card/update', data: { token, card } }));
    },
    urgent: async (messageId, openIds) => {
      const data = await call('urgent', UrgentResultSchema, () => client.im.message.urgentApp({
        path: { message_id: messageId }, params: { user_id_type: 'open_id' }, data: { user_id_list: [...openIds] },
      }));
      return { invalidOpenIds: data.invalid_user_id_list ?? [] };
    },
    listChatMembers: async (chatId) => {
      const members: ChatMember[] = [];
      let pageToken: string | undefined;
      // Bounded: a misbehaving server that always says has_more cannot loop us forever.
      for (let page = 0; page < 1000; page += 1) {
        const data = await call('listChatMembers', ChatMembersPageSchema, () => client.im.chatMembers.get({
          path: { chat_id: chatId },
          params: { member_id_type: 'open_id', page_size: 100, ...(pageToken === undefined ? {} : { page_token: pageToken }) },
        }));
        for (const item of data.items ?? []) members.push({ openId: item.member_id, name: item.name });
        if (data.has_more !== true || data.page_token === undefined || data.page_token === '') return members;
        pageToken = data.page_token;
      }
      throw new LarkApiError({ method: 'listChatMembers', larkCode: undefined, larkMsg: 'too many pages', httpStatus: 200, logId: undefined, retryAfterMs: undefined, networkCode: undefined });
    },
    getUser: async (openId) => {
      const data = await call('getUser', UserSchema, () => client.contact.user.get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } }));
      return { openId: data.user.open_id, name: data.user.name, resigned: data.user.status?.is_resigned === true };
    },
    // Not generated in node-sdk 1.74, and answered with `bot` beside `code` instead of `data`.
    botInfo: async () => {
      const data = await call('botInfo', BotInfoSchema, async () => {
        const body = await client.request<{ code?: unknown; msg?: unknown; bot?: unknown } | null>({ method: 'GET', url: '/open-apis/bot/v3/info' });
        return { code: body?.code, msg: body?.msg, data: body?.bot };
      });
      return { openId: data.open_id };
    },
  };
}
