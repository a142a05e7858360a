import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { sealCard } from '../../src/bot/seal.js';
import { ActionSchema } from '../../cards/actions.js';
import { BUTTON, FIELD, STATUS, TITLE } from '../../cards/copy.js';
import { buildDutiesCard, dutyState, toDutiesView } from '../../cards/duties-card.js';
import { buildTaskCard, buildTaskListCard, toTaskListView, toTaskView } from '../../cards/task-card.js';
import type { Card } from '../../cards/types.js';
import type { Task } from '../../src/domain/index.js';
import { dueDate, duties, getProfile, windowCompliance } from '../../src/rules/index.js';
import { ProfileIdSchema } from '../../src/domain/index.js';
import { bigCommittee, C, longTitle, NOW, TZ } from './fixtures.js';
import { buttonsOf, callbackValues, fieldLabels } from './walk.js';

const labels = (card: Card): string[] => buttonsOf(card).map((b) => b.text.content);

const key = deriveActionKeys({ current: 'test-secret', previous: null });
const sealed = (card: Card): Card => sealCard(card, (v) => signActionValue(key, v));
const valid = (card: Card): void => {
  const out = sealed(card);
  expect(checkCard(out)).toBeUndefined();
  expect(Buffer.byteLength(JSON.stringify(out), 'utf8')).toBeLessThan(30 * 1024);
};
const committee = bigCommittee();
const owner = committee.roster[3]!;

function task(i: number, over: Partial<Task> = {}): Task {
  return {
    version: 1, id: `task-${i}`, committeeId: C, title: longTitle(i).slice(0, 200), ownerId: owner.id, unit: '办公室'.repeat(30).slice(0, 100),
    due: '2026-12-07', status: 'open', createdAt: NOW, createdBy: 'clerk1',
    progress: Array.from({ length: 60 }, (_, n) => ({ at: NOW, by: owner.id, note: `进展${n}`.padEnd(1000, '进') })), ...over,
  };
}
const opts = (now: string, can = { report: true, done: true }) => ({ now, timeZone: TZ, viewer: owner.id, can });

describe('督办事项', () => {
  it('a task with 60 long progress entries passes the card check under 30 KB, with 报告进展 (field 进展) and 办结', () => {
    const card = buildTaskCard(toTaskView(task(1), committee, opts(NOW)));
    valid(card);
    expect(card.header?.title.content).toBe(TITLE.task);
    expect(labels(card)).toEqual([BUTTON.done, BUTTON.reportProgress]);
    expect(fieldLabels(card).some((l) => l.includes(FIELD.progress))).toBe(true);
    for (const v of callbackValues(card)) expect(ActionSchema.parse(v)).toMatchObject({ c: C, k: 'task-1' });
  });

  it('is 已逾期 from the local day after its due date (Shanghai), not before, and 已办结 with no buttons once done', () => {
    const due = (now: string) => JSON.stringify(buildTaskCard(toTaskView(task(2, { progress: [] }), committee, opts(now))));
    expect(due('2026-12-07T15:59:59.000Z')).not.toContain(STATUS.overdue);
    expect(due('2026-12-07T16:00:00.000Z')).toContain(STATUS.overdue);
    const done = buildTaskCard(toTaskView(task(3, { status: 'done', doneAt: NOW }), committee, opts('2027-01-01T00:00:00.000Z')));
    valid(done);
    expect(JSON.stringify(done)).toContain(STATUS.taskDone);
    expect(JSON.stringify(done)).not.toContain(STATUS.overdue);
    expect(labels(done)).toEqual([]);
  });

  it('the list of 200 open tasks stays under 30 KB and counts the overdue ones', () => {
    const tasks = Array.from({ length: 200 }, (_, i) => task(i, { due: i % 2 === 0 ? '2026-12-01' : '2026-12-31' }));
    const card = buildTaskListCard(toTaskListView(tasks, committee, { now: NOW, timeZone: TZ, viewer: owner.id, can: {} }));
    valid(card);
    expect(card.header?.subtitle?.content).toBe(`未办结 200 项 · ${STATUS.overdue} 100 项`);
  });
});

