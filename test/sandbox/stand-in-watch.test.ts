/**
 * The stand-in's change hook and conversation, which the chat page reads: every new message (the
 * app's and the users', with their mentions), card update and urgent is told once, in order, and
 * nothing after unsubscribing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StandIn, StandInChange } from '../../sandbox/open-api/index.js';
import { card, standInWithClient } from './helpers.js';

let standIn: StandIn | undefined;
afterEach(async () => {
  await standIn?.close();
});

describe('stand-in watchers', () => {
  it('hear each message, update and urgent once, in order; a throwing watcher breaks nothing; unsubscribed hear nothing', async () => {
    const started = await standInWithClient();
    standIn = started.standIn;
    const { client } = started;
    standIn.addChat('oc_main', ['ou_a', 'ou_b']);
    const heard: StandInChange[] = [];
    const stop = standIn.subscribe((c) => heard.push(c));
    standIn.subscribe(() => {
      throw new Error('a broken watcher');
    });

    const user = standIn.push.message({ chatId: 'oc_main', senderOpenId: 'ou_a', text: '@_user_1 /帮助 @_user_2', mentions: [{ openId: 'ou_bot', name: '议事' }, { openId: 'ou_b', name: '李四' }] }, { retry: false });
    const sent = await client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_main', msg_type: 'interactive', content: JSON.stringify(card('第一版')) } });
    const id = sent.data?.message_id ?? '';
    await client.im.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(card('第二版')) } });
    await client.im.message.urgentApp({ path: { message_id: id }, params: { user_id_type: 'open_id' }, data: { user_id_list: ['ou_b'] } });

    expect(heard).toEqual([
      { kind: 'message', messageId: user.messageId },
      { kind: 'message', messageId: id },
      { kind: 'update', messageId: id },
      { kind: 'urgent', messageId: id },
    ]);
    expect(standIn.conversation().map((m) => [m.messageId, m.sender])).toEqual([[user.messageId, 'user'], [id, 'app']]);
    expect(standIn.message(user.messageId)).toMatchObject({ senderOpenId: 'ou_a', mentions: [{ openId: 'ou_bot', name: '议事' }, { openId: 'ou_b', name: '李四' }] });

    stop();
    await client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_main', msg_type: 'text', content: JSON.stringify({ text: '再发一条' }) } });
    expect(heard).toHaveLength(4);
    expect(standIn.conversation()).toHaveLength(3);
  });
});
