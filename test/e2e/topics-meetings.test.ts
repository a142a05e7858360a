/**
 * Topics, meetings and the notice end to end: the bot as src/app.ts builds it, the real SDK against
 * the stand-in, people typing and tapping the buttons of the cards the bot sent.
 */
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandIn } from '../../sandbox/open-api/index.js';
import { getProfile, RULE_FLAG_TEXT } from '../../src/rules/index.js';
import { USER_MESSAGES } from '../../src/errors.js';
import { snapshot } from '../integration/meeting-fixture.js';
import { ATTENDING } from '../../handlers/attend-meeting.js';
import { SUBMITTED_ELSEWHERE } from '../../handlers/submit-topic.js';
import { NOW_LATE } from '../../handlers/send-notice.js';
import { OBJECTION_RECORDED } from '../../handlers/raise-objection.js';
import { expectCardsValid, startWorld, stopWorld, textOf, titleOf, type World } from './meeting-world.js';
import { signed, waitFor } from './receiver-setup.js';
import { buttonOf, expectValidCard, Group, labelsOf, valueOf, type SentCard } from './conversation-driver.js';

let conversation: World;
let redis: Redis;
let standIn: StandIn;

beforeAll(async () => {
  conversation = await startWorld();
  ({ redis, standIn } = conversation);
});

afterAll(() => stopWorld(conversation));

/** "YYYY-MM-DD" in Shanghai, `days` from now. */
function shanghaiDate(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The notice's count line, as the group reads it now. */
const counts = (g: Group, notice: SentCard) => /已确认 \d+ 人 · 请假 \d+ 人 · 未回复 \d+ 人/.exec(textOf(g.cards('会议通知').find((c) => c.messageId === notice.messageId)!.card))?.[0];

async function topicConfirmed(g: Group, title: string): Promise<void> {
  await g.say('member', `/议题 ${title} 重大`);
  const pending = await g.waitCard('议题待确认', g.cards('议题待确认').length + 1);
  expectValidCard(pending.card);
  expect(textOf(pending.card)).toContain(title);
  expect(textOf(pending.card)).toContain('王委员');
  const confirm = valueOf(buttonOf(pending.card, '确认'));
  const before = await snapshot(redis, g.committeeId);
  const refused = await g.tap('member2', pending, confirm);
  expect(refused.toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_COMMITTEE_CHAIR });
  expect(await snapshot(redis, g.committeeId)).toEqual(before);
  const done = await g.tap('chair', pending, confirm);
  expect(done.toast?.type).toBe('success');
  expect(done.card && textOf(done.card)).toContain(title);
  expect(titleOf(done.card!)).toContain('议题已确认');
  // A second tap on the old copy is answered as the first; a member is still refused.
  const settled = await snapshot(redis, g.committeeId);
  const again = await g.tap('chair', pending, confirm);
  expect(again.toast).toEqual(done.toast);
  expect(again.card).toEqual(done.card);
  expect((await g.tap('member2', pending, confirm)).toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_COMMITTEE_CHAIR });
  expect(await snapshot(redis, g.committeeId)).toEqual(settled);
}

