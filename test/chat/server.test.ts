/**
 * The chat page's server on a whole sandbox (its own redis-server, the stand-in, the real bot):
 * the page and its state, a message and a tap pushed exactly as Feishu would push them, the live
 * stream, files, and every bad body refused with a short Chinese sentence, changing nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUTTON, TITLE } from '../../cards/copy.js';
import { chatPage } from '../../sandbox/chat/index.js';
import { buttonValue } from '../../sandbox/demo.js';
import { memoryTokenCache } from '../../sandbox/open-api/index.js';
import { startSandbox, type Sandbox } from '../../sandbox/start.js';
import { memoryLogger } from '../../src/log.js';
import { loadSandboxSecrets, SANDBOX_SECRETS_NAME } from '../../src/sandbox-secrets.js';
import { titleOf } from '../e2e/group-chat.js';
import { waitFor } from '../e2e/receiver-setup.js';

const CHAIR = 'ou_demo_chair';
const MEMBER = 'ou_demo_m1';
let dataDir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'yishi-chat-'));
  sandbox = await startSandbox({ port: 0, dataDir, log: memoryLogger('warn'), pages: chatPage });
}, 60_000);

afterAll(async () => {
  await sandbox.close();
  rmSync(dataDir, { recursive: true, force: true });
});

interface ChatMessage { id: string; chat: string; from: string; kind: string; html: string; file?: { name: string; url: string }; urgentTo?: string[] }
interface State { profile: string; people: { openId: string; name: string; role: string }[]; group: { name: string }; messages: ChatMessage[] }

const get = async (path: string): Promise<Response> => fetch(`${sandbox.url}${path}`);
const state = async (): Promise<State> => (await (await get('/chat/api/state')).json()) as State;
const post = async (path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
  const res = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
/** The sandbox app's own client (its secrets from the data folder), to send what the bot does not send yet. */
const appClient = (): lark.Client => {
  const secrets = loadSandboxSecrets(join(dataDir, SANDBOX_SECRETS_NAME));
  return new lark.Client({ appId: secrets.appId, appSecret: secrets.appSecret, domain: sandbox.standIn.url, cache: memoryTokenCache(), loggerLevel: lark.LoggerLevel.error });
};
const cardsTitled = (title: string) => sandbox.standIn.messages().filter((m) => titleOf(m.content).includes(title));

/** Reads the event stream until `found` says it has what it waits for. */
async function streamUntil(found: (events: { event: string; data: ChatMessage }[]) => boolean, act: () => Promise<unknown>): Promise<{ event: string; data: ChatMessage }[]> {
  const abort = new AbortController();
  const res = await fetch(`${sandbox.url}/chat/api/events`, { signal: abort.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const events: { event: string; data: ChatMessage }[] = [];
  let buffer = '';
  await act();
  const deadline = Date.now() + 15_000;
  while (!found(events) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += new TextDecoder().decode(value);
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) as ChatMessage });
    }
  }
  abort.abort();
  return events;
}

