/** The one registry of reminder senders: each kind of src/domain's REMINDER_KINDS and who decides it. */
import { DUTY_REMINDER_SENDERS } from './reminders-duty.js';
import { LEAVE_REMINDER_SENDERS } from './reminders-leave.js';
import { MEETING_LEAVE_REMINDER_SENDERS } from './reminders-meeting-leave.js';
import { MEETING_REMINDER_SENDERS } from './reminders-meeting.js';
import { TASK_REMINDER_SENDERS } from './reminders-task.js';
import type { ReminderSenders } from './reminders.js';

export const REMINDER_SENDERS: ReminderSenders = {
  ...MEETING_REMINDER_SENDERS,
  ...MEETING_LEAVE_REMINDER_SENDERS,
  ...LEAVE_REMINDER_SENDERS,
  ...TASK_REMINDER_SENDERS,
  ...DUTY_REMINDER_SENDERS,
};
