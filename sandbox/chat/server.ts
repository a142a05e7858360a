/**
 * The chat page's server, a koa middleware over the stand-in's public API only: the page, its
 * state, a live stream of changes (server-sent events), and posting a message or tapping a card
 * exactly as Feishu would push them to the bot. Every body is checked; a bad one gets 400 and a
 * short Chinese sentence and changes nothing.
 */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type Koa from 'koa';
import { z } from 'zod';
import { PROFILE_NAMES } from '../../cards/copy.js';
import { readRawBody } from '../../src/server/app.js';
import { PROFILE_IDS } from '../../src/rules/types.js';
import { BOT_MENTION, DemoNotReadyError } from '../demo.js';
import { demoChatName } from '../demo-roster.js';
import type { SandboxContext } from '../start.js';
import { PAGE_SENTENCE } from './copy.js';
import { GROUP, canSee, chatIdOf, chatOf, toChatMessage, type ChatMessage, type MessageSource } from './messages.js';

const BODY_LIMIT = 16 * 1024;
const TIME_ZONE = 'Asia/Shanghai';
/** How often a stream checks that the server still listens, and every how many checks it sends a keep-alive. */
const STREAM_CHECK_MS = 250;
const STREAM_BEATS = 60;

const Json = z.record(z.string(), z.unknown());
const MessageBody = z.strictObject({
  as: z.string().min(1).max(100),
  chat: z.string().min(1).max(100),
  text: z.string().trim().min(1).max(2000),
  mentions: z.array(z.string().min(1).max(100)).max(20).default([]),
});
const TapBody = z.strictObject({
  as: z.string().min(1).max(100),
  messageId: z.string().min(1).max(100),
  value: Json,
  formValue: Json.optional(),
  name: z.string().max(200).optional(),
});
const ResetBody = z.strictObject({ profile: z.enum([...PROFILE_IDS, 'blank']) });

class BadRequest extends Error {}

const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/chat/page.js': { file: 'page.js', type: 'text/javascript; charset=utf-8' },
  '/chat/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

async function bodyOf<T>(ctx: Koa.Context, schema: z.ZodType<T>): Promise<T> {
  const raw = await readRawBody(ctx.req, BODY_LIMIT);
  if (raw === 'too_large') throw new BadRequest(PAGE_SENTENCE.tooLarge);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new BadRequest(PAGE_SENTENCE.badRequest);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new BadRequest(PAGE_SENTENCE.badRequest);
  return result.data;
}

/** The text as Feishu carries it: each @name picked becomes its `@_user_N` placeholder, in order. */
function withPlaceholders(text: string, names: readonly string[], offset: number): string {
  let out = text;
  let from = 0;
  names.forEach((name, i) => {
    const placeholder = `@_user_${i + 1 + offset}`;
    const at = out.indexOf(`@${name}`, from);
    if (at < 0) {
      out = `${out} ${placeholder}`;
      from = out.length;
    } else {
      out = `${out.slice(0, at)}${placeholder}${out.slice(at + name.length + 1)}`;
      from = at + placeholder.length;
    }
  });
  return out;
}

