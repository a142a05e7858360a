/**
 * 会议通知's counts follow every answer, even one given after 发送通知 and before the outbox has
 * posted the notice: the stand-in is made slow to answer, so the post is still under way when a
 * member taps 参加; the posted notice is brought up to date right after it lands, with no later
 * answer needed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTICE_SENT } from '../../handlers/send-notice.js';
import { waitFor } from './receiver-setup.js';
import { committeeIn, expectCardsValid, noticedMeeting, sealed, startWorld, stopWorld, textOf, titleOf, type World } from './meeting-world.js';
import { tapper } from './vote-taps.js';

let w: World;
beforeAll(async () => { w = await startWorld(); });
afterAll(async () => { await stopWorld(w); });

describe('an answer given while the notice is being posted', () => {
  it('is on the notice\'s counts once it is posted', async () => {
    const chatId = 'oc_notice_window';
    const { id: c, roster } = await committeeIn(w, 'JY', chatId);
    const { meetingId: m } = await noticedMeeting(w, c, ['general'], false);
    const tap = tapper(w, chatId, roster);
    const notices = () => w.standIn.messages().filter((msg) => msg.chatId === chatId && titleOf(msg.content).includes('会议通知'));
    w.standIn.inject({ rate: 0, errors: [], latencyMs: 1500 });
    try {
      expect((await tap('clerk1', sealed({ a: 'meeting.sendNotice', c, m, late: false }))).toast).toEqual({ type: 'success', content: NOTICE_SENT });
      expect((await tap('m1', sealed({ a: 'notice.attend', c, m }))).toast?.type).toBe('success');
      // The post is still under way: the answer came first.
      expect(notices()).toEqual([]);
    } finally {
      w.standIn.clearInjection();
    }
    await waitFor(() => notices().length === 1, 'the notice posted');
    const notice = notices()[0]?.messageId ?? '';
    await waitFor(() => textOf(w.standIn.message(notice)?.content).includes('已确认 1 人'), 'the notice counting the answer');
    expect(w.standIn.messages().filter((msg) => msg.chatId === chatId && titleOf(msg.content).includes('会议通知'))).toHaveLength(1);
    expectCardsValid(w);
  }, 30_000);
});
