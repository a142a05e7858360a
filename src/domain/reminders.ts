/**
 * Reminders as data: the kinds (one literal list), the job a delayed reminder carries (ids and a
 * version only, never ballot content or names), and a body's own reminder settings as stored on
 * its committee. The defaults and all time arithmetic are the rules module's (src/rules/reminders.ts).
 */
import { z } from 'zod';
import { IdSchema } from './common.js';

export const REMINDER_KINDS = [
  /** To the office: the notice deadline is near and no notice has gone out. */
  'meeting.notice',
  /** To the invited who have not answered the notice (urgent-app on the last day). */
  'meeting.rsvp',
  /** To those attending: the day before and shortly before the start. */
  'meeting.start',
  /** To the voting members: the objections deadline is near. */
  'meeting.objections',
  /** Not a message but an act: sign-in opens at the committee's set time. */
  'meeting.signIn',
  /** To the applicant: the leave ends or its 销假 falls due, and it is not done. */
  'leave.return',
  /** To the holders of a general leave's waiting step, each working morning it waits. */
  'leave.approval',
  /** To whoever chairs a meeting: meeting leaves wait for approval (the morning after, and before the start). */
  'meeting.leaveApproval',
  /** To the owner: a task is due soon and still open. */
  'task.due',
  /** To the chair and the clerk: a task's due date has passed and it is still open. */
  'task.overdue',
  /** To the office: a duty's window is about to close and it is not recorded done. */
  'duty.due',
  /** To the chair: a duty's window closed and it was not recorded done. */
  'duty.overdue',
  /** To the office: the report after a recorded 民主生活会 falls due. */
  'duty.report',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Kinds that happen at their time even at night: opening sign-in for an early meeting must not wait. */
export const QUIET_HOURS_EXEMPT: readonly ReminderKind[] = ['meeting.signIn'];

/** A subject or an occurrence: our own ids and dates, plus '+' for compound subjects (duty+window). */
const PartSchema = z.string().regex(/^[A-Za-z0-9_.+-]{1,160}$/);

export const ReminderJobSchema = z.object({
  committeeId: IdSchema,
  kind: z.enum(REMINDER_KINDS),
  subject: PartSchema,
  version: PartSchema,
  occurrence: PartSchema,
});
export type ReminderJob = z.infer<typeof ReminderJobSchema>;

/** A local time of day, HH:MM in the committee's zone. */
export const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** `from` to `to` in local time, across midnight when `to` is earlier; null: no quiet hours. */
export const QuietHoursSchema = z.object({ from: TimeOfDaySchema, to: TimeOfDaySchema }).refine((q) => q.from !== q.to);
export type QuietHours = z.infer<typeof QuietHoursSchema>;

/** The word typed on the setup card for no quiet hours. */
export const NO_QUIET_HOURS = '无';

/** What a body may set; each field absent means the rules module's default. */
export const ReminderSettingsSchema = z.object({
  /** Sign-in opens this many minutes before the start. */
  signInLeadMinutes: z.number().int().min(0).max(720).optional(),
  /** Reminders to those attending, minutes before the start (e.g. [1440, 30]: the day before and half an hour before). */
  startLeadMinutes: z.array(z.number().int().min(5).max(10_080)).max(4).optional(),
  /** Deadline reminders (notice, objections) come on the morning of the last working day on or before the deadline, this many working days earlier. */
  deadlineLeadWorkingDays: z.number().int().min(0).max(5).optional(),
  quietHours: QuietHoursSchema.nullable().optional(),
  /** A task's owner is reminded this many working days before its due date. */
  taskLeadWorkingDays: z.number().int().min(0).max(10).optional(),
});
export type ReminderSettings = z.infer<typeof ReminderSettingsSchema>;

/**
 * What a reminder of a leave, a task or a duty says: ids, dates and titles (never a leave's reason,
 * which may be a diagnosis); drawn by cards/follow-up-card.ts.
 */
export type FollowUpNotice =
  | { readonly type: 'leaveReturn'; readonly committeeId: string; readonly leaveId: string; readonly start: string; readonly end: string; readonly returnBy: string; readonly dueToday: boolean; readonly basis: readonly string[] }
  | { readonly type: 'leavePending'; readonly applicant: string; readonly days: number; readonly start?: string; readonly end?: string; readonly waitingSince: string }
  | { readonly type: 'meetingLeavePending'; readonly title: string; readonly startsAt: string; readonly applicants: readonly string[] }
  | { readonly type: 'taskDue'; readonly title: string; readonly due: string }
  | { readonly type: 'taskOverdue'; readonly title: string; readonly due: string; readonly owner: string }
  | { readonly type: 'dutyDue'; readonly title: string; readonly window: string; readonly due: string; readonly basis: readonly string[] }
  | { readonly type: 'dutyOverdue'; readonly title: string; readonly window: string; readonly due: string; readonly basis: readonly string[] }
  | { readonly type: 'dutyReport'; readonly heldOn: string; readonly due: string; readonly basis: readonly string[] };

export const FOLLOW_UP_NOTICE_TYPES = ['leaveReturn', 'leavePending', 'meetingLeavePending', 'taskDue', 'taskOverdue', 'dutyDue', 'dutyOverdue', 'dutyReport'] as const satisfies readonly FollowUpNotice['type'][];

/** What a reminder says: ids, times and titles only (never a ballot's content), drawn by the reminder card. */
export type ReminderNotice =
  | { readonly type: 'meetingNoticeDue'; readonly title: string; readonly startsAt: string; readonly deadline: string }
  | { readonly type: 'meetingUnanswered'; readonly title: string; readonly startsAt: string; readonly last: boolean }
  | { readonly type: 'meetingStarting'; readonly title: string; readonly startsAt: string; readonly location?: string; readonly minutesBefore: number }
  | { readonly type: 'meetingObjections'; readonly title: string; readonly startsAt: string; readonly deadline: string }
  | FollowUpNotice;

export function isFollowUpNotice(notice: ReminderNotice): notice is FollowUpNotice {
  return (FOLLOW_UP_NOTICE_TYPES as readonly string[]).includes(notice.type);
}

