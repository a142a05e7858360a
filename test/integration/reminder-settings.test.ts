/**
 * A body's reminder settings on the setup card, through the real services on real Redis: what
 * is read, what is refused (one Chinese sentence, and nothing changes), and that new lead times
 * move the reminders of meetings still ahead (old jobs gone, new ones at the new time).
 */
import { inject, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.js';
import { InputError } from '../../src/errors.js';
import { memoryLogger } from '../../src/log.js';
import { createReminderQueue, createReminders } from '../../src/scheduler/reminders.js';
import { committeeIdOfChat, memberIdFor } from '../../src/services/committees.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { scheduleMeeting } from '../../src/services/meetings.js';
import { createTask } from '../../src/services/tasks.js';
import { toSetupView } from '../../cards/setup-card.js';
import { parseReminderForm, REMINDER_FORM_REFUSALS } from '../../src/services/reminder-settings.js';
import { REMINDER_DEFAULTS } from '../../src/rules/index.js';
import { rememberChat, saveSetup, type SetupForm } from '../../src/services/setup.js';
import { freshId, TEST_SEEN_KEY, useRedis } from '../support/store.js';
import { snapshot } from './meeting-fixture.js';

const ctx = useRedis();
const clock = manualClock('2026-12-01T02:00:00Z');
let queue: ReturnType<typeof createReminderQueue>;
let deps: ServiceDeps;
beforeAll(() => {
  queue = createReminderQueue({ redisUrl: inject('redisUrl'), prefix: freshId('remset') });
  deps = {
    redis: ctx.redis, clock, log: memoryLogger(), seenKey: TEST_SEEN_KEY, reminders: createReminders({ queue: queue.queue, redis: ctx.redis, clock }),
    chats: { members: () => Promise.resolve(['ou_chair', 'ou_clerk', 'ou_m1'].map((openId) => ({ openId, name: openId }))) },
  };
});
afterAll(async () => {
  await queue.close();
});

const form = (reminders: SetupForm['reminders'] = {}): SetupForm => ({ profile: 'NT', chair: 'ou_chair', viceChairs: [], clerks: ['ou_clerk'], observers: [], approvers: {}, reminders });
const refusalOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.userMessage;
    throw error;
  }
  return 'accepted';
};

describe('the reminder fields as typed', () => {
  it('reads minutes, lists, working days and quiet hours, full-width digits and 无 included; blank keeps the current value', () => {
    expect(parseReminderForm({ signInLead: '４５', startLeads: '1440，60', deadlineLead: '1', quietHours: '21:30至7:00' }, undefined))
      .toEqual({ signInLeadMinutes: 45, startLeadMinutes: [1440, 60], deadlineLeadWorkingDays: 1, quietHours: { from: '21:30', to: '07:00' } });
    expect(parseReminderForm({ taskLead: '３' }, { deadlineLeadWorkingDays: 1 })).toEqual({ deadlineLeadWorkingDays: 1, taskLeadWorkingDays: 3 });
    expect(parseReminderForm({ quietHours: '无' }, { signInLeadMinutes: 20 })).toEqual({ signInLeadMinutes: 20, quietHours: null });
    expect(parseReminderForm({ signInLead: ' ', startLeads: '' }, { signInLeadMinutes: 20 })).toBeUndefined();
  });

  it.each([
    ['signInLead', '半小时'], ['signInLead', '-5'], ['signInLead', '721'],
    ['startLeads', '1440,1440'], ['startLeads', '3'], ['startLeads', '10,20,30,40,50'], ['startLeads', '30;60'],
    ['deadlineLead', '6'], ['deadlineLead', '1.5'],
    ['taskLead', '11'], ['taskLead', '-1'], ['taskLead', '一天'],
    ['quietHours', '晚上'], ['quietHours', '22:00-22:00'], ['quietHours', '25:00-07:00'], ['quietHours', '22:00'],
  ] as const)('refuses %s = %j with its own sentence', (field, text) => {
    expect(refusalOf(() => parseReminderForm({ [field]: text }, undefined))).toBe(REMINDER_FORM_REFUSALS[field]);
  });
});

