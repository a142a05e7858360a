/**
 * 会议纪要 at its largest: 50 members, 20 items each with a named roll, written and reserved
 * opinions and the longest wording; drafted, with the 修改 form open, and signed (every item a
 * decision: each with 转为督办, half of them made into tasks, or the 转为督办 form open). Each passes
 * the stand-in's card check under 30 KB once sealed, shows its fixed words, and leaves typed text inert.
 */
import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { sealCard } from '../../src/bot/seal.js';
import { ActionSchema, minutesItemField } from '../../cards/actions.js';
import { BUTTON, FIELD, TITLE } from '../../cards/copy.js';
import { buildMinutesCard, toMinutesView } from '../../cards/minutes-card.js';
import type { Card } from '../../cards/types.js';
import { MINUTES_WORDING_MAX, type Minutes } from '../../src/domain/index.js';
import { buildMinutes, type ItemView } from '../../src/services/minutes-draft.js';
import { bigCommittee, bigMeeting, bigRoster, bigTopics, C, ITEMS, MEMBERS, NOW, TZ } from './fixtures.js';
import { buttonsOf, callbackValues } from './walk.js';

const key = deriveActionKeys({ current: 'test-secret', previous: null });
const sealed = (card: Card): Card => sealCard(card, (v) => signActionValue(key, v));
/** Every markdown text of a card: where Feishu reads tags; plain_text shows them as typed. */
const markdownOf = (card: Card): string => JSON.stringify(card).match(/"tag":"markdown","content":"(?:[^"\\]|\\.)*"/g)?.join('\n') ?? '';
const bytes = (card: Card): number => Buffer.byteLength(JSON.stringify(card), 'utf8');

const roster = bigRoster();
const topics = bigTopics().map((t, i) => (i === 0 ? { ...t, title: `<at id=all></at>${t.title}` } : t));
const wording = Object.fromEntries(topics.map((t) => [t.id, '会'.repeat(MINUTES_WORDING_MAX)]));
const item = (title: string, id: string): ItemView => ({
  title, kind: 'general', addedAtMeeting: false, deferred: false, wording: wording[id] ?? '',
  ballots: [{ method: 'named', state: 'closed', counts: { yes: 40, no: 0, abstain: 0 }, voters: 40, quorate: true, passed: true, basis: ['JY-23a', 'JY-24b'],
    roll: roster.slice(10).map((m) => ({ name: m.name, choice: 'yes' })) }],
  writtenOpinions: roster.slice(5, 8).map((m) => ({ name: m.name, text: '意见'.repeat(100) })),
  reservedOpinions: roster.slice(8, 10).map((m) => ({ name: m.name, text: '保留'.repeat(100) })),
});
const body = buildMinutes({
  committeeName: '测试党组', title: bigMeeting().title, kind: 'regular', startsAt: NOW, timeZone: TZ, location: '机关三楼第一会议室', chair: roster[0]!.name,
  recorder: roster[3]!.name, entitled: 45, present: roster.slice(10).map((m) => m.name), absent: [], observers: roster.slice(5, 10).map((m) => m.name),
  items: topics.map((t) => item(t.title, t.id)),
});
const draft: Minutes = { version: 1, meetingId: 'mt1', committeeId: C, status: 'draft', body, draftedAt: NOW, draftedBy: 'p3', wording };
const signedMinutes: Minutes = { ...draft, status: 'signed', signedBy: 'p0', signedAt: NOW };
type Decisions = { topicId: string; task: { ownerId: string; due: string } | null }[];
const untasked: Decisions = topics.map((t) => ({ topicId: t.id, task: null }));
const halfTasked: Decisions = topics.map((t, i) => ({ topicId: t.id, task: i % 2 === 0 ? { ownerId: roster[i]!.id, due: '2026-12-31' } : null }));
const source = (minutes: Minutes, decisions: Decisions = untasked) => ({ committee: bigCommittee(), meeting: bigMeeting({ status: 'closed' }), topics, minutes, decisions });
const opts = { now: NOW, timeZone: TZ, viewer: 'p3', can: { edit: true, signOff: true, toTask: true } };
const last = topics.at(-1)!;

const cards = {
  draft: buildMinutesCard(toMinutesView(source(draft), opts)),
  editing: buildMinutesCard(toMinutesView(source(draft), { ...opts, editing: true })),
  signed: buildMinutesCard(toMinutesView(source(signedMinutes), { ...opts, editing: true })),
  signedHalfTasked: buildMinutesCard(toMinutesView(source(signedMinutes, halfTasked), opts)),
  assigning: buildMinutesCard(toMinutesView(source(signedMinutes), { ...opts, assigning: last.id })),
};

