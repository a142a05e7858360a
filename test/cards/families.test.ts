import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { sealCard } from '../../src/bot/seal.js';
import { ActionSchema } from '../../cards/actions.js';
import { BUTTON, FIELD, TITLE } from '../../cards/copy.js';
import type { Card } from '../../cards/types.js';
import { checkNotice, evaluateItem, getProfile } from '../../src/rules/index.js';
import { buildMeetingLeaveCard, toMeetingLeaveFormView } from '../../cards/leave-cards.js';
import { buildMeetingDraftCard, toMeetingDraftView } from '../../cards/meeting-draft-card.js';
import { buildNoticeCard, toNoticeView } from '../../cards/notice-card.js';
import { buildSetupCard, toSetupView } from '../../cards/setup-card.js';
import { buildSignInCard, toSignInView } from '../../cards/sign-in-card.js';
import { buildTopicCard, toTopicView } from '../../cards/topic-card.js';
import { buildTopicListCard, toTopicListView } from '../../cards/topic-list-card.js';
import { bigCommittee, bigMeeting, bigRoster, bigTopics, buildEveryCard, C, ITEMS, MEMBERS, NOW, TZ } from './fixtures.js';
import { buttonsOf, callbackValues, fieldLabels } from './walk.js';

const key = deriveActionKeys({ current: 'test-secret', previous: null });
const sealed = (card: Card): Card => sealCard(card, (v) => signActionValue(key, v));
/** What Feishu measures: the UTF-8 bytes of the message `content`, the card's JSON text. */
const bytes = (card: Card): number => Buffer.byteLength(JSON.stringify(card), 'utf8');
const LIMIT = 30 * 1024;

const all = buildEveryCard('all');
const none = buildEveryCard('none');

describe(`every card family at ${MEMBERS} members and ${ITEMS} agenda items`, () => {
  it.each(all.map((c) => [c.name, c.card] as const))('%s passes the stand-in card check and stays under 30 KB once sealed', (_name, card) => {
    const out = sealed(card);
    expect(checkCard(out)).toBeUndefined();
    expect(bytes(out)).toBeLessThan(LIMIT);
  });

  it('every callback value a card emits is one of the actions union, with the committee id', () => {
    const values = all.flatMap((c) => callbackValues(c.card));
    expect(values.length).toBeGreaterThan(20);
    for (const v of values) expect(ActionSchema.parse(v)).toMatchObject({ c: 'c_big' });
  });

  it('the notice @-mentions all 48 invited people (43 voting members and 5 observers), not the clerks', () => {
    const notice = all.find((c) => c.name === 'notice')!.card;
    const text = JSON.stringify(notice);
    const mentioned = new Set(text.match(/<at id=ou_[0-9a-f]+><\/at>/g));
    expect(mentioned.size).toBe(48);
    const clerks = bigRoster().filter((m) => m.role === 'clerk');
    expect(clerks).toHaveLength(2);
    for (const clerk of clerks) expect(mentioned.has(`<at id=${(clerk as { openId?: string }).openId}></at>`)).toBe(false);
    expect(text).toMatch(/已确认 \d+ 人 · 请假 \d+ 人 · 未回复 \d+ 人/);
  });
});