describe('工作职责', () => {
  it.each(ProfileIdSchema.options)('%s: every duty of the profile with 登记完成; the 完成日期 form of one duty open at a time; under 30 KB', (id) => {
    const profile = getProfile(id);
    const all = duties(profile);
    const statuses = all.map((duty) => ({ duty, entries: [], compliance: windowCompliance(duty, [], NOW) }));
    const view = (can: boolean, recording?: string) => toDutiesView(C, statuses, { now: NOW, timeZone: TZ, viewer: 'clerk1', can: { record: can } }, recording);
    const card = buildDutiesCard(view(true));
    valid(card);
    expect(card.header?.title.content).toBe(TITLE.duties);
    expect(labels(card)).toEqual(all.map(() => BUTTON.recordDuty));
    const ids = callbackValues(card).map((v) => ActionSchema.parse(v)).map((v) => (v.a === 'duty.record' ? v.d : ''));
    expect(ids).toEqual(all.map((d) => d.id));
    expect(fieldLabels(card)).not.toContain(`**${FIELD.doneDate}**`);
    const last = all.at(-1)!;
    const open = buildDutiesCard(view(true, last.id));
    valid(open);
    expect(fieldLabels(open).filter((l) => l === `**${FIELD.doneDate}**`)).toHaveLength(1);
    expect(labels(open)).toEqual(all.map(() => BUTTON.recordDuty));
    expect(JSON.stringify(open)).toContain('"initial_date":"2026-12-07"');
    const none = buildDutiesCard(view(false, last.id));
    expect(labels(none)).toEqual([]);
    expect(fieldLabels(none)).not.toContain(`**${FIELD.doneDate}**`);
  });

  it('shows when the next reminder comes and, after a recorded 民主生活会, when its report is due', () => {
    const jy = getProfile('JY');
    const monthly = duties(jy).find((d) => d.id === 'partyGroupMeeting')!;
    const life = duties(jy).find((d) => d.id === 'lifeMeeting')!;
    const card = buildDutiesCard(toDutiesView(C, [
      { duty: monthly, entries: [], compliance: windowCompliance(monthly, [], NOW), nextReminder: '2026-12-21T09:00:00+08:00' },
      { duty: life, entries: ['2026-12-03'], compliance: windowCompliance(life, ['2026-12-03'], NOW), report: dueDate(jy, 'lifeMeetingReport', '2026-12-03') },
    ], { now: NOW, timeZone: TZ, viewer: 'clerk1', can: { record: true } }));
    valid(card);
    const text = JSON.stringify(card);
    expect(text).toContain('下次提醒：12月21日（周一）09:00');
    expect(text).toContain('情况报告：须于 12月18日（周五）23:59 前报送');
    // Once the report's day has passed, the card no longer says it is ahead.
    const later = buildDutiesCard(toDutiesView(C, [{ duty: life, entries: ['2026-12-03'], compliance: windowCompliance(life, ['2026-12-03'], NOW), report: dueDate(jy, 'lifeMeetingReport', '2026-12-03') }],
      { now: '2026-12-19T00:00:00+08:00', timeZone: TZ, viewer: 'clerk1', can: { record: true } }));
    expect(JSON.stringify(later)).not.toContain('情况报告');
  });

  it('status: a month done is 已完成, the current month undone is 待完成, a month missed since the last entry is 已逾期', () => {
    const monthly = duties(getProfile('JY')).find((d) => d.every === 'month')!;
    expect(dutyState(windowCompliance(monthly, ['2026-12-01'], NOW))).toBe('done');
    expect(dutyState(windowCompliance(monthly, [], NOW))).toBe('pending');
    expect(dutyState(windowCompliance(monthly, ['2026-10-20'], NOW))).toBe('overdue');
  });
});
