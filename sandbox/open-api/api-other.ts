/** Token, chat members, contact user, bot info and delayed card update routes. */
import { ApiError, bad, ok, str } from './api-types.js';
import type { ApiContext, ApiRequest, Json, Route } from './api-types.js';
import { applyUpdate, parseContent } from './api-messages.js';
import { isV2 } from './card-check.js';
import { newId } from './state.js';

const tokenLifeMs = 7200 * 1000;
const reissueBelowMs = 30 * 60 * 1000;
const cardTokenLifeMs = 30 * 60 * 1000;
const cardTokenUses = 2;

/** Same token while ≥ 30 min remain; a new one (old still valid) below that, as Feishu does. */
function issueToken(req: ApiRequest, ctx: ApiContext): Json {
  if (req.body.app_id !== ctx.appId || req.body.app_secret !== ctx.appSecret) throw bad(10015, 'wrong app secret');
  let best: [string, number] | undefined;
  for (const entry of ctx.state.tokens) if (!best || entry[1] > best[1]) best = entry;
  if (!best || best[1] - req.now < reissueBelowMs) {
    best = [newId('t-', 16), req.now + tokenLifeMs];
    ctx.state.tokens.set(best[0], best[1]);
  }
  return { code: 0, msg: 'ok', tenant_access_token: best[0], expire: Math.floor((best[1] - req.now) / 1000) };
}

/** Bearer check: missing → 99991661, unknown/expired/revoked → 99991663. */
export function authenticate(authorization: string | undefined, now: number, ctx: ApiContext): void {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (token === undefined) throw new ApiError(ctx.authErrorStatus, 99991661, 'Missing access token for authorization');
  const expiry = ctx.state.tokens.get(token);
  if (expiry === undefined || expiry <= now) throw new ApiError(ctx.authErrorStatus, 99991663, 'Invalid access token for authorization');
}

function members(req: ApiRequest, ctx: ApiContext): Json {
  const chat = ctx.state.chats.get(req.params.chat_id ?? '');
  if (!chat) throw bad(232006, 'Invalid chat_id');
  if (!chat.botIn) throw bad(232011, 'Operator and chat can NOT be in different tenants, or the bot is not in the chat');
  const size = Math.min(Math.max(Number(req.query.get('page_size') ?? 20) || 20, 1), 100);
  const offset = Number(Buffer.from(req.query.get('page_token') ?? '', 'base64').toString('utf8') || '0');
  const slice = chat.members.slice(offset, offset + size);
  const next = offset + size;
  const hasMore = next < chat.members.length;
  return ok({
    items: slice.map((id) => ({ member_id_type: 'open_id', member_id: id, name: ctx.state.users.get(id)?.name ?? '', tenant_key: ctx.tenantKey })),
    has_more: hasMore,
    ...(hasMore ? { page_token: Buffer.from(String(next), 'utf8').toString('base64') } : {}),
    member_total: chat.members.length,
  });
}

function user(req: ApiRequest, ctx: ApiContext): Json {
  const u = ctx.state.users.get(req.params.user_id ?? '');
  if (!u) throw bad(41012, 'invalid user id');
  if (!u.inScope) throw bad(41050, 'no user authority error');
  const avatar = `https://example.invalid/avatar/${u.openId}`;
  return ok({
    user: {
      open_id: u.openId,
      union_id: u.unionId,
      name: u.name,
      en_name: u.name,
      avatar: { avatar_72: avatar, avatar_240: avatar, avatar_640: avatar, avatar_origin: avatar },
      status: { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false },
      department_ids: [],
    },
  });
}

/** The app's bot; Feishu answers it at the top level (`bot`), not under `data`. */
function botInfo(_req: ApiRequest, ctx: ApiContext): Json {
  return { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: ctx.bot.name, avatar_url: `https://example.invalid/avatar/${ctx.bot.openId}`, ip_white_list: [], open_id: ctx.bot.openId } };
}

/** Delayed update by callback token: `c-…`, 30 minutes, 2 uses, only after the callback was answered. */
function cardUpdate(req: ApiRequest, ctx: ApiContext): Json {
  const token = str(req.body.token) ?? '';
  if (!token.startsWith('c-')) throw bad(300020, 'token format error');
  const entry = ctx.state.cardTokens.get(token);
  if (!entry || req.now - entry.issuedAt > cardTokenLifeMs) throw bad(300030, 'token expired');
  if (entry.answeredAt === undefined) throw bad(10002, 'the callback has not been answered yet');
  if (entry.uses >= cardTokenUses) throw bad(300040, 'token update times exceed limit');
  const msg = ctx.state.messages.get(entry.messageId);
  if (!msg) throw bad(200000, 'message recalled');
  const card = req.body.card;
  if (typeof card !== 'object' || card === null) throw bad(100030, 'card is not a JSON object');
  if ('open_ids' in card && isV2(msg.content)) throw bad(200320, 'open_ids is not allowed for shared cards');
  const parsed = parseContent('interactive', JSON.stringify(card));
  entry.uses += 1;
  applyUpdate(ctx.state, msg, parsed, req.now, 'card.update');
  return { code: 0, msg: 'ok' };
}

export const otherRoutes: Route[] = [
  { name: 'auth.tenant_access_token', method: 'POST', pattern: /^\/open-apis\/auth\/v3\/tenant_access_token\/internal$/, auth: false, limited: false, handle: issueToken },
  { name: 'chat.members', method: 'GET', pattern: /^\/open-apis\/im\/v1\/chats\/(?<chat_id>[^/]+)\/members$/, auth: true, limited: true, handle: members },
  { name: 'bot.info', method: 'GET', pattern: /^\/open-apis\/bot\/v3\/info$/, auth: true, limited: true, handle: botInfo },
  { name: 'contact.user', method: 'GET', pattern: /^\/open-apis\/contact\/v3\/users\/(?<user_id>[^/]+)$/, auth: true, limited: true, handle: user },
  {
    name: 'card.update',
    method: 'POST',
    pattern: /^\/open-apis\/interactive\/v1\/card\/update$/,
    auth: true,
    limited: true,
    target: (req, ctx) => {
      const entry = ctx.state.cardTokens.get(str(req.body.token) ?? '');
      return entry ? { kind: 'update', id: entry.messageId } : undefined;
    },
    handle: cardUpdate,
  },
];
