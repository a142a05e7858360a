/**
 * A body's reminder settings as typed on the setup card: sign-in opening time, lead times before
 * the start, how early deadline and task reminders come, quiet hours. Each field is parsed with the domain's
 * schema; a bad one is refused with one Chinese sentence and an example, and nothing is saved. A
 * blank field keeps the current setting; the rules module's defaults apply where none was set.
 */
import type { ReminderSettings } from '../domain/index.js';
import { NO_QUIET_HOURS, ReminderSettingsSchema } from '../domain/index.js';
import { InputError } from '../errors.js';

export interface ReminderForm {
  signInLead?: string | undefined;
  startLeads?: string | undefined;
  deadlineLead?: string | undefined;
  quietHours?: string | undefined;
  taskLead?: string | undefined;
}

export const REMINDER_FORM_REFUSALS = {
  signInLead: '签到时间请填会前分钟数（0 至 720），如“30”。',
  startLeads: '会前提醒请填会前分钟数，最多 4 个，用逗号分开，每个 5 至 10080，如“1440,30”（会前一天和会前半小时）。',
  deadlineLead: '截止提醒请填提前的工作日数（0 至 5），如“0”（截止当天上午）。',
  quietHours: '免打扰时段请写成“22:00-07:30”；不设免打扰请填“无”。',
  taskLead: '督办提醒请填到期前的工作日数（0 至 10），如“1”（到期前一个工作日上午）。',
} as const satisfies Record<keyof ReminderForm, string>;

const S = ReminderSettingsSchema.shape;
const halfWidth = (text: string): string => text.replace(/[０-９：，－～]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();
const whole = (text: string): number => (/^\d{1,6}$/.test(text) ? Number(text) : Number.NaN);

function field<T>(text: string | undefined, key: keyof ReminderForm, read: (text: string) => unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | undefined {
  const given = halfWidth(text ?? '');
  if (given === '') return undefined;
  const parsed = schema.safeParse(read(given));
  if (!parsed.success) throw new InputError('unreadable', REMINDER_FORM_REFUSALS[key]);
  return parsed.data;
}

function quiet(text: string): unknown {
  if (text === NO_QUIET_HOURS || text === '不设') return null;
  const match = /^(\d{1,2}):(\d{2})\s*(?:-|~|至|到)\s*(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return 'unreadable';
  const at = (h: string | undefined, m: string | undefined) => `${(h ?? '').padStart(2, '0')}:${m ?? ''}`;
  return { from: at(match[1], match[2]), to: at(match[3], match[4]) };
}

/** The settings after the form: the current ones with each field given replaced; undefined when the form gives none. */
export function parseReminderForm(form: ReminderForm, current: ReminderSettings | undefined): ReminderSettings | undefined {
  const signInLeadMinutes = field(form.signInLead, 'signInLead', whole, S.signInLeadMinutes);
  const startLeadMinutes = field(form.startLeads, 'startLeads', (t) => t.split(/\s*[,、\s]\s*/).map(whole), S.startLeadMinutes);
  const deadlineLeadWorkingDays = field(form.deadlineLead, 'deadlineLead', whole, S.deadlineLeadWorkingDays);
  const quietHours = field(form.quietHours, 'quietHours', quiet, S.quietHours);
  const taskLeadWorkingDays = field(form.taskLead, 'taskLead', whole, S.taskLeadWorkingDays);
  const given: ReminderSettings = {
    ...(signInLeadMinutes === undefined ? {} : { signInLeadMinutes }),
    ...(startLeadMinutes === undefined ? {} : { startLeadMinutes }),
    ...(deadlineLeadWorkingDays === undefined ? {} : { deadlineLeadWorkingDays }),
    ...(quietHours === undefined ? {} : { quietHours }),
    ...(taskLeadWorkingDays === undefined ? {} : { taskLeadWorkingDays }),
  };
  if (Object.keys(given).length === 0) return undefined;
  if (startLeadMinutes !== undefined && (startLeadMinutes.length === 0 || new Set(startLeadMinutes).size !== startLeadMinutes.length)) {
    throw new InputError('unreadable', REMINDER_FORM_REFUSALS.startLeads);
  }
  return { ...current, ...given };
}
