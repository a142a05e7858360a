/** The one registry of reminder senders: each kind of src/domain's REMINDER_KINDS and who decides it. */
import { MEETING_REMINDER_SENDERS } from './reminders-meeting.js';
import type { ReminderSenders } from './reminders.js';

export const REMINDER_SENDERS: ReminderSenders = {
  ...MEETING_REMINDER_SENDERS,
};
