/**
 * 会议签到's counts follow every sign-in, even one made after 开始签到 and before the outbox has
 * posted the card: the stand-in is made slow to answer, so the post is still under way when a
 * member signs in; the posted card is brought up to date right after it lands.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_OPENED } from '../../handlers/open-sign-in.js';
import { SIGNED_IN } from '../../handlers/sign-in.js';
import { waitFor } from './receiver-setup.js';
import { committeeIn, expectCardsValid, noticedMeeting, sealed, startWorld, stopWorld, textOf, titleOf, type World } from './meeting-world.js';
import { tapper } from './vote-taps.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

describe('a sign-in made while the 会议签到 card is being posted', () => {
  it('is on the card\'s counts once it is posted', async () => {
    const chatId = 'oc_sign_in_window';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general']);
    const tap = tapper(w, chatId, roster);
    const sheets = () => w.standIn.messages().filter((msg) => msg.chatId === chatId && titleOf(msg.content).includes('会议签到'));
    w.standIn.inject({ rate: 0, errors: [], latencyMs: 1500 });
    try {
      expect((await tap('clerk1', sealed({ a: 'meeting.openSignIn', c, m }))).toast).toEqual({ type: 'success', content: SIGN_IN_OPENED });
      expect((await tap('m1', sealed({ a: 'signIn.signIn', c, m }))).toast).toEqual({ type: 'success', content: SIGNED_IN.voting });
      // The post is still under way: the sign-in came first.
      expect(sheets()).toEqual([]);
    } finally {
      w.standIn.clearInjection();
    }
    await waitFor(() => sheets().length === 1, 'the sign-in card posted');
    const sheet = sheets()[0]?.messageId ?? '';
    await waitFor(() => textOf(w.standIn.message(sheet)?.content).includes('实到 1 人'), 'the card counting the sign-in');
    expect(sheets()).toHaveLength(1);
    expectCardsValid(w);
  }, 30_000);
});