describe('saving them on the setup card', () => {
  const cardOptions = { now: clock.now(), timeZone: '+08:00', viewer: memberIdFor('ou_clerk'), can: { save: true } };
  async function committee(): Promise<string> {
    const chatId = freshId('oc');
    await rememberChat(deps, { chatId, addedBy: 'ou_clerk' });
    await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form({ quietHours: '无' }) });
    return chatId;
  }

  it('the first save stores them; a bad value later refuses the whole save and changes nothing', async () => {
    const chatId = await committee();
    const id = committeeIdOfChat(chatId);
    const before = await snapshot(ctx.redis, id);
    await expect(saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: { ...form({ signInLead: '很久' }), profile: 'JY' } })).rejects.toThrow(InputError);
    expect(await snapshot(ctx.redis, id)).toEqual(before);
    const saved = await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form({ signInLead: '15' }) });
    expect(saved.reminders).toEqual({ quietHours: null, signInLeadMinutes: 15 });
  });

  it('new lead times move the reminders of a meeting still ahead: the old jobs go, the new ones come at the new time', async () => {
    const chatId = await committee();
    const committeeId = committeeIdOfChat(chatId);
    const meeting = await scheduleMeeting(deps, { committeeId, actorId: memberIdFor('ou_clerk'), title: '会议', kind: 'emergency', startsAt: '2026-12-03T02:00:00Z' });
    // When each job runs, on the services' clock (BullMQ counts its delay from the real one), to the minute.
    const jobsOf = async () => (await queue.queue.getJobs(['delayed'])).filter((j) => j.data.subject === meeting.id)
      .map((j) => ({ id: j.id, occurrence: j.data.occurrence, at: new Date(Math.round((j.timestamp + j.delay - Date.now() + clock.now().getTime()) / 60_000) * 60_000).toISOString().slice(0, 16) }));
    const before = await jobsOf();
    expect(before.map((j) => `${j.occurrence} ${j.at}`).sort()).toEqual(['sign-in 2026-12-03T01:30', 'start-1440m 2026-12-02T02:00', 'start-30m 2026-12-03T01:30']);
    await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form({ signInLead: '45', startLeads: '60' }) });
    const after = await jobsOf();
    expect(after.map((j) => `${j.occurrence} ${j.at}`).sort()).toEqual(['sign-in 2026-12-03T01:15', 'start-60m 2026-12-03T01:00']);
    expect(after.filter((j) => before.some((b) => b.id === j.id))).toEqual([]);
  });

  it('saving the card as it shows them, with other changes, keeps every reminder setting it does not change', async () => {
    const chatId = await committee();
    const set = await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form({ signInLead: '20', startLeads: '2880,60', deadlineLead: '2', quietHours: '23:00-07:00', taskLead: '3' }) });
    const settings = { signInLeadMinutes: 20, startLeadMinutes: [2880, 60], deadlineLeadWorkingDays: 2, quietHours: { from: '23:00', to: '07:00' }, taskLeadWorkingDays: 3 };
    expect(set.reminders).toEqual(settings);
    // The form's fields filled in as the card draws them, with the profile and the observers changed.
    const shown = toSetupView({ committeeId: set.id, committee: set, approvers: null }, cardOptions).reminders;
    expect(shown.taskLead).toBe('3');
    const resaved = await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: { ...form(shown), profile: 'JY', observers: ['ou_m1'] } });
    expect(resaved.profileId).toBe('JY');
    expect(resaved.reminders).toEqual(settings);
    // A card drawn before a field existed (that field absent) or with one field changed keeps the rest.
    const { taskLead: _omitted, ...older } = shown;
    expect((await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form(older) })).reminders).toEqual(settings);
    expect((await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form({ ...shown, signInLead: '10' }) })).reminders).toEqual({ ...settings, signInLeadMinutes: 10 });
  });

  it('a card of a body with no settings shows the rules\' default task lead time', () => {
    expect(toSetupView({ committeeId: 'c', committee: null, approvers: null }, cardOptions).reminders.taskLead).toBe(String(REMINDER_DEFAULTS.taskLeadWorkingDays));
  });

  it('a new task lead time moves an open task\'s reminder to the new morning, old job gone', async () => {
    const chatId = await committee();
    const committeeId = committeeIdOfChat(chatId);
    // Due Friday 2026-12-11: one working day before is Thursday, three are Tuesday (09:00 +08:00 = 01:00Z).
    const task = await createTask(deps, { committeeId, actorId: memberIdFor('ou_clerk'), title: '整改', ownerId: memberIdFor('ou_m1'), due: '2026-12-11' });
    const dueSoon = async () => (await queue.queue.getJobs(['delayed'])).filter((j) => j.data.subject === task.id && j.data.kind === 'task.due')
      .map((j) => ({ id: j.id, at: new Date(Math.round((j.timestamp + j.delay - Date.now() + clock.now().getTime()) / 60_000) * 60_000).toISOString().slice(0, 16) }));
    const before = await dueSoon();
    expect(before.map((j) => j.at)).toEqual(['2026-12-10T01:00']);
    await saveSetup(deps, { chatId, actorOpenId: 'ou_clerk', form: form({ taskLead: '3' }) });
    const after = await dueSoon();
    expect(after.map((j) => j.at)).toEqual(['2026-12-08T01:00']);
    expect(after[0]?.id).not.toBe(before[0]?.id);
  });
});