describe('the chat page server', () => {
  it('serves the page, its script and style, and the state: people with roles, the group, the seeded cards rendered', async () => {
    const page = await get('/');
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    for (const word of ['当前身份', '重置演示', '/chat/page.js']) expect(html).toContain(word);
    expect((await get('/chat/page.js')).headers.get('content-type')).toContain('javascript');
    expect((await get('/chat/style.css')).headers.get('content-type')).toContain('text/css');
    const s = await state();
    expect(s.profile).toBe('JY');
    expect(s.people.map((p) => p.role)).toEqual(['书记', '副书记', '成员', '成员', '成员', '成员', '秘书', '列席']);
    expect(s.group.name).toContain('党组');
    const cards = s.messages.filter((m) => m.kind === 'card' && m.chat === 'group');
    expect(cards.map((m) => /title-text">([^<]*)/.exec(m.html)?.[1])).toEqual([TITLE.setup, TITLE.topicPending, TITLE.topicPending]);
    expect(s.messages.filter((m) => m.kind === 'text' && m.from === MEMBER).map((m) => m.html)).toEqual([expect.stringContaining('/议题')]);
  });

  it('a message is pushed as im.message.receive_v1 from that person, mentions as placeholders; the stream shows it as typed and the answer', async () => {
    const [vice] = (await state()).people.filter((p) => p.role === '副书记');
    const before = sandbox.standIn.messages().length;
    let id = '';
    const events = await streamUntil((e) => e.some((x) => x.data.from === 'bot' && x.data.chat === 'group' && x.data.html.includes(TITLE.topicPending)), async () => {
      const sent = await post('/chat/api/message', { as: MEMBER, chat: 'group', text: `/议题 关于@${vice!.name}分管工作调整的议题 人事`, mentions: [vice!.openId] });
      expect(sent.status).toBe(200);
      id = String(sent.body.messageId);
    });
    expect(sandbox.standIn.message(id)).toMatchObject({ sender: 'user', senderOpenId: MEMBER, chatId: sandbox.demo.chatId, content: { text: '@_user_1 /议题 关于@_user_2分管工作调整的议题 人事' } });
    const delivered = sandbox.standIn.deliveries().find((d) => d.type === 'im.message.receive_v1' && d.outcome === 'delivered' && d.attempts.length > 0);
    expect(delivered).toBeDefined();
    expect(events.find((e) => e.data.id === id)?.data.html).toBe(`<span class="mention">@议事</span> /议题 关于<span class="mention">@${vice!.name}</span>分管工作调整的议题 人事`);
    expect(sandbox.standIn.messages().length).toBeGreaterThan(before);
  });

  it('a tap is pushed as card.action.trigger from that person: the toast comes back, a refusal changes nothing', async () => {
    const [topic] = cardsTitled(TITLE.topicPending);
    const value = buttonValue(topic!.content, BUTTON.confirm)!;
    const refused = await post('/chat/api/tap', { as: MEMBER, messageId: topic!.messageId, value });
    expect(refused).toMatchObject({ status: 200, body: { ok: true, toast: { type: 'error' }, cardChanged: false } });
    expect((refused.body.toast as { content: string }).content).toContain('书记');
    const confirmed = await post('/chat/api/tap', { as: CHAIR, messageId: topic!.messageId, value });
    expect(confirmed).toMatchObject({ status: 200, body: { ok: true, cardChanged: true } });
    expect(titleOf(sandbox.standIn.message(topic!.messageId)?.content)).toContain(TITLE.topicConfirmed);
    expect(sandbox.standIn.cardActions().at(-1)?.status).toBe(200);
  });

  it('an urgent (加急) on a card is marked with the names it went to, live on the stream', async () => {
    const [topic] = cardsTitled(TITLE.topicPending);
    const events = await streamUntil((e) => e.some((x) => x.event === 'urgent'), () =>
      appClient().im.message.urgentApp({ path: { message_id: topic!.messageId }, params: { user_id_type: 'open_id' }, data: { user_id_list: [CHAIR, MEMBER] } }));
    const names = ['王建国', '张明'];
    expect(events.find((e) => e.event === 'urgent')?.data).toMatchObject({ id: topic!.messageId, urgentTo: names });
    expect((await state()).messages.find((m) => m.id === topic!.messageId)?.urgentTo).toEqual(names);
  });

  it('a file the bot sends shows with its name and downloads its stored bytes', async () => {
    const client = appClient();
    const bytes = Buffer.from('会议纪要正文');
    const uploaded = await client.im.file.create({ data: { file_type: 'doc', file_name: '会议纪要.docx', file: bytes } });
    await client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: sandbox.demo.chatId, msg_type: 'file', content: JSON.stringify({ file_key: String(uploaded?.file_key) }) } });
    await waitFor(async () => (await state()).messages.some((m) => m.kind === 'file'), 'the file message');
    const file = (await state()).messages.find((m) => m.kind === 'file')!;
    expect(file.file?.name).toBe('会议纪要.docx');
    const download = await get(file.file!.url);
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
    expect((await get('/chat/api/file/file_v3_nothing')).status).toBe(404);
  });

  it.each([
    ['not JSON', '/chat/api/message', '{"as":'],
    ['a missing text', '/chat/api/message', { as: MEMBER, chat: 'group' }],
    ['an empty text', '/chat/api/message', { as: MEMBER, chat: 'group', text: '   ' }],
    ['an extra key', '/chat/api/message', { as: MEMBER, chat: 'group', text: '/帮助', admin: true }],
    ['someone not in the demo', '/chat/api/message', { as: 'ou_stranger', chat: 'group', text: '/帮助' }],
    ["someone else's private chat", '/chat/api/message', { as: MEMBER, chat: CHAIR, text: '/帮助' }],
    ['a mention of a stranger', '/chat/api/message', { as: MEMBER, chat: 'group', text: '/设置 书记 @某人', mentions: ['ou_stranger'] }],
    ['a text too long', '/chat/api/message', { as: MEMBER, chat: 'group', text: '长'.repeat(2001) }],
    ['a body too large', '/chat/api/message', { as: MEMBER, chat: 'group', text: 'x'.repeat(20_000) }],
    ['a tap on no message', '/chat/api/tap', { as: MEMBER, messageId: 'om_nothing', value: { a: 'x' } }],
    ['a tap with a string value', '/chat/api/tap', { as: MEMBER, messageId: 'om_nothing', value: 'topic.confirm' }],
    ['an unknown profile', '/chat/api/reset', { profile: 'XX' }],
  ])('%s gets 400 with a Chinese sentence and changes nothing', async (_name, path, body) => {
    const before = sandbox.standIn.conversation().length;
    const actions = sandbox.standIn.cardActions().length;
    const answer = await post(path, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatch(/^[\u4e00-\u9fa5“”，。、：（）\s]+$/u);
    expect(sandbox.standIn.conversation().length).toBe(before);
    expect(sandbox.standIn.cardActions().length).toBe(actions);
  });

  it('a tap on a text, or on a card in someone else\'s private chat, is refused before it reaches the bot', async () => {
    const text = sandbox.standIn.conversation().find((m) => m.msgType === 'text')!;
    const actions = sandbox.standIn.cardActions().length;
    expect(await post('/chat/api/tap', { as: MEMBER, messageId: text.messageId, value: { a: 'x' } })).toMatchObject({ status: 400 });
    const sent = await post('/chat/api/message', { as: CHAIR, chat: CHAIR, text: '/帮助' });
    await waitFor(() => sandbox.standIn.messages().some((m) => m.parentId === sent.body.messageId), 'the private help card');
    const help = sandbox.standIn.messages().find((m) => m.parentId === sent.body.messageId)!;
    expect((await state()).messages.find((m) => m.id === help.messageId)?.chat).toBe(CHAIR);
    const answer = await post('/chat/api/tap', { as: MEMBER, messageId: help.messageId, value: { a: 'x' } });
    expect(answer).toMatchObject({ status: 400, body: { error: '这条消息不在当前身份的会话中。' } });
    expect(sandbox.standIn.cardActions().length).toBe(actions);
  });

  it('重置演示 to blank leaves the setup card alone in the group, and the stream says so', async () => {
    const events = await streamUntil((e) => e.filter((x) => x.event === 'reset').length >= 2, () => post('/chat/api/reset', { profile: 'blank' }));
    expect(events.filter((e) => e.event === 'reset')).toHaveLength(2);
    const s = await state();
    expect(s.profile).toBe('blank');
    expect(s.messages.map((m) => /title-text">([^<]*)/.exec(m.html)?.[1])).toEqual([TITLE.setup]);
  }, 30_000);

  it('closing the sandbox ends an open page stream at once instead of waiting for the browser', async () => {
    const res = await fetch(`${sandbox.url}/chat/api/events`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const started = Date.now();
    await sandbox.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) expect(chunk.value).toBeDefined();
  }, 20_000);
});
