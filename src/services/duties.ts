/**
 * Periodic duties of a body (monthly meetings, half-year reports, the annual 民主生活会 …): a clerk
 * records each time a duty is done, and the rules module says which windows are satisfied, missing
 * or pending (A13, A14). The list of duties comes from the profile, never from here.
 */
import { z } from 'zod';
import type { DutyRecord } from '../domain/index.js';
import { IdSchema, InstantSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import type { ComplianceResult, DueDate, Duty } from '../rules/index.js';
import { dueDate, duties, dutyWindowReminders, windowCompliance } from '../rules/index.js';
import { RULES_UTC_OFFSET } from '../rules/zone.js';
import { update } from '../store/doc-store.js';
import { docKey, DUTY_RECORDS, getDoc, indexKey } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { calendarOf, loadCommittee, profileOf } from './context.js';
import { localDate } from './local-date.js';
import { askRules } from './ask-rules.js';
import { parseInput } from './input.js';
import { lifeMeetingHeldOn, remindOfDuty } from './reminders-duty.js';

const RecordInput = z.object({
  committeeId: IdSchema, dutyId: z.string().min(1).max(64), actorId: IdSchema,
  /** A date (YYYY-MM-DD), an instant with an offset, or a window label such as 2025-H1. */
  entry: z.string().trim().min(1).max(40), note: z.string().trim().max(500).optional(),
});
const FormInput = z.object({ committeeId: IdSchema, dutyId: RecordInput.shape.dutyId, actorId: IdSchema });
const StatusInput = z.object({ committeeId: IdSchema, viewerId: IdSchema, asOf: z.union([z.date(), InstantSchema, z.iso.date()]).optional() });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** The local date an entry names, or null for a window label (a late report may name a past window). */
function entryDay(entry: string, timeZone: string): string | null {
  if (DATE_ONLY.test(entry)) return entry;
  return entry.includes('T') ? localDate(entry, timeZone) : null;
}

export interface DutyStatus {
  duty: Duty;
  entries: string[];
  compliance: ComplianceResult;
  /** Due of the window holding asOf, with rest-day flags and the tolerable rolled-over day (A10). */
  due?: DueDate;
  /** When the next reminder of this duty comes (an instant), as the reminders are planned. */
  nextReminder?: string;
  /** After a recorded 民主生活会: when its report is due (JY-12d and the like). */
  report?: DueDate;
}

function dutyOf(all: readonly Duty[], dutyId: string): Duty {
  const duty = all.find((d) => d.id === dutyId);
  if (!duty) throw new RefusedError('INVALID_INPUT', 'dutyId');
  return duty;
}

/** Records that a duty was done (a date) or reported for a window (a label); a clerk or the chair records. */
export async function recordDuty(deps: ServiceDeps, raw: z.input<typeof RecordInput>): Promise<DutyRecord> {
  const input = parseInput(RecordInput, raw);
  const recorded = await update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    authorize(committee, input.actorId, 'duty.record');
    const profile = profileOf(committee);
    const duty = dutyOf(duties(profile), input.dutyId);
    const now = deps.clock.now();
    // The rules module is the one reader of dates and window labels: a bad one throws RangeError.
    askRules(() => windowCompliance(duty, [input.entry], now.toISOString()));
    const day = entryDay(input.entry, committee.timeZone);
    if (day !== null && day > localDate(now, committee.timeZone)) throw new RefusedError('INVALID_INPUT', 'entry in the future');
    const current = await getDoc(deps.redis, committee.id, DUTY_RECORDS, duty.id);
    const record: DutyRecord = current ?? { version: 0, committeeId: committee.id, dutyId: duty.id, entries: [] };
    const entry = { entry: input.entry, recordedBy: input.actorId, at: now.toISOString(), ...(input.note ? { note: input.note } : {}) };
    const next: DutyRecord = { ...record, entries: [...record.entries, entry] };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, DUTY_RECORDS, duty.id), value: next }],
        indexes: [{ key: indexKey(committee.id, DUTY_RECORDS), member: duty.id }],
        audit: { actor: input.actorId, action: 'duty.record', subject: duty.id, data: { entry: input.entry } } },
      result: { ...next, version: next.version + 1 },
    };
  });
  await remindOfDuty(deps, recorded.committeeId, recorded.dutyId);
  return recorded;
}

/** Opening the 登记完成 form of one duty: only for who may record it, and a duty of the profile. */
export async function dutyRecordForm(deps: ServiceDeps, raw: z.input<typeof FormInput>): Promise<Duty> {
  const input = parseInput(FormInput, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.actorId, 'duty.record');
  return dutyOf(duties(profileOf(committee)), input.dutyId);
}

/** Every duty of the profile with its windows as of `asOf` (default now), its entries and its due. */
export async function dutyStatus(deps: ServiceDeps, raw: z.input<typeof StatusInput>): Promise<DutyStatus[]> {
  const input = parseInput(StatusInput, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.viewerId, 'duty.status');
  const profile = profileOf(committee);
  const asOf = input.asOf === undefined ? deps.clock.now().toISOString() : input.asOf instanceof Date ? input.asOf.toISOString() : input.asOf;
  const asOfDate = entryDay(asOf, committee.timeZone) ?? asOf;
  // A date alone is read as its local start.
  const asOfInstant = DATE_ONLY.test(asOf) ? `${asOf}T00:00:00${RULES_UTC_OFFSET}` : asOf;
  return Promise.all(duties(profile).map(async (duty) => {
    const record = await getDoc(deps.redis, committee.id, DUTY_RECORDS, duty.id);
    const entries = (record?.entries ?? []).map((e) => e.entry);
    const compliance = askRules(() => windowCompliance(duty, entries, asOf, { reminderLeadDays: profile.options.reminderLeadDays }));
    const due = askRules(() => dueDate(profile, duty.id, asOfDate, calendarOf(deps)));
    const nextReminder = askRules(() => dutyWindowReminders(profile, duty, entries, asOfInstant, calendarOf(deps)))[0]?.at;
    const heldOn = lifeMeetingHeldOn(duty.id, entries);
    const report = heldOn !== undefined && profile.lifeMeeting.report ? askRules(() => dueDate(profile, 'lifeMeetingReport', heldOn, calendarOf(deps))) : undefined;
    return { duty, entries, compliance, due, ...(nextReminder === undefined ? {} : { nextReminder }), ...(report === undefined ? {} : { report }) };
  }));
}
