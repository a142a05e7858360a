/**
 * The reminders of leave, tasks and duties, drawn through the reminder card as the worker's shell
 * draws them: each passes the stand-in's card check under 30 KB with the longest titles, says
 * what is due and when in the committee's zone, and the 销假 one carries its button.
 */
import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { ActionSchema } from '../../cards/actions.js';
import { BUTTON, TITLE } from '../../cards/copy.js';
import { buildReminderCard } from '../../cards/reminder-card.js';
import type { Card } from '../../cards/types.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { sealCard } from '../../src/bot/seal.js';
import { FOLLOW_UP_NOTICE_TYPES, type FollowUpNotice } from '../../src/domain/index.js';
import { C, longTitle, TZ } from './fixtures.js';
import { buttonsOf, callbackValues } from './walk.js';

const key = deriveActionKeys({ current: 'test-secret', previous: null });
const valid = (card: Card): void => {
  const out = sealCard(card, (v) => signActionValue(key, v));
  expect(checkCard(out)).toBeUndefined();
  expect(Buffer.byteLength(JSON.stringify(out), 'utf8')).toBeLessThan(30 * 1024);
};

const title = longTitle(7).slice(0, 200);
const basis = ['JY-12d', 'A10', 'AJ-15c'];
const NOTICES: Record<FollowUpNotice['type'], FollowUpNotice> = {
  leaveReturn: { type: 'leaveReturn', committeeId: C, leaveId: 'leave-1', start: '2026-12-09', end: '2026-12-11', returnBy: '2026-12-14', dueToday: true, basis },
  leavePending: { type: 'leavePending', applicant: '欧阳'.repeat(30), days: 3, start: '2026-12-09', end: '2026-12-11', waitingSince: '2026-12-08T02:00:00.000Z' },
  // 50 members' longest names waiting at once: the card still fits.
  meetingLeavePending: { type: 'meetingLeavePending', title, startsAt: '2026-12-10T07:00:00.000Z', applicants: Array.from({ length: 50 }, (_, i) => `${'诸葛'.repeat(30)}${i}`) },
  taskDue: { type: 'taskDue', title, due: '2026-12-14' },
  taskOverdue: { type: 'taskOverdue', title, due: '2026-12-14', owner: '司马'.repeat(30) },
  dutyDue: { type: 'dutyDue', title: '党组会议(一般每月一次)', window: '2026-12', due: '2026-12-31', basis },
  dutyOverdue: { type: 'dutyOverdue', title: '党组会议(一般每月一次)', window: '2026-11/12', due: '2026-12-31', basis },
  dutyReport: { type: 'dutyReport', heldOn: '2026-12-10', due: '2026-12-25', basis },
};

const EXPECTED: Record<FollowUpNotice['type'], { title: string; says: string[] }> = {
  leaveReturn: { title: TITLE.leaveReturn, says: ['12月9日（周三） 至 12月11日（周五）', '12月14日（周一） 前', '请假已结束，请及时销假。'] },
  leavePending: { title: TITLE.approvalReminder, says: ['3 天', '12月8日（周二）10:00', '请假审批'] },
  meetingLeavePending: { title: TITLE.approvalReminder, says: ['12月10日（周四）15:00', '有 50 人的请假等待您审批', '请假审批'] },
  taskDue: { title: TITLE.taskReminder, says: ['12月14日（周一）', '尚未办结'] },
  taskOverdue: { title: TITLE.taskReminder, says: ['12月14日（周一）', '已逾期'] },
  dutyDue: { title: TITLE.dutyReminder, says: ['2026-12', '12月31日（周四）', '登记完成'] },
  dutyOverdue: { title: TITLE.dutyReminder, says: ['2026-11/12', '已逾期'] },
  dutyReport: { title: TITLE.dutyReminder, says: ['12月10日（周四）', '12月25日（周五）'] },
};

describe('the follow-up reminder cards', () => {
  it.each(FOLLOW_UP_NOTICE_TYPES)('%s: sendable with the longest titles, in the committee\'s zone', (type) => {
    const card = buildReminderCard(NOTICES[type], TZ);
    valid(card);
    expect(card.header?.title.content).toContain(EXPECTED[type].title);
    for (const words of EXPECTED[type].says) expect(JSON.stringify(card)).toContain(words);
  });

  it('销假提醒 carries 销假 for that leave; the others no button', () => {
    const card = buildReminderCard(NOTICES.leaveReturn, TZ);
    expect(buttonsOf(card).map((b) => b.text.content)).toEqual([BUTTON.returnFromLeave]);
    expect(callbackValues(card).map((v) => ActionSchema.parse(v))).toEqual([{ a: 'generalLeave.return', c: C, l: 'leave-1' }]);
    for (const type of FOLLOW_UP_NOTICE_TYPES.filter((t) => t !== 'leaveReturn')) expect(callbackValues(buildReminderCard(NOTICES[type], TZ))).toEqual([]);
  });

  it('typed text cannot act as markdown or notify anyone', () => {
    const card = buildReminderCard({ type: 'taskDue', title: '<at id=all></at> **整改**', due: '2026-12-14' }, TZ);
    expect(JSON.stringify(card)).not.toContain('<at id=all>');
    expect(JSON.stringify(card)).not.toContain('**整改**');
  });
});