describe(`会议纪要 at ${MEMBERS} members and ${ITEMS} items`, () => {
  it('the drafted text is longer than a card holds, so the card test is real', () => {
    expect(Buffer.byteLength(body, 'utf8')).toBeGreaterThan(30 * 1024);
  });

  it.each(Object.entries(cards))('%s passes the stand-in card check and stays under 30 KB once sealed', (_name, card) => {
    const out = sealed(card);
    expect(checkCard(out)).toBeUndefined();
    expect(bytes(out)).toBeLessThan(30 * 1024);
    for (const v of callbackValues(card)) expect(ActionSchema.parse(v)).toMatchObject({ c: C, m: 'mt1' });
  });

  it('a long draft is cut at a line and says so', () => {
    expect(JSON.stringify(cards.draft)).toContain('卡片只显示前一部分');
  });

  it('the draft offers 修改 and 审签; the form holds every item with its wording; signed minutes offer nothing', () => {
    expect(cards.draft.header?.title.content).toBe(TITLE.minutes);
    expect(buttonsOf(cards.draft).map((b) => b.text.content)).toEqual([BUTTON.editMinutes, BUTTON.signOff]);
    const form = JSON.stringify(cards.editing);
    for (const t of topics) expect(form).toContain(`"name":"${minutesItemField(t.id)}"`);
    expect(form).toContain('会'.repeat(MINUTES_WORDING_MAX));
    expect(buttonsOf(cards.editing).map((b) => b.text.content)).toEqual([BUTTON.saveMinutes, BUTTON.signOff]);
    expect(cards.signed.header?.title.content).toBe(TITLE.minutesSigned);
    // Signed minutes never change: no 修改 or 审签, only each decision's 转为督办.
    expect(callbackValues(cards.signed)).toEqual(topics.map((t) => ({ a: 'minutes.toTask', c: C, m: 'mt1', t: t.id })));
    expect(buttonsOf(cards.signed).map((b) => b.text.content)).toEqual(topics.map(() => BUTTON.toTask));
    expect(JSON.stringify(cards.signed)).toContain(`**审签**：${roster[0]!.name}（12月7日（周一）10:00）`);
  });

  it('a decision made into a task shows its owner and due date instead of 转为督办', () => {
    expect(callbackValues(cards.signedHalfTasked).map((v) => v.t)).toEqual(topics.filter((_, i) => i % 2 === 1).map((t) => t.id));
    const text = markdownOf(cards.signedHalfTasked);
    expect(text.match(/已转督办/g)).toHaveLength(topics.length / 2);
    expect(text).toContain(`**已转督办**：${roster[0]!.name}，12月31日（周四）前`);
  });

  it('the 转为督办 form names its item and offers the roster as owners, a due date from today, and 交办', () => {
    const card = cards.assigning;
    expect(buttonsOf(card).map((b) => b.text.content)).toEqual([BUTTON.assignTask]);
    expect(callbackValues(card)).toEqual([{ a: 'minutes.toTask', c: C, m: 'mt1', t: last.id }]);
    const json = JSON.stringify(card);
    expect(json).toContain(`"options":${JSON.stringify(roster.map((m) => ({ value: m.openId })))}`);
    expect(json).toContain('"initial_date":"2026-12-07"');
    expect(markdownOf(card)).toContain(`**${FIELD.owner}**`);
    expect(markdownOf(card)).toContain(`**${FIELD.due}**`);
    expect(markdownOf(card)).toContain(`${ITEMS}. `);
    // A decision already made into a task opens no second form.
    const tasked = buildMinutesCard(toMinutesView(source(signedMinutes, halfTasked), { ...opts, assigning: topics[0]!.id }));
    expect(JSON.stringify(tasked)).not.toContain('"tag":"form"');
    // Neither does a draft, nor a viewer the card offers nothing.
    expect(JSON.stringify(buildMinutesCard(toMinutesView(source(draft), { ...opts, assigning: last.id })))).not.toContain(BUTTON.assignTask);
    expect(callbackValues(buildMinutesCard(toMinutesView(source(signedMinutes), { ...opts, can: { edit: false, signOff: false, toTask: false } })))).toEqual([]);
  });

  it('typed text cannot mention everyone or act as markdown', () => {
    expect(markdownOf(cards.draft)).toContain('&#60;at id=all&#62;');
    for (const [name, card] of Object.entries(cards)) expect(markdownOf(card), name).not.toContain('<at id=all>');
  });
});
