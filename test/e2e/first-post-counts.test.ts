/**
 * Cards that count answers follow every answer, even one given after the card was sent and before
 * the outbox has posted it: the stand-in is made slow to answer, so the post is still under way
 * when a member answers; the posted card is brought up to date right after it lands, with no
 * later answer needed. 会议通知 counts 参加, 会议签到 counts sign-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_OPENED } from '../../handlers/open-sign-in.js';
import { NOTICE_SENT } from '../../handlers/send-notice.js';
import { SIGNED_IN } from '../../handlers/sign-in.js';
import { waitFor } from './receiver-setup.js';
import { committeeIn, expectCardsValid, noticedMeeting, sealed, startWorld, stopWorld, textOf, titleOf, type World } from './meeting-world.js';
import { tapper } from './vote-taps.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

/** Every card of `title` in the chat. */
const cardsTitled = (chatId: string, title: string) => w.standIn.messages().filter((msg) => msg.chatId === chatId && titleOf(msg.content).includes(title));

/** Runs `taps` while the stand-in takes 1.5 s to answer each call, so the card's post is still under way. */
async function whilePostsAreSlow(taps: () => Promise<void>): Promise<void> {
  w.standIn.inject({ rate: 0, errors: [], latencyMs: 1500 });
  try {
    await taps();
  } finally {
    w.standIn.clearInjection();
  }
}

/** The one posted card of `title`, once it shows `counted`. */
async function expectPostedOnceCounting(chatId: string, title: string, counted: string): Promise<void> {
  await waitFor(() => cardsTitled(chatId, title).length === 1, `the ${title} posted`);
  const posted = cardsTitled(chatId, title)[0]?.messageId ?? '';
  await waitFor(() => textOf(w.standIn.message(posted)?.content).includes(counted), `the ${title} counting the answer`);
  expect(cardsTitled(chatId, title)).toHaveLength(1);
  expectCardsValid(w);
}

describe('an answer given while its card is being posted', () => {
  it('is on the notice\'s counts once it is posted', async () => {
    const chatId = 'oc_notice_window';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general'], false);
    const tap = tapper(w, chatId, roster);
    await whilePostsAreSlow(async () => {
      expect((await tap('clerk1', sealed({ a: 'meeting.sendNotice', c, m, late: false }))).toast).toEqual({ type: 'success', content: NOTICE_SENT });
      expect((await tap('m1', sealed({ a: 'notice.attend', c, m }))).toast?.type).toBe('success');
      // The post is still under way: the answer came first.
      expect(cardsTitled(chatId, '会议通知')).toEqual([]);
    });
    await expectPostedOnceCounting(chatId, '会议通知', '已确认 1 人');
  }, 30_000);

  it('is on the sign-in card\'s counts once it is posted', async () => {
    const chatId = 'oc_sign_in_window';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general']);
    const tap = tapper(w, chatId, roster);
    await whilePostsAreSlow(async () => {
      expect((await tap('clerk1', sealed({ a: 'meeting.openSignIn', c, m }))).toast).toEqual({ type: 'success', content: SIGN_IN_OPENED });
      expect((await tap('m1', sealed({ a: 'signIn.signIn', c, m }))).toast).toEqual({ type: 'success', content: SIGNED_IN.voting });
      // The post is still under way: the sign-in came first.
      expect(cardsTitled(chatId, '会议签到')).toEqual([]);
    });
    await expectPostedOnceCounting(chatId, '会议签到', '实到 1 人');
  }, 30_000);
});
