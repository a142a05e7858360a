import { afterEach, describe, expect, it } from 'vitest';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { StandIn } from '../../sandbox/open-api/index.js';
import { card, feishuError, standInWithClient } from './helpers.js';

let standIn: StandIn;
let client: lark.Client;

async function setup(): Promise<void> {
  ({ standIn, client } = await standInWithClient());
  standIn.addChat('oc_main', ['ou_a', 'ou_b', 'ou_c']);
  standIn.addChat('oc_botless', ['ou_a'], { botIn: false });
}

afterEach(async () => {
  await standIn.close();
});

const sendCard = (chatId: string, body: unknown, uuid?: string) =>
  client.im.message.create({
    params: { receive_id_type: 'chat_id' },
    data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(body), ...(uuid !== undefined ? { uuid } : {}) },
  });

describe('stand-in outbound API with the real node-sdk client', () => {
  it('issues a tenant token and records a card sent to a chat, then a reply, a patch and an urgent', async () => {
    await setup();
    const sent = await sendCard('oc_main', card('第一版'));
    expect(sent.code).toBe(0);
    const id = sent.data?.message_id ?? '';
    expect(id).toMatch(/^om_/);
    expect(sent.data?.chat_id).toBe('oc_main');

    const reply = await client.im.message.reply({ path: { message_id: id }, data: { msg_type: 'text', content: JSON.stringify({ text: '收到' }) } });
    expect(reply.data?.parent_id).toBe(id);

    const patched = await client.im.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(card('第二版')) } });
    expect(patched.code).toBe(0);
    expect(standIn.message(id)?.content).toEqual(card('第二版'));
    expect(standIn.updates()).toMatchObject([{ messageId: id, via: 'patch' }]);

    const urgent = await client.im.message.urgentApp({ path: { message_id: id }, params: { user_id_type: 'open_id' }, data: { user_id_list: ['ou_a', 'ou_zz'] } });
    expect(urgent.data?.invalid_user_id_list).toEqual(['ou_zz']);
    expect(standIn.urgents()).toMatchObject([{ messageId: id, userIds: ['ou_a'] }]);

    expect(standIn.messages().map((m) => [m.msgType, m.chatId])).toEqual([['interactive', 'oc_main'], ['text', 'oc_main']]);
    expect(standIn.requestLog.filter((r) => r.route === 'auth.tenant_access_token')).toHaveLength(1);
  });

  it('sends to a user by open_id and refuses a chat without the bot (230002) or an unknown id (230034)', async () => {
    await setup();
    const dm = await client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: 'ou_b', msg_type: 'text', content: JSON.stringify({ text: '你好' }) } });
    expect(standIn.message(dm.data?.message_id ?? '')?.openId).toBe('ou_b');
    expect((await feishuError(sendCard('oc_botless', card('x')))).code).toBe(230002);
    expect((await feishuError(sendCard('oc_nowhere', card('x')))).code).toBe(230034);
  });

  it('pages chat members with page_token and has_more', async () => {
    await setup();
    const members = Array.from({ length: 45 }, (_, i) => `ou_m${i}`);
    standIn.addChat('oc_big', members);
    const seen: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.im.chatMembers.get({ path: { chat_id: 'oc_big' }, params: { member_id_type: 'open_id', page_size: 20, ...(pageToken ? { page_token: pageToken } : {}) } });
      pages += 1;
      seen.push(...(page.data?.items ?? []).map((m) => m.member_id ?? ''));
      expect(page.data?.member_total).toBe(45);
      pageToken = page.data?.has_more ? page.data.page_token : undefined;
    } while (pageToken);
    expect(pages).toBe(3);
    expect(seen).toEqual(members);
    expect((await feishuError(client.im.chatMembers.get({ path: { chat_id: 'oc_botless' }, params: { member_id_type: 'open_id' } }))).code).toBe(232011);
  });

  it('returns a user, and 41050 / 41012 for one outside the scope / unknown', async () => {
    await setup();
    standIn.addUser('ou_named', { name: '张敏' });
    standIn.addUser('ou_hidden', { inScope: false });
    const u = await client.contact.user.get({ path: { user_id: 'ou_named' }, params: { user_id_type: 'open_id' } });
    expect(u.data?.user?.name).toBe('张敏');
    expect((await feishuError(client.contact.user.get({ path: { user_id: 'ou_hidden' }, params: { user_id_type: 'open_id' } }))).code).toBe(41050);
    expect((await feishuError(client.contact.user.get({ path: { user_id: 'ou_nobody' }, params: { user_id_type: 'open_id' } }))).code).toBe(41012);
  });

  it('refuses calls without a token (99991661) and with a revoked one (99991663)', async () => {
    await setup();
    const noAuth = await fetch(`${standIn.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, { method: 'POST', body: '{}' });
    expect(noAuth.status).toBe(400);
    expect(((await noAuth.json()) as { code: number }).code).toBe(99991661);
    await sendCard('oc_main', card('x'));
    standIn.revokeTokens();
    expect((await feishuError(sendCard('oc_main', card('y')))).code).toBe(99991663);
    expect(standIn.messages()).toHaveLength(1);
  });

  it('answers bot info with the bot the pushed mentions name, beside code (not under data), behind the token', async () => {
    await setup();
    const noAuth = await fetch(`${standIn.url}/open-apis/bot/v3/info`);
    expect(((await noAuth.json()) as { code: number }).code).toBe(99991661);
    const info = await client.request<{ code: number; bot?: { open_id: string; app_name: string; activate_status: number } }>({ method: 'GET', url: '/open-apis/bot/v3/info' });
    expect(info).toMatchObject({ code: 0, bot: { open_id: 'ou_bot', app_name: '议事', activate_status: 2 } });
    expect(standIn.requestLog.filter((r) => r.route === 'bot.info').map((r) => r.limit)).toEqual([undefined, 'admitted']);
  });

  it('posts one message for a repeated uuid and returns the original', async () => {
    await setup();
    const first = await sendCard('oc_main', card('x'), 'notice-m42-v1');
    const again = await sendCard('oc_main', card('x'), 'notice-m42-v1');
    expect(again.data?.message_id).toBe(first.data?.message_id);
    expect(standIn.messages()).toHaveLength(1);
  });

  it('refuses a card over 30 KB with 230025', async () => {
    await setup();
    const big = card('长'.repeat(11_000)); // 3 bytes per character in UTF-8 → > 30 KB
    const err = await feishuError(sendCard('oc_main', big));
    expect(err).toMatchObject({ status: 400, code: 230025 });
    expect(standIn.messages()).toHaveLength(0);
  });

  it('accepts a valid JSON 2.0 card and refuses an unknown property with 230099 / ErrCode 200621', async () => {
    await setup();
    const form = {
      schema: '2.0',
      config: { update_multi: true },
      header: { title: { tag: 'plain_text', content: '请假申请' }, template: 'orange' },
      body: {
        elements: [
          {
            tag: 'form',
            name: 'leave_form',
            elements: [
              { tag: 'input', name: 'reason', required: true, max_length: 200, label: { tag: 'plain_text', content: '事由' } },
              { tag: 'button', name: 'leave_submit', type: 'primary_filled', text: { tag: 'plain_text', content: '提交' }, form_action_type: 'submit', behaviors: [{ type: 'callback', value: { action: 'leave.submit' } }] },
            ],
          },
        ],
      },
    };
    expect((await sendCard('oc_main', form)).code).toBe(0);
    const legacy = { ...card('x'), elements: [] };
    const err = await feishuError(sendCard('oc_main', legacy));
    expect(err.code).toBe(230099);
    expect(err.msg).toContain('ext=ErrCode: 200621');
    expect(err.msg).toContain('unknown property: elements');
    const noteCard = { schema: '2.0', body: { elements: [{ tag: 'note', elements: [] }] } };
    expect((await feishuError(sendCard('oc_main', noteCard))).msg).toContain('ErrCode: 200861');
  });
});