/** `context.demo` is read per request: the page is mounted before the demo is seeded. */
export function chatPage(context: SandboxContext): Koa.Middleware {
  const { standIn } = context;
  const people = () => context.demo.people();
  const source: MessageSource = { standIn, groupChatId: () => context.demo.chatId, people, timeZone: TIME_ZONE };
  const streams = new Set<ServerResponse>();

  const send = (event: string, data: unknown): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    // A stream ended a moment ago is dropped on its 'close'; until then it is skipped, never written.
    for (const res of streams) if (!res.writableEnded) res.write(frame);
  };
  standIn.subscribe((change) => {
    const stored = standIn.message(change.messageId);
    const shown = stored === undefined ? undefined : toChatMessage(stored, source);
    if (shown !== undefined) send(change.kind, shown);
  });

  const person = (openId: string) => {
    const found = people().find((p) => p.openId === openId);
    if (found === undefined) throw new BadRequest(PAGE_SENTENCE.unknownPerson);
    return found;
  };

  const state = () => ({
    profile: context.demo.profile(),
    profiles: [{ id: 'blank', name: PAGE_SENTENCE.blankProfile }, ...PROFILE_IDS.map((id) => ({ id, name: PROFILE_NAMES[id] }))],
    people: people(),
    group: { key: GROUP, name: demoChatName(context.demo.profile()) },
    messages: standIn.conversation().map((m) => toChatMessage(m, source)).filter((m): m is ChatMessage => m !== undefined),
  });

  async function postMessage(ctx: Koa.Context): Promise<unknown> {
    const body = await bodyOf(ctx, MessageBody);
    person(body.as);
    if (body.chat !== GROUP && body.chat !== body.as) throw new BadRequest(PAGE_SENTENCE.notYourChat);
    const mentioned = [...new Set(body.mentions)].map(person);
    const inGroup = body.chat === GROUP;
    const text = withPlaceholders(body.text, mentioned.map((p) => p.name), inGroup ? 1 : 0);
    const mentions = [...(inGroup ? [BOT_MENTION] : []), ...mentioned.map((p) => ({ openId: p.openId, name: p.name }))];
    const delivery = standIn.push.message({
      chatId: chatIdOf(body.chat, context.demo.chatId), chatType: inGroup ? 'group' : 'p2p', senderOpenId: body.as,
      text: inGroup ? `@_user_1 ${text}` : text, mentions,
    });
    return { messageId: delivery.messageId };
  }

  async function tap(ctx: Koa.Context): Promise<unknown> {
    const body = await bodyOf(ctx, TapBody);
    person(body.as);
    const stored = standIn.message(body.messageId);
    const chat = stored === undefined ? undefined : chatOf(stored, context.demo.chatId);
    if (stored === undefined || chat === undefined) throw new BadRequest(PAGE_SENTENCE.unknownMessage);
    if (!canSee(body.as, chat, people())) throw new BadRequest(PAGE_SENTENCE.notVisible);
    if (stored.sender !== 'app' || stored.msgType !== 'interactive') throw new BadRequest(PAGE_SENTENCE.notCard);
    const outcome = await standIn.push.cardAction({
      operatorOpenId: body.as, messageId: body.messageId, chatId: chatIdOf(chat, context.demo.chatId), value: body.value, tag: 'button',
      ...(body.formValue === undefined ? {} : { formValue: body.formValue }), ...(body.name === undefined ? {} : { name: body.name }),
    });
    if (outcome.status !== 200) return { ok: false, error: PAGE_SENTENCE.botSilent };
    if (outcome.clientCode !== undefined) return { ok: false, error: PAGE_SENTENCE.refused(outcome.clientCode) };
    return { ok: true, ...(outcome.toast === undefined ? {} : { toast: outcome.toast }), cardChanged: outcome.cardApplied };
  }

  async function reset(ctx: Koa.Context): Promise<unknown> {
    const body = await bodyOf(ctx, ResetBody);
    send('reset', { profile: body.profile });
    try {
      await context.demo.reset(body.profile);
    } catch {
      ctx.status = 500;
      return { error: PAGE_SENTENCE.resetFailed };
    } finally {
      send('reset', { profile: context.demo.profile() });
    }
    return { ok: true, profile: context.demo.profile() };
  }

  /**
   * A stream per open page. It ends as soon as the bot's server stops listening, so that closing
   * the sandbox never waits for a browser tab (`connection: close` lets the socket go with it).
   */
  function events(ctx: Koa.Context): void {
    ctx.respond = false;
    const res = ctx.res;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'close' });
    res.write('retry: 1000\n\n');
    streams.add(res);
    const server = (ctx.req.socket as { server?: { listening?: boolean } }).server;
    let beats = 0;
    const timer = setInterval(() => {
      if (res.writableEnded) return;
      if (server?.listening === false) res.end();
      else if ((beats += 1) % STREAM_BEATS === 0) res.write(': keep-alive\n\n');
    }, STREAM_CHECK_MS);
    timer.unref();
    res.on('close', () => {
      clearInterval(timer);
      streams.delete(res);
    });
  }

  const POSTS: Record<string, (ctx: Koa.Context) => Promise<unknown>> = { '/chat/api/message': postMessage, '/chat/api/tap': tap, '/chat/api/reset': reset };

  return async (ctx, next) => {
    try {
      await route(ctx, next);
    } catch (error) {
      if (!(error instanceof DemoNotReadyError)) throw error;
      ctx.status = 503;
      ctx.set('retry-after', '1');
      ctx.body = { error: PAGE_SENTENCE.demoNotReady };
    }
  };

  async function route(ctx: Koa.Context, next: Koa.Next): Promise<void> {
    const page = ctx.method === 'GET' ? STATIC[ctx.path] : undefined;
    if (page !== undefined) {
      ctx.type = page.type;
      ctx.set('cache-control', 'no-store');
      ctx.body = await readFile(new URL(`./public/${page.file}`, import.meta.url));
      return;
    }
    if (ctx.method === 'GET' && ctx.path === '/favicon.ico') {
      ctx.status = 204;
      return;
    }
    if (ctx.method === 'GET' && ctx.path === '/chat/api/state') {
      ctx.body = state();
      return;
    }
    if (ctx.method === 'GET' && ctx.path === '/chat/api/events') {
      events(ctx);
      return;
    }
    if (ctx.method === 'GET' && ctx.path.startsWith('/chat/api/file/')) {
      const file = standIn.file(decodeURIComponent(ctx.path.slice('/chat/api/file/'.length)));
      if (file === undefined) {
        ctx.status = 404;
        ctx.body = { error: PAGE_SENTENCE.noFile };
        return;
      }
      ctx.type = 'application/octet-stream';
      ctx.attachment(file.fileName);
      ctx.body = file.bytes;
      return;
    }
    const post = ctx.method === 'POST' ? POSTS[ctx.path] : undefined;
    if (post === undefined) {
      await next();
      return;
    }
    try {
      ctx.body = await post(ctx);
    } catch (error) {
      if (!(error instanceof BadRequest)) throw error;
      ctx.status = 400;
      ctx.body = { error: error.message };
    }
  }
}