describe('fixed words of the conversation contract', () => {
  const title = (name: string): string => all.find((c) => c.name === name)!.card.header!.title.content;
  const labels = (name: string): string[] => buttonsOf(all.find((c) => c.name === name)!.card).map((b) => b.text.content);

  it.each([
    ['setup (first)', TITLE.setup, [BUTTON.saveSetup]],
    ['topic (submitted)', TITLE.topicPending, [BUTTON.confirm, BUTTON.return]],
    ['topic (confirmed)', TITLE.topicConfirmed, []],
    ['topic (returned)', TITLE.topicReturned, []],
    ['topic list', TITLE.topicList, []],
    ['meeting draft (late)', TITLE.meetingDraft, [BUTTON.sendNotice, BUTTON.openSignIn, BUTTON.reschedule, BUTTON.cancelMeeting]],
    ['meeting draft (改期 form, late)', TITLE.meetingDraft, [BUTTON.openSignIn, BUTTON.cancelMeeting, BUTTON.confirmReschedule]],
    ['notice', TITLE.notice, [BUTTON.attend, BUTTON.leave, BUTTON.object, BUTTON.openSignIn, BUTTON.reschedule]],
    ['notice (moved)', TITLE.notice, [BUTTON.attend, BUTTON.leave, BUTTON.object, BUTTON.openSignIn, BUTTON.reschedule]],
    ['meeting leave form', TITLE.meetingLeave, [BUTTON.submitLeave]],
    ['general leave form', TITLE.generalLeave, [BUTTON.submitApplication]],
    ['leave approval (general)', TITLE.leaveApproval, [BUTTON.approve, BUTTON.reject]],
    ['leave approval (meeting)', TITLE.leaveApproval, [BUTTON.approve, BUTTON.reject]],
    ['leave return', TITLE.leaveReturn, [BUTTON.returnFromLeave]],
    ['sign-in', TITLE.signIn, [BUTTON.signIn]],
    ['rules (JY)', TITLE.rules, []],
    ['help (chair)', TITLE.help, []],
  ])('%s: title contains %s, buttons exactly %j', (name, word, buttons) => {
    expect(title(name)).toContain(word);
    expect(labels(name)).toEqual(buttons);
  });

  it('form fields carry their fixed labels', () => {
    const labelsOf = (name: string): string => fieldLabels(all.find((c) => c.name === name)!.card).join('|');
    for (const word of [FIELD.profile, FIELD.chair, FIELD.viceChair, FIELD.clerk, FIELD.observers, FIELD.approver]) expect(labelsOf('setup (saved)')).toContain(word);
    for (const word of [FIELD.leaveReason, FIELD.writtenOpinion]) expect(labelsOf('meeting leave form')).toContain(word);
    for (const word of [FIELD.startDate, FIELD.endDate, FIELD.leaveType, FIELD.leaveReason]) expect(labelsOf('general leave form')).toContain(word);
    expect(labelsOf('meeting leave form').split(FIELD.writtenOpinion).length - 1).toBeGreaterThanOrEqual(ITEMS);
  });

  it('the late draft asks before sending and says the notice is late; an on-time draft does not ask', () => {
    const send = (name: string) => buttonsOf(all.find((c) => c.name === name)!.card).find((b) => b.text.content === BUTTON.sendNotice)!;
    const late = send('meeting draft (late)');
    expect(late.confirm?.text.content).toContain('晚于规定时间');
    expect(late.behaviors?.[0]).toMatchObject({ type: 'callback', value: { a: 'meeting.sendNotice', late: true } });
    const onTime = send('meeting draft (on time)');
    expect(onTime.confirm).toBeUndefined();
    expect(onTime.behaviors?.[0]).toMatchObject({ value: { late: false } });
    expect(JSON.stringify(all.find((c) => c.name === 'meeting draft (on time)')!.card)).toMatch(/按 NT-3\.4b 须于会前 2 日通知，即 12月18日（周五）23:59 前/);
  });

  it('改期: the form carries its fixed labels, 确认改期 asks first when the move makes the notice late, and a moved notice says when it was first set', () => {
    const card = all.find((c) => c.name === 'meeting draft (改期 form, late)')!.card;
    expect(fieldLabels(card).join('|')).toContain(FIELD.meetingTime);
    expect(fieldLabels(card).join('|')).toContain(FIELD.meetingPlace);
    const confirm = buttonsOf(card).find((b) => b.text.content === BUTTON.confirmReschedule)!;
    expect(confirm.confirm?.text.content).toMatch(/^按 NT-3\.4b 须于会前 2 日通知，即 .+ 前。改到这个时间，已发的通知晚于规定时间/);
    expect(confirm.behaviors?.[0]).toMatchObject({ type: 'callback', value: { a: 'meeting.reschedule', late: true } });
    expect(JSON.stringify(all.find((c) => c.name === 'notice (moved)')!.card)).toContain('已改期：原定 12月20日（周日）09:00');
    expect(JSON.stringify(all.find((c) => c.name === 'notice')!.card)).not.toContain('已改期');
  });

  it('the sign-in card words each topic kind as the contract shows it', () => {
    const text = JSON.stringify(all.find((c) => c.name === 'sign-in')!.card);
    expect(text).toMatch(/人事议题：需到会 \d+ 人（三分之二以上，[A-Z0-9-、]*JY-23b[A-Z0-9-、]*），已到 \d+ 人，/);
    expect(text).toMatch(/一般议题：需到会 \d+ 人（半数以上，/);
  });
});

describe('buttons follow `can`', () => {
  it.each(none.map((c) => [c.name, c.card] as const))('%s shows no action button when the viewer may do nothing', (name, card) => {
    // The private forms are the viewer's own: their submit button is the form itself.
    const ownForms = ['meeting leave form', 'general leave form'];
    const labels = buttonsOf(card).map((b) => b.text.content);
    if (ownForms.includes(name)) expect(labels).toHaveLength(1);
    else expect(labels).toEqual([]);
  });
});

