/**
 * Bad input by every role, end to end: each row of bad-input-rows.ts is pushed by the stand-in's
 * driver to the bot as src/app.ts builds it; the sender gets the row's Chinese answer (a reply to
 * a command, a toast for a tap) and no key of either committee changes. At the end, the bot has
 * posted nothing but those replies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../src/domain/index.js';
import { closeEvaluation, openEvaluation } from '../../src/services/evaluations.js';
import { closeMeeting, startMeeting } from '../../src/services/meetings.js';
import { snapshot } from '../integration/meeting-fixture.js';
import { ROWS, type Fixture, type Person, type Place, type Row } from './bad-input-rows.js';
import { sleep, waitFor } from './receiver-setup.js';
import { committeeIn, noticedMeeting, openIdOf, startWorld, stopWorld, type World } from './meeting-world.js';

const CHAT = 'oc_bad_input';
const OTHER_CHAT = 'oc_bad_input_other';
const UNSET_CHAT = 'oc_bad_input_unset';
const STRANGER = 'ou_bad_input_stranger';
const UNINVITED: Member = { id: 'obs2', openId: 'ou_bad_input_obs2', name: '吴列席', role: 'observer' };

const PERSON_IDS: Record<Exclude<Person, 'stranger'>, string> = {
  chair: 'chair1', viceChair: 'vice1', member: 'm1', clerk: 'clerk1', observer: 'obs1', uninvitedObserver: 'obs2',
};

let w: World;
let f: Fixture;
let roster: Member[];
const privateChats = new Set<string>();

beforeAll(async () => {
  w = await startWorld();
  const main = await committeeIn(w, 'JY', CHAT, [UNINVITED]);
  const other = await committeeIn(w, 'NT', OTHER_CHAT);
  roster = main.roster;
  w.standIn.addChat(UNSET_CHAT, [openIdOf(roster, 'm1')], { botIn: true, name: '未设置的群' });
  const noticed = await noticedMeeting(w, main.id, ['general', 'personnel']);
  const scheduled = await noticedMeeting(w, main.id, ['general'], false);
  const closed = await noticedMeeting(w, main.id, ['general']);
  await startMeeting(w.deps, { committeeId: main.id, meetingId: closed.meetingId, actorId: 'chair1' });
  await closeMeeting(w.deps, { committeeId: main.id, meetingId: closed.meetingId, actorId: 'chair1' });
  const otherMeeting = await noticedMeeting(w, other.id, ['general']);
  const evaluation = (c: string) => openEvaluation(w.deps, { committeeId: c, actorId: 'clerk1', title: '王委员民主测评', category: 'individual', subject: '王委员', raterIds: ['chair1', 'vice1', 'm2', 'clerk1', 'obs1'] });
  const closedEvaluation = await evaluation(main.id);
  await closeEvaluation(w.deps, { committeeId: main.id, evaluationId: closedEvaluation.id, actorId: 'clerk1' });
  f = { c: main.id, other: other.id, noticed: noticed.meetingId, scheduled: scheduled.meetingId, closed: closed.meetingId, otherMeeting: otherMeeting.meetingId,
    evaluation: (await evaluation(main.id)).id, closedEvaluation: closedEvaluation.id, otherEvaluation: (await evaluation(other.id)).id, noticedTopic: noticed.topicIds[0] ?? '' };
});
afterAll(async () => { await stopWorld(w); });

const openIdOfPerson = (as: Person): string => (as === 'stranger' ? STRANGER : openIdOf(roster, PERSON_IDS[as]));

function chatOf(where: Place, openId: string): { chatId: string; chatType: 'group' | 'p2p' } {
  if (where === 'group') return { chatId: CHAT, chatType: 'group' };
  if (where === 'otherGroup') return { chatId: OTHER_CHAT, chatType: 'group' };
  if (where === 'unsetGroup') return { chatId: UNSET_CHAT, chatType: 'group' };
  const chatId = `oc_p2p_${openId}`;
  if (!privateChats.has(chatId)) {
    w.standIn.addChat(chatId, [openId], { botIn: true });
    privateChats.add(chatId);
  }
  return { chatId, chatType: 'p2p' };
}

/** Plays one row; returns what the sender was told. */
async function play(row: Row): Promise<string | undefined> {
  const openId = openIdOfPerson(row.as);
  const { chatId, chatType } = chatOf(row.where, openId);
  if (row.kind === 'action') {
    const value = row.value(f);
    const outcome = await w.standIn.push.cardAction({ operatorOpenId: openId, messageId: 'om_some_card', chatId, ...(value === undefined ? {} : { value }), ...(row.form === undefined ? {} : { formValue: row.form }) });
    expect(outcome.toast?.type).toBe(outcome.toast?.content === undefined ? undefined : 'error');
    expect(outcome.cardApplied).toBe(false);
    return outcome.toast?.content;
  }
  const pushed = w.standIn.push.message({ chatId, chatType, senderOpenId: openId, text: row.text });
  await waitFor(() => w.standIn.messages().some((m) => m.parentId === pushed.messageId), `the reply to ${row.name}`);
  const replies = w.standIn.messages().filter((m) => m.parentId === pushed.messageId);
  expect(replies).toHaveLength(1);
  // A text reply is its text; a card reply (/帮助's) is its title.
  const content = replies[0]?.content as { text?: string; header?: { title?: { content?: string } } } | undefined;
  return content?.text ?? content?.header?.title?.content;
}

describe('every command and card action, with bad input and by every role', () => {
  it('has rows with unique names', () => {
    expect(new Set(ROWS.map((r) => r.name)).size).toBe(ROWS.length);
  });

  for (const row of ROWS) {
    it(`${row.name} → ${row.answer.slice(0, 24)}…`, async () => {
      const before = [await snapshot(w.redis, f.c), await snapshot(w.redis, f.other)];
      expect(await play(row)).toBe(row.answer);
      expect([await snapshot(w.redis, f.c), await snapshot(w.redis, f.other)]).toEqual(before);
    });
  }

  it('posted nothing but the answers to the commands', async () => {
    await sleep(300);
    expect(w.standIn.messages().filter((m) => m.sender === 'app').length).toBe(ROWS.filter((r) => r.kind === 'command').length);
    expect(w.standIn.updates()).toEqual([]);
  });
});
