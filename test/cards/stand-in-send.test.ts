import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { StandIn } from '../../sandbox/open-api/index.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { sealCard } from '../../src/bot/seal.js';
import { standInWithClient } from '../sandbox/helpers.js';
import { bigRoster, buildEveryCard } from './fixtures.js';

let standIn: StandIn;
let client: lark.Client;
const key = deriveActionKeys({ current: 'send-test-secret', previous: null });
const cards = buildEveryCard('all');

beforeAll(async () => {
  ({ standIn, client } = await standInWithClient());
  const members = bigRoster().map((m) => (m as { openId?: string }).openId!);
  // One chat per card: the stand-in, like Feishu, allows five sends a second to one chat.
  cards.forEach((_, i) => standIn.addChat(`oc_card${i}`, members));
});

afterAll(async () => {
  await standIn.close();
});

describe('every sealed card family, sent with the real node-sdk', () => {
  it('is accepted by the stand-in as Feishu would accept it, and stored as sent', async () => {
    const sent = await Promise.all(cards.map(async ({ card }, i) => {
      const sealed = sealCard(card, (v) => signActionValue(key, v));
      const res = await client.im.message.create({
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: `oc_card${i}`, msg_type: 'interactive', content: JSON.stringify(sealed) },
      });
      return { res, sealed };
    }));
    for (const { res, sealed } of sent) {
      expect(res.code).toBe(0);
      expect(standIn.message(res.data?.message_id ?? '')?.content).toEqual(sealed);
    }
  });
});