describe.each(['JY', 'NT', 'ZY', 'AJ'] as const)('%s: a topic, a meeting and its notice', (profile) => {
  it('a member submits, the chair confirms (a member is refused), the list shows it; the notice is sent and counts each answer', async () => {
    const g = await new Group(standIn, redis, profile).setUp();
    await topicConfirmed(g, '关于2027年度部门预算的请示');

    const list = await g.say('observer', '/议题列表', 1);
    const [listCard] = list.cards();
    expectValidCard(listCard);
    expect(textOf(listCard!)).toMatch(/已确认[\s\S]*关于2027年度部门预算的请示/);

    // NT notifies 2 days ahead (NT-3.4b): a meeting tomorrow is a late notice. The others set no notice term.
    const late = profile === 'NT';
    const objections = getProfile(profile).notice.objection !== null;
    const day = late ? shanghaiDate(1) : shanghaiDate(10);
    const typed = await g.say('clerk', `/会议 ${day} 09:00 第一会议室`, 1);
    const draftCard = typed.cards()[0]!;
    expectValidCard(draftCard);
    expect(textOf(draftCard)).toContain('关于2027年度部门预算的请示');
    expect(textOf(draftCard)).toContain('第一会议室');
    expect(textOf(draftCard)).toContain('周列席');
    const draft: SentCard = { messageId: standIn.messages().find((m) => m.parentId === typed.messageId)!.messageId, card: draftCard };
    const send = buttonOf(draftCard, '发送通知');
    if (late) {
      expect(JSON.stringify(send?.confirm)).toContain('晚于规定时间');
      expect(textOf(draftCard)).toContain('NT-3.4b');
    } else {
      expect(send?.confirm).toBeUndefined();
    }

    const before = await snapshot(redis, g.committeeId);
    expect((await g.tap('member', draft, valueOf(send))).toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_CLERK });
    expect(await snapshot(redis, g.committeeId)).toEqual(before);
    if (late) {
      // A card drawn while the notice was on time carries late: false: it is answered with the card that asks.
      const stale = await g.tap('clerk', draft, signed({ a: 'meeting.sendNotice', c: g.committeeId, m: valueOf(send).m, late: false }));
      expect(stale.toast).toEqual({ type: 'warning', content: NOW_LATE });
      expect(await snapshot(redis, g.committeeId)).toEqual(before);
    }
    const sent = await g.tap('clerk', draft, valueOf(send));
    expect(sent.toast?.type).toBe(late ? 'warning' : 'success');
    expect(sent.card && labelsOf(sent.card)).not.toContain('发送通知');

    const notice = await g.waitCard('会议通知');
    expectValidCard(notice.card);
    const text = textOf(notice.card);
    for (const person of ['chair', 'viceChair', 'member', 'member2', 'member3', 'observer'] as const) expect(text).toContain(`<at id=${g.openId(person)}></at>`);
    expect(text).toContain('周列席');
    expect(text).toContain('关于2027年度部门预算的请示');
    if (late) expect(text).toContain(RULE_FLAG_TEXT.LATE_NOTICE);
    else expect(text).not.toContain(RULE_FLAG_TEXT.LATE_NOTICE);
    expect(labelsOf(notice.card)).toEqual(objections ? ['参加', '请假', '提出异议', '开始签到', '改期'] : ['参加', '请假', '开始签到', '改期']);
    expect(counts(g, notice)).toBe('已确认 0 人 · 请假 0 人 · 未回复 5 人');

    const attend = valueOf(buttonOf(notice.card, '参加'));
    expect((await g.tap('member', notice, attend)).toast).toEqual({ type: 'success', content: ATTENDING });
    await waitFor(() => counts(g, notice) === '已确认 1 人 · 请假 0 人 · 未回复 4 人', 'the count after one answer');
    // A second tap is answered as the first and counts once; answers at once all count.
    await Promise.all([g.tap('member', notice, attend), g.tap('member2', notice, attend), g.tap('chair', notice, attend)]);
    await waitFor(() => counts(g, notice) === '已确认 3 人 · 请假 0 人 · 未回复 2 人', 'the count after three answers');
    // An observer attends but is no voting member: the counts do not move.
    await g.tap('observer', notice, attend);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(counts(g, notice)).toBe('已确认 3 人 · 请假 0 人 · 未回复 2 人');

    if (objections) {
      const object = valueOf(buttonOf(notice.card, '提出异议'));
      expect((await g.tap('member3', notice, object)).toast?.type).toBe('info');
      const form = await g.waitCard('议题异议', 1, { openId: g.openId('member3') });
      expectValidCard(form.card);
      const blank = await g.tap('member3', form, valueOf(buttonOf(form.card, '提出异议')), { text: '' });
      expect(blank.toast?.type).toBe('error');
      const raised = await g.tap('member3', form, valueOf(buttonOf(form.card, '提出异议')), { text: '建议改期，材料尚未送达' });
      expect(raised.toast).toEqual({ type: 'success', content: OBJECTION_RECORDED });
      expect(raised.card && textOf(raised.card)).toContain('建议改期，材料尚未送达');
      expect(labelsOf(raised.card!)).toEqual([]);
      const settled = await snapshot(redis, g.committeeId);
      expect(await g.tap('member3', form, valueOf(buttonOf(form.card, '提出异议')), { text: '建议改期，材料尚未送达' })).toEqual(raised);
      expect(await snapshot(redis, g.committeeId)).toEqual(settled);
    }

    // The clerk calls the meeting off: the notice says so and takes no more answers.
    const cancel = valueOf(buttonOf(sent.card!, '取消会议'));
    expect((await g.tap('member', draft, cancel)).toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_CLERK });
    const cancelled = await g.tap('clerk', draft, cancel);
    expect(cancelled.toast?.type).toBe('success');
    expect(JSON.stringify(cancelled.card?.header)).toContain('已取消');
    await waitFor(() => textOf(g.cards('会议通知')[0]!.card).includes('本次会议已取消'), 'the notice to say it is cancelled');
    expect(labelsOf(g.cards('会议通知')[0]!.card)).toEqual([]);
    const frozen = await snapshot(redis, g.committeeId);
    expect((await g.tap('member3', notice, attend)).toast?.type).toBe('error');
    expect(await snapshot(redis, g.committeeId)).toEqual(frozen);
    // Every card sent and every update (the notice's patches, the answers' cards) passes the check.
    expectCardsValid(conversation);
  });
});

describe('退回', () => {
  it('the chair returns a topic with a reason; without one, or by a member, nothing changes', async () => {
    const g = await new Group(standIn, redis, 'JY').setUp();
    await g.say('clerk', '/议题 关于调整机关内设机构的议题');
    const pending = await g.waitCard('议题待确认');
    const back = valueOf(buttonOf(pending.card, '退回'));
    const before = await snapshot(redis, g.committeeId);
    expect((await g.tap('chair', pending, back, { reason: '' })).toast?.type).toBe('error');
    expect((await g.tap('viceChair', pending, back, { reason: '材料不全' })).toast).toEqual({ type: 'error', content: USER_MESSAGES.NOT_COMMITTEE_CHAIR });
    expect(await snapshot(redis, g.committeeId)).toEqual(before);
    const returned = await g.tap('chair', pending, back, { reason: '材料不全，请补充后再报' });
    expect(returned.toast?.type).toBe('success');
    expect(titleOf(returned.card!)).toContain('议题已退回');
    expect(textOf(returned.card!)).toContain('材料不全，请补充后再报');
    expect(labelsOf(returned.card!)).toEqual([]);
    const settled = await snapshot(redis, g.committeeId);
    expect(await g.tap('chair', pending, back, { reason: '另一个理由' })).toEqual(returned);
    expect(await snapshot(redis, g.committeeId)).toEqual(settled);
  });
});

describe('a topic submitted in a private chat', () => {
  it('goes to the committee\'s group for the chair to confirm, and the sender is told so', async () => {
    const g = await new Group(standIn, redis, 'AJ').setUp();
    const said = await g.say('member', '/议题 关于机关作风建设的议题 一般', 1, true);
    expect(said.texts()).toEqual([SUBMITTED_ELSEWHERE]);
    const pending = await g.waitCard('议题待确认');
    expect(textOf(pending.card)).toContain('关于机关作风建设的议题');
    expect(buttonOf(pending.card, '确认')).toBeDefined();
  });
});