describe('far beyond the usual size: 200 members, 300 topics, 80 agenda items', () => {
  it('the list, notice, draft, leave form and sign-in cards still pass the check under 30 KB', () => {
    const committee = { ...bigCommittee(), roster: bigRoster(200) };
    const topics = bigTopics(300);
    const agenda = topics.slice(0, 80).map((t) => ({ topicId: t.id, addedAtMeeting: false, ballotIds: [] }));
    const meeting = bigMeeting({ agenda });
    const profile = getProfile('NT');
    const opts = <T>(can: T) => ({ now: NOW, timeZone: TZ, viewer: 'p12', can });
    const voting = committee.roster.filter((m) => m.role !== 'clerk' && m.role !== 'observer').map((m) => m.id);
    const cards = [
      buildTopicListCard(toTopicListView(topics, committee, opts({}))),
      buildNoticeCard(toNoticeView(meeting, topics, committee, [], profile, opts({ attend: true, leave: true, object: true, openSignIn: true, reschedule: true }))),
      buildMeetingDraftCard(toMeetingDraftView({ ...meeting, status: 'scheduled' }, topics, committee, profile, checkNotice(profile, meeting.startsAt, NOW), opts({ sendNotice: true, cancel: true, openSignIn: true, reschedule: false }))),
      buildMeetingLeaveCard(toMeetingLeaveFormView(meeting, topics, committee, ['NT-3.5c'], opts({}))),
      buildSignInCard(toSignInView(meeting, committee, { members: voting, present: voting.slice(0, 100), onLeave: voting.slice(100, 150), observers: [] }, profile,
        [{ kind: 'personnel', decision: evaluateItem(profile, { members: voting.length, present: 100, topicKind: 'personnel', method: 'secret' }) }], opts({ signIn: true }))),
      buildSetupCard(toSetupView({ committeeId: C, committee, approvers: null }, opts({ save: true }))),
    ];
    for (const card of cards) {
      const out = sealed(card);
      expect(checkCard(out)).toBeUndefined();
      expect(bytes(out)).toBeLessThan(LIMIT);
    }
    expect(JSON.stringify(cards[0])).toContain('……另有');
  });
});

describe('buttons follow each permission separately', () => {
  const committee = bigCommittee();
  const topics = bigTopics();
  const opts = <T>(can: T) => ({ now: NOW, timeZone: TZ, viewer: 'p12', can });
  const labels = (card: Card): string[] => buttonsOf(card).map((b) => b.text.content);

  it('a topic shows only the button allowed', () => {
    expect(labels(buildTopicCard(toTopicView(topics[0]!, committee, opts({ confirm: true, return: false }))))).toEqual([BUTTON.confirm]);
    expect(labels(buildTopicCard(toTopicView(topics[0]!, committee, opts({ confirm: false, return: true }))))).toEqual([BUTTON.return]);
    // A confirmed topic can be neither confirmed nor returned again, whatever `can` says.
    expect(labels(buildTopicCard(toTopicView(topics[1]!, committee, opts({ confirm: true, return: true }))))).toEqual([]);
  });

  it('the notice offers 提出异议 only where the profile has objections', () => {
    const can = opts({ attend: true, leave: false, object: true, openSignIn: false, reschedule: false });
    expect(labels(buildNoticeCard(toNoticeView(bigMeeting(), topics, committee, [], getProfile('NT'), can)))).toEqual([BUTTON.attend, BUTTON.object]);
    expect(labels(buildNoticeCard(toNoticeView(bigMeeting(), topics, committee, [], getProfile('JY'), can)))).toEqual([BUTTON.attend]);
  });

  it('a closed meeting offers nothing, and a notice once sent cannot be sent again', () => {
    const can = opts({ sendNotice: true, cancel: true, openSignIn: true, reschedule: false });
    const check = checkNotice(getProfile('NT'), bigMeeting().startsAt, NOW);
    expect(labels(buildMeetingDraftCard(toMeetingDraftView(bigMeeting({ status: 'closed' }), topics, committee, getProfile('NT'), check, can)))).toEqual([]);
    expect(labels(buildMeetingDraftCard(toMeetingDraftView(bigMeeting(), topics, committee, getProfile('NT'), check, can)))).toEqual([BUTTON.openSignIn, BUTTON.cancelMeeting]);
  });
});
