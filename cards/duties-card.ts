/**
 * 工作职责: each periodic duty of the profile with its window, basis and status 已完成 / 待完成 /
 * 已逾期, as the rules module's window compliance says; 登记完成 opens that duty's 完成日期 form.
 */
import type { Cadence, ComplianceResult, DueDate, Duty } from '../src/rules/index.js';
import { action, FORM_FIELDS } from './actions.js';
import { basisLines, button, card, columns, datePicker, form, header, md, note, submit } from './components.js';
import { BUTTON, FIELD, STATUS, TITLE } from './copy.js';
import { esc, formatDay, formatWhen, localDate } from './text.js';
import type { Card, Element } from './types.js';
import type { ViewOptions } from './view.js';

export interface DutiesCan { record: boolean }

export type DutyState = 'done' | 'pending' | 'overdue';

export interface DutyLine {
  id: string;
  title: string;
  cadence: string;
  /** The window the status is about: the first missed one when overdue, else the current one. */
  window?: string;
  due?: string;
  state: DutyState;
  lastDone?: string;
  /** When the next reminder of it comes. */
  nextReminder?: string;
  /** The report after the last recorded 民主生活会, while it is still ahead. */
  reportDue?: string;
  basis: string;
}

export interface DutiesView {
  committeeId: string;
  duties: DutyLine[];
  today: string;
  /** The duty whose 完成日期 form is open: field names are unique in a card, so one at a time. */
  recording?: string;
  can: DutiesCan;
}

const CADENCE_NAMES: Readonly<Record<Cadence, string>> = {
  halfMonth: '每半月', month: '每月', twoMonths: '每两个月', quarter: '每季度', halfYear: '每半年', year: '每年', term: '每届',
};
const STATE_WORDS: Readonly<Record<DutyState, string>> = { done: STATUS.dutyDone, pending: STATUS.dutyPending, overdue: STATUS.overdue };

/** What dutyStatus gives for one duty. */
export interface DutyStatusInput { duty: Duty; entries: readonly string[]; compliance: ComplianceResult; due?: DueDate; nextReminder?: string; report?: DueDate }

/** A missed window makes the duty overdue; with none missed, a window still open makes it pending. */
export function dutyState(compliance: ComplianceResult): DutyState {
  if (compliance.missing.length > 0) return 'overdue';
  return compliance.pending === undefined ? 'done' : 'pending';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function toDutiesView(committeeId: string, statuses: readonly DutyStatusInput[], opts: ViewOptions<DutiesCan>, recording?: string): DutiesView {
  return {
    committeeId,
    ...(recording === undefined || !opts.can.record ? {} : { recording }),
    today: localDate(opts.now, opts.timeZone),
    can: opts.can,
    duties: statuses.map(({ duty, entries, compliance, due, nextReminder, report }) => {
      const state = dutyState(compliance);
      const window = state === 'overdue' ? compliance.missing[0] : compliance.pending ?? compliance.satisfied.at(-1);
      const last = entries.at(-1);
      return {
        id: duty.id, title: duty.title, cadence: CADENCE_NAMES[duty.every], state,
        ...(window === undefined ? {} : { window }),
        ...(state === 'pending' && due !== undefined && DATE.test(due.due) ? { due: formatDay(due.due) } : {}),
        ...(last === undefined ? {} : { lastDone: DATE.test(last) ? formatDay(last) : last }),
        ...(nextReminder === undefined ? {} : { nextReminder: formatWhen(nextReminder, opts.timeZone) }),
        ...(report === undefined || Date.parse(report.tolerableDue ?? report.due) < new Date(opts.now).getTime() ? {} : { reportDue: formatWhen(report.tolerableDue ?? report.due, opts.timeZone) }),
        basis: basisLines(duty.basis, compliance.flags),
      };
    }),
  };
}

function dutyText(d: DutyLine): string {
  const status = [`**${STATE_WORDS[d.state]}**`, ...(d.window === undefined ? [] : [`周期 ${esc(d.window)}`]), ...(d.due === undefined ? [] : [`截止 ${d.due}`])];
  return [
    `**${esc(d.title)}**（${d.cadence}）`,
    status.join(' · '),
    `最近完成：${d.lastDone === undefined ? '未登记' : esc(d.lastDone)}`,
    ...(d.reportDue === undefined ? [] : [`情况报告：须于 ${d.reportDue} 前报送`]),
    ...(d.nextReminder === undefined ? [] : [`下次提醒：${d.nextReminder}`]),
  ].join('\n');
}

export function buildDutiesCard(view: DutiesView): Card {
  const elements: Element[] = [];
  for (const d of view.duties) {
    elements.push(md(dutyText(d)));
    if (d.basis !== '') elements.push(note(d.basis));
    const value = action({ a: 'duty.record', c: view.committeeId, d: d.id });
    if (view.recording === d.id) {
      elements.push(form('duty_record', [
        ...datePicker({ name: FORM_FIELDS.dutyRecord.date, label: FIELD.doneDate, required: true, initialDate: view.today }),
      ], submit('duty_record_submit', { label: BUTTON.recordDuty, value })));
    } else if (view.can.record) {
      elements.push(columns([button({ label: BUTTON.recordDuty, value })]));
    }
  }
  if (view.duties.length === 0) elements.push(note('本规则没有规定周期性工作职责。'));
  const overdue = view.duties.filter((d) => d.state === 'overdue').length;
  const subtitle = `共 ${view.duties.length} 项${overdue > 0 ? ` · ${STATUS.overdue} ${overdue} 项` : ''}`;
  return card(header(TITLE.duties, overdue > 0 ? 'red' : 'blue', subtitle), elements, TITLE.duties);
}
