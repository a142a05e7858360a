/**
 * What the follow-up reminders (leave, task, duty) share: scheduling the rules' occurrences of one
 * subject as jobs, and who the office and the chair are when a reminder is for them.
 */
import type { Committee, ReminderJob } from '../domain/index.js';
import type { Occurrence } from '../rules/index.js';
import type { ServiceDeps } from './context.js';

/** One job per occurrence at its instant; re-adding one already there is harmless (fixed job ids). */
export async function scheduleOccurrences(deps: ServiceDeps, base: Omit<ReminderJob, 'occurrence'>, occurrences: readonly Occurrence[]): Promise<void> {
  for (const o of occurrences) await deps.reminders?.schedule({ ...base, occurrence: o.occurrence }, new Date(o.at));
}

/** The 书记 (more than one only in a roster being handed over). */
export const chairsOf = (committee: Committee): string[] => committee.roster.filter((m) => m.role === 'chair').map((m) => m.id);

/** The office: the 秘书; the 书记 where there is none. */
export function officeOf(committee: Committee): string[] {
  const clerks = committee.roster.filter((m) => m.role === 'clerk').map((m) => m.id);
  return clerks.length > 0 ? clerks : chairsOf(committee);
}
