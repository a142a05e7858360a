/**
 * 会议提醒: every kind of reminder card passes the stand-in's card check and stays far under
 * 30 KB with the longest title and place a meeting may have, shows its times in the committee's
 * zone whatever the process's TZ, and carries no button (nothing to go stale, no ballot content).
 */
import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { buildReminderCard } from '../../cards/reminder-card.js';
import { TITLE } from '../../cards/copy.js';
import type { ReminderNotice } from '../../src/domain/index.js';
import { buttonsOf } from './walk.js';

const title = '关于'.padEnd(200, '议');
const startsAt = '2026-12-10T16:30:00.000Z'; // 12月11日 00:30 in Asia/Shanghai: another date than in UTC
const NOTICES: ReminderNotice[] = [
  { type: 'meetingNoticeDue', title, startsAt, deadline: '2026-12-08T15:59:59.000Z' },
  { type: 'meetingUnanswered', title, startsAt, last: false },
  { type: 'meetingUnanswered', title, startsAt, last: true },
  { type: 'meetingStarting', title, startsAt, minutesBefore: 1440, location: '第'.padEnd(200, '一') },
  { type: 'meetingStarting', title, startsAt, minutesBefore: 30 },
  { type: 'meetingObjections', title, startsAt, deadline: '2026-12-09T15:59:59.000Z' },
];

describe('会议提醒 cards', () => {
  it.each(NOTICES.map((n) => [`${n.type}${'last' in n ? ` last=${String(n.last)}` : ''}`, n] as const))('%s passes the card check, under 30 KB, no button', (_name, notice) => {
    const card = buildReminderCard(notice, 'Asia/Shanghai');
    expect(checkCard(card)).toBeUndefined();
    expect(Buffer.byteLength(JSON.stringify(card), 'utf8')).toBeLessThan(30 * 1024);
    expect(card.header?.title.content).toContain(TITLE.meetingReminder);
    expect(buttonsOf(card)).toEqual([]);
  });

  it('times are the committee\'s local ones, and each kind says what to do', () => {
    const text = NOTICES.map((n) => JSON.stringify(buildReminderCard(n, 'Asia/Shanghai')));
    expect(text[0]).toContain('12月11日（周五）00:30');
    expect(text[0]).toContain('12月8日（周二）23:59');
    expect(text[0]).toContain('发送通知');
    expect(text[2]).toContain('请今天回复会议通知');
    expect(text[3]).toContain('1 天后开会');
    expect(text[4]).toContain('30 分钟后开会');
    expect(text[5]).toContain('12月9日（周三）23:59');
    expect(text[5]).toContain('提出异议');
  });
});
