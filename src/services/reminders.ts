/**
 * The services' side of reminders: the interface by which a use case schedules and voids them
 * (ServiceDeps.reminders, backed by the queue in src/scheduler/reminders.ts), and what a reminder
 * sender returns. A sender is given the committee's current state and `now`; it decides whether a
 * reminder is still due and to whom, and says so as data: the card is drawn and sent by the shell.
 */
import type { Committee, ReminderJob, ReminderKind, ReminderNotice } from '../domain/index.js';
import { reminderPolicy, type ReminderPolicy } from '../rules/index.js';
import type { ServiceDeps } from './context.js';

export interface Reminders {
  /** A delayed job with the fixed id of `job`; quiet hours are applied when it comes due, with the committee's settings then. */
  schedule(job: ReminderJob, at: Date): Promise<void>;
  /** Removes the pending jobs of a subject (rescheduled or cancelled); a job already running checks the version itself. */
  voidSubject(committeeId: string, subject: string): Promise<void>;
}

/** A member privately (by roster id), or the committee's group. */
export type ReminderTarget = { readonly memberId: string } | { readonly chat: true };

export type ReminderSend =
  | { readonly to: ReminderTarget; readonly notice: ReminderNotice }
  /** Feishu's urgent-app call on the meeting's group notice, for these members. */
  | { readonly urge: 'meetingNotice'; readonly meetingId: string; readonly memberIds: readonly string[] }
  /** The cards that opening sign-in posts (会议签到, 会议主持), as when the chair taps 开始签到. */
  | { readonly post: 'signIn'; readonly meetingId: string };

export type ReminderSender = (deps: ServiceDeps, job: ReminderJob, now: Date) => Promise<ReminderSend[]>;
export type ReminderSenders = Partial<Record<ReminderKind, ReminderSender>>;

/** The part of a send's outbox key that tells it from the job's other sends. */
export function sendKeyOf(send: ReminderSend): string {
  if ('notice' in send) return 'memberId' in send.to ? `m|${send.to.memberId}` : 'chat';
  if ('urge' in send) return `urge|${send.urge}`;
  return `post|${send.post}`;
}

/** The committee's reminder settings over the rules' defaults. */
export function policyOf(committee: Committee): ReminderPolicy {
  return reminderPolicy(committee.reminders);
}
