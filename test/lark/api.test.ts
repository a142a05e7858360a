/** The Lark API interface with the real SDK against the Open Platform stand-in. */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStandIn, type StandIn } from '../../sandbox/open-api/index.js';
import { createLarkApi, createLarkClient, type LarkApi } from '../../src/lark/api.js';
import { LarkApiError } from '../../src/lark/errors.js';

const APP = { appId: 'cli_0123456789abcdef', appSecret: 'secret' };
const card = (text: string) => ({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'markdown', content: text }] } });

async function failure(promise: Promise<unknown>): Promise<LarkApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LarkApiError) return error;
    throw error;
  }
  throw new Error('expected a LarkApiError');
}

describe('Lark API interface over the SDK client (stand-in)', () => {
  let standIn: StandIn;
  let api: LarkApi;
  const members = Array.from({ length: 230 }, (_, i) => `ou_m${String(i).padStart(3, '0')}`);

  beforeAll(async () => {
    standIn = await startStandIn({ ...APP, verificationToken: 'v' });
    standIn.addChat('oc_big', members, { botIn: true, name: '党组' });
    standIn.addChat('oc_out', ['ou_m000'], { botIn: false });
    // One chat per test that sends: each chat takes at most 5 messages a second.
    for (const chatId of ['oc_err', 'oc_tok', 'oc_429', 'oc_file']) standIn.addChat(chatId, ['ou_m000'], { botIn: true });
    standIn.addUser('ou_x', { name: '张敏' });
    api = createLarkApi(createLarkClient({ ...APP, domain: standIn.url, timeoutMs: 2000 }));
  });
  afterAll(async () => {
    await standIn.close();
  });

  it('uploads a document (multipart, bytes kept exactly) and sends it as a file message, once per uuid', async () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
    const fileKey = await api.uploadFile({ name: '第六次党组会议纪要.docx', bytes });
    expect(standIn.file(fileKey)).toMatchObject({ fileName: '第六次党组会议纪要.docx', fileType: 'doc' });
    expect(standIn.file(fileKey)?.bytes.equals(bytes)).toBe(true);
    const sent = await api.sendFile({ chatId: 'oc_file' }, fileKey, { uuid: 'u-file' });
    expect(standIn.message(sent.messageId)).toMatchObject({ chatId: 'oc_file', msgType: 'file', content: { file_key: fileKey } });
    expect((await api.sendFile({ chatId: 'oc_file' }, fileKey, { uuid: 'u-file' })).messageId).toBe(sent.messageId);
  });

  it('refuses an empty upload and a file message of a file never uploaded', async () => {
    expect((await failure(api.uploadFile({ name: '空.docx', bytes: Buffer.alloc(0) }))).larkCode).toBe(234006);
    expect((await failure(api.sendFile({ chatId: 'oc_file' }, 'file_v3_never'))).larkCode).toBe(230001);
  });

  it('sends a card to a chat and a text to a user, with the uuid', async () => {
    const a = await api.sendCard({ chatId: 'oc_big' }, card('会议通知'), { uuid: 'u-1' });
    const b = await api.sendText({ openId: 'ou_x' }, '您好');
    expect(standIn.message(a.messageId)).toMatchObject({ chatId: 'oc_big', msgType: 'interactive', uuid: 'u-1', content: card('会议通知') });
    expect(standIn.message(b.messageId)).toMatchObject({ openId: 'ou_x', msgType: 'text', content: { text: '您好' } });
    // The same uuid again returns the original message and posts nothing new.
    const again = await api.sendCard({ chatId: 'oc_big' }, card('会议通知'), { uuid: 'u-1' });
    expect(again.messageId).toBe(a.messageId);
    expect(standIn.messages().filter((m) => m.uuid === 'u-1')).toHaveLength(1);
  });

  it('replies, patches for everyone and buzzes users', async () => {
    const sent = await api.sendCard({ chatId: 'oc_big' }, card('v1'));
    const reply = await api.reply(sent.messageId, { text: '收到' });
    expect(standIn.message(reply.messageId)).toMatchObject({ parentId: sent.messageId, content: { text: '收到' } });
    await api.patchCard(sent.messageId, card('v2'));
    expect(standIn.message(sent.messageId)?.content).toEqual(card('v2'));
    const urgent = await api.urgent(sent.messageId, ['ou_m001', 'ou_nobody']);
    expect(urgent.invalidOpenIds).toEqual(['ou_nobody']);
  });

  it('lists every member across pages (230 members, 100 per page)', async () => {
    const listed = await api.listChatMembers('oc_big');
    expect(listed.map((m) => m.openId).sort()).toEqual([...members].sort());
  });

  it('throws on an error on a later page instead of returning a short roster', async () => {
    // A loopback proxy that answers 429 to the second page only (the SDK's iterator would stop silently).
    const proxy = createServer((req, res) => {
      if ((req.url ?? '').includes('/members') && (req.url ?? '').includes('page_token=')) {
        res.writeHead(429, { 'content-type': 'application/json', 'x-ogw-ratelimit-reset': '1' }).end(JSON.stringify({ code: 99991400, msg: 'request trigger frequency limit' }));
        return;
      }
      const upstream = request(`${standIn.url}${req.url ?? ''}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const viaProxy = createLarkApi(createLarkClient({ ...APP, domain: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, timeoutMs: 2000 }));
      const error = await failure(viaProxy.listChatMembers('oc_big'));
      expect([error.larkCode, error.httpStatus, error.retryAfterMs]).toEqual([99991400, 429, 1000]);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('gets a user', async () => {
    expect(await api.getUser('ou_x')).toEqual({ openId: 'ou_x', name: '张敏', resigned: false });
  });

  it('reads the bot\'s own open_id from bot info, with a bearer token and counted like every other call', async () => {
    expect(await api.botInfo()).toEqual({ openId: 'ou_bot' });
    const call = standIn.requestLog.filter((r) => r.route === 'bot.info').at(-1);
    expect([call?.method, call?.path, call?.status, call?.limit]).toEqual(['GET', '/open-apis/bot/v3/info', 200, 'admitted']);
    standIn.revokeTokens();
    expect(await api.botInfo()).toEqual({ openId: 'ou_bot' });
    standIn.inject({ rate: 1, errors: [500], routes: ['bot.info'] });
    try {
      expect((await failure(api.botInfo())).httpStatus).toBe(500);
    } finally {
      standIn.clearInjection();
    }
  });

  it('turns Feishu errors into LarkApiError with the code, status and retry class', async () => {
    const notIn = await failure(api.sendCard({ chatId: 'oc_out' }, card('x')));
    expect([notIn.larkCode, notIn.httpStatus, notIn.retryable]).toEqual([230002, 400, false]);
    const tooBig = await failure(api.sendCard({ chatId: 'oc_err' }, card('长'.repeat(12_000))));
    expect([tooBig.larkCode, tooBig.retryable]).toEqual([230025, false]);
    const badCard = await failure(api.sendCard({ chatId: 'oc_err' }, { schema: '2.0', body: { elements: [], bogus: 1 } }));
    expect(badCard.larkCode).toBe(230099);
    const members = await failure(api.listChatMembers('oc_out'));
    expect(members.larkCode).toBe(232011);
    const user = await failure(api.getUser('ou_unknown'));
    expect(user.larkCode).toBe(41012);
  });

  it('refetches the token once when Feishu says it is invalid (99991663)', async () => {
    standIn.revokeTokens();
    const sent = await api.sendText({ chatId: 'oc_tok' }, '令牌已更新');
    expect(standIn.message(sent.messageId)).toBeDefined();
  });

  it('reports a 429 with the reset header as retryable after that many seconds', async () => {
    standIn.inject({ rate: 1, errors: [429], routes: ['message.create'] });
    try {
      const error = await failure(api.sendText({ chatId: 'oc_429' }, 'x'));
      expect([error.larkCode, error.httpStatus, error.retryable, error.retryAfterMs]).toEqual([99991400, 429, true, 1000]);
    } finally {
      standIn.clearInjection();
    }
  });
});
