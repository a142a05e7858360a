/**
 * 会议纪要 at its largest: 50 members, 20 items each with a named roll, written and reserved
 * opinions and the longest wording; drafted, with the 修改 form open, and signed. Each passes the
 * stand-in's card check under 30 KB once sealed, shows its fixed words, and leaves typed text inert.
 */
import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { sealCard } from '../../src/bot/seal.js';
import { ActionSchema, minutesItemField } from '../../cards/actions.js';
import { BUTTON, TITLE } from '../../cards/copy.js';
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
const source = (minutes: Minutes) => ({ committee: bigCommittee(), meeting: bigMeeting({ status: 'closed' }), topics, minutes });
const opts = { now: NOW, timeZone: TZ, viewer: 'p3', can: { edit: true, signOff: true } };

const cards = {
  draft: buildMinutesCard(toMinutesView(source(draft), opts)),
  editing: buildMinutesCard(toMinutesView(source(draft), { ...opts, editing: true })),
  signed: buildMinutesCard(toMinutesView(source(signedMinutes), { ...opts, editing: true })),
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
    expect(callbackValues(cards.signed)).toEqual([]);
    expect(JSON.stringify(cards.signed)).toContain(`**审签**：${roster[0]!.name}（12月7日（周一）10:00）`);
  });

  it('typed text cannot mention everyone or act as markdown', () => {
    expect(markdownOf(cards.draft)).toContain('&#60;at id=all&#62;');
    for (const [name, card] of Object.entries(cards)) expect(markdownOf(card), name).not.toContain('<at id=all>');
  });
});
