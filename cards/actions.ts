/**
 * Every button value and form payload of the conversation contract, as one zod union: cards emit
 * values from it, handlers parse with it once the value's signature has checked. A value holds the
 * action name (`a`, `<noun>.<verb>`), the committee id (`c`) and ids only; who tapped comes from
 * the callback's operator, never from the value. Keys are one letter to keep big cards small:
 * c committee · m meeting · t topic · p person (member) · l general leave · s leave step ·
 * b ballot · e evaluation · k task · d duty · v vote choice · g grade.
 */
import { z } from 'zod';
import { ApproverRoleSchema, IdSchema, LeaveReasonSchema, ProfileIdSchema, VoteChoiceSchema, VoteMethodSchema } from '../src/domain/index.js';
import type { ApproverRole } from '../src/rules/index.js';

const Grade = z.string().min(1).max(20);
const DutyId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);

const act = <A extends string, S extends z.ZodRawShape>(a: A, shape: S) =>
  z.strictObject({ a: z.literal(a), c: IdSchema, ...shape });

const meeting = { m: IdSchema };
const item = { m: IdSchema, t: IdSchema };

export const ActionSchema = z.discriminatedUnion('a', [
  act('setup.save', {}),
  act('topic.confirm', { t: IdSchema }),
  act('topic.return', { t: IdSchema }),
  /** `late`: the sender saw and accepted the late-notice warning in the confirm dialog. */
  act('meeting.sendNotice', { m: IdSchema, late: z.boolean() }),
  act('meeting.cancel', meeting),
  /** 改期: without a form it opens the form; with it, the move. `late` as for 发送通知. */
  act('meeting.reschedule', { m: IdSchema, late: z.boolean() }),
  act('meeting.openSignIn', meeting),
  act('notice.attend', meeting),
  act('notice.leave', meeting),
  act('notice.object', meeting),
  act('leave.submit', meeting),
  act('leave.approve', { m: IdSchema, p: IdSchema }),
  act('leave.reject', { m: IdSchema, p: IdSchema }),
  act('generalLeave.submit', {}),
  act('generalLeave.approve', { l: IdSchema, s: z.number().int().nonnegative().max(20) }),
  act('generalLeave.reject', { l: IdSchema, s: z.number().int().nonnegative().max(20) }),
  act('generalLeave.return', { l: IdSchema }),
  act('signIn.signIn', meeting),
  act('chair.vote', item),
  act('chair.defer', item),
  act('chair.reconsider', item),
  act('chair.endMeeting', meeting),
  /** Only ever in the voter's own private card: the choice is the button's own. */
  act('ballot.cast', { b: IdSchema, v: VoteChoiceSchema }),
  act('ballot.close', { b: IdSchema }),
  act('ballot.remind', { b: IdSchema }),
  act('evaluation.cast', { e: IdSchema, g: Grade }),
  act('evaluation.close', { e: IdSchema }),
  act('evaluation.remind', { e: IdSchema }),
  act('minutes.edit', meeting),
  act('minutes.save', meeting),
  act('minutes.signOff', meeting),
  /** 转为督办 on the signed minutes: without a form it opens the item's form; with it, the task is made. */
  act('minutes.toTask', item),
  act('task.report', { k: IdSchema }),
  act('task.done', { k: IdSchema }),
  act('duty.record', { d: DutyId }),
  /** A diagnostic button: answers a toast, to check the callback path of a deployment end to end. */
  act('demo.ping', { n: z.number().int().nonnegative().optional() }),
]);

export type Action = z.infer<typeof ActionSchema>;
export type ActionName = Action['a'];
/** The value of one action, e.g. `ActionOf<'topic.confirm'>`. */
export type ActionOf<A extends ActionName> = Extract<Action, { a: A }>;

export const ACTION_NAMES: readonly ActionName[] = ActionSchema.options.map((o) => o.shape.a.value);

/** Builds a value; the type checks the fields against the action named. */
export const action = <A extends ActionName>(value: ActionOf<A>): ActionOf<A> => value;

// Form payloads: Feishu puts a form's fields in `action.form_value`, keyed by each field's `name`.
// Whether an untouched optional field is left out or sent empty is not documented: both mean "none".

const blankToUndefined = (v: unknown): unknown => (v === '' || (Array.isArray(v) && v.length === 0) ? undefined : v);
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional());
const Text = (max: number) => z.string().trim().min(1).max(max);
const OpenId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
/** A date picker's value, "2026-12-10 +0800": the calendar date the person picked. */
const PickedDate = z.string().regex(/^\d{4}-\d{2}-\d{2}( [+-]\d{4})?$/).transform((s) => s.slice(0, 10))
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '日期无效');

/** Field names used by the cards that carry them, so names and schemas cannot drift apart. */
export const FORM_FIELDS = {
  setup: {
    profile: 'profile', chair: 'chair', viceChair: 'vice_chair', clerk: 'clerk', observers: 'observers',
    signInLead: 'sign_in_lead', startLeads: 'start_leads', deadlineLead: 'deadline_lead', quietHours: 'quiet_hours', taskLead: 'task_lead',
  },
  topicReturn: { reason: 'reason' },
  meetingLeave: { reason: 'reason' },
  generalLeave: { start: 'start', end: 'end', reason: 'reason', kind: 'kind' },
  objection: { text: 'text' },
  reschedule: { time: 'starts_at', place: 'place' },
  chairVote: { method: 'method' },
  taskProgress: { progress: 'progress' },
  dutyRecord: { date: 'date' },
  minutesTask: { owner: 'owner', due: 'due' },
} as const;

const APPROVER_PREFIX = 'approver_';
const OPINION_PREFIX = 'opinion_';
const MINUTES_ITEM_PREFIX = 'item_';

export const approverField = (role: ApproverRole): string => `${APPROVER_PREFIX}${role}`;
export const opinionField = (topicId: string): string => `${OPINION_PREFIX}${topicId}`;
export const minutesItemField = (topicId: string): string => `${MINUTES_ITEM_PREFIX}${topicId}`;

/** Entries `<prefix><id>` of a form, non-empty ones only. */
function perId(form: Record<string, unknown>, prefix: string): { id: string; text: string }[] {
  return Object.entries(form)
    .filter(([key, v]) => key.startsWith(prefix) && typeof v === 'string' && v.trim() !== '')
    .map(([key, v]) => ({ id: key.slice(prefix.length), text: (v as string).trim() }));
}

const PerIdText = z.string().trim().max(2000);
/** Fields `<prefix><id>` must name a real id and hold text. */
const checkPerId = (prefix: string) => (form: Record<string, unknown>, ctx: z.RefinementCtx): void => {
  for (const [key, v] of Object.entries(form)) {
    if (!key.startsWith(prefix)) continue;
    if (!IdSchema.safeParse(key.slice(prefix.length)).success || !PerIdText.safeParse(v).success) {
      ctx.addIssue({ code: 'custom', message: `字段 ${key} 无效`, path: [key] });
    }
  }
};

const S = FORM_FIELDS.setup;
/** The reminder fields filled in, if any: a form without them leaves the settings alone. */
function reminderFieldsOf(fields: Record<string, string | undefined>): { reminders?: Record<string, string> } {
  const given = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
  return Object.keys(given).length === 0 ? {} : { reminders: given };
}
export const SetupFormSchema = z.object({
  [S.profile]: ProfileIdSchema,
  [S.chair]: optional(OpenId),
  [S.viceChair]: optional(z.array(OpenId).max(20)),
  [S.clerk]: optional(z.array(OpenId).max(20)),
  [S.observers]: optional(z.array(OpenId).max(100)),
  // Typed text, read by the setup service (which refuses a bad value with its own sentence).
  [S.signInLead]: optional(z.string().max(60)),
  [S.startLeads]: optional(z.string().max(60)),
  [S.deadlineLead]: optional(z.string().max(60)),
  [S.quietHours]: optional(z.string().max(60)),
  [S.taskLead]: optional(z.string().max(60)),
}).catchall(z.unknown()).superRefine((form, ctx) => {
  for (const key of Object.keys(form)) {
    if (key.startsWith(APPROVER_PREFIX) && !ApproverRoleSchema.safeParse(key.slice(APPROVER_PREFIX.length)).success) {
      ctx.addIssue({ code: 'custom', message: `未知的审批角色 ${key}`, path: [key] });
    }
  }
}).transform((form) => {
  const approvers: Partial<Record<ApproverRole, string[]>> = {};
  for (const role of ApproverRoleSchema.options) {
    const ids = z.array(OpenId).max(20).safeParse(form[approverField(role)]);
    if (ids.success && ids.data.length > 0) approvers[role] = ids.data;
  }
  return {
    profile: form[S.profile], chair: form[S.chair], viceChairs: form[S.viceChair] ?? [],
    clerks: form[S.clerk] ?? [], observers: form[S.observers] ?? [], approvers,
    ...reminderFieldsOf({ signInLead: form[S.signInLead], startLeads: form[S.startLeads], deadlineLead: form[S.deadlineLead], quietHours: form[S.quietHours], taskLead: form[S.taskLead] }),
  };
});

export const TopicReturnFormSchema = z.object({ [FORM_FIELDS.topicReturn.reason]: Text(500) })
  .transform((f) => ({ reason: f[FORM_FIELDS.topicReturn.reason] }));

export const MeetingLeaveFormSchema = z.object({ [FORM_FIELDS.meetingLeave.reason]: Text(500) }).catchall(z.unknown())
  .superRefine(checkPerId(OPINION_PREFIX))
  .transform((f) => ({
    reason: f[FORM_FIELDS.meetingLeave.reason],
    writtenOpinions: perId(f, OPINION_PREFIX).map(({ id, text }) => ({ topicId: id, text })),
  }));

const G = FORM_FIELDS.generalLeave;
export const GeneralLeaveFormSchema = z.object({
  [G.start]: PickedDate, [G.end]: PickedDate, [G.kind]: LeaveReasonSchema, [G.reason]: Text(500),
}).refine((f) => f[G.start] <= f[G.end], { message: '结束日期不能早于开始日期', path: [G.end] })
  .transform((f) => ({ start: f[G.start], end: f[G.end], reason: f[G.kind], reasonText: f[G.reason] }));

export const ObjectionFormSchema = z.object({ [FORM_FIELDS.objection.text]: Text(1000) })
  .transform((f) => ({ text: f[FORM_FIELDS.objection.text] }));

const R = FORM_FIELDS.reschedule;
/** The typed time is read by the /会议 parser, which answers a bad one with its own sentence. */
export const RescheduleFormSchema = z.object({ [R.time]: optional(z.string().max(200)), [R.place]: optional(z.string().max(400)) })
  .transform((f) => ({ time: f[R.time], place: f[R.place] }));

export const ChairVoteFormSchema = z.object({ [FORM_FIELDS.chairVote.method]: optional(VoteMethodSchema) })
  .transform((f) => ({ method: f[FORM_FIELDS.chairVote.method] }));

export const MinutesEditFormSchema = z.record(z.string(), z.unknown()).superRefine(checkPerId(MINUTES_ITEM_PREFIX))
  .transform((f) => ({ items: perId(f, MINUTES_ITEM_PREFIX).map(({ id, text }) => ({ topicId: id, text })) }));

export const TaskProgressFormSchema = z.object({ [FORM_FIELDS.taskProgress.progress]: Text(1000) })
  .transform((f) => ({ progress: f[FORM_FIELDS.taskProgress.progress] }));

export const DutyRecordFormSchema = z.object({ [FORM_FIELDS.dutyRecord.date]: PickedDate })
  .transform((f) => ({ date: f[FORM_FIELDS.dutyRecord.date] }));

const T = FORM_FIELDS.minutesTask;
export const MinutesTaskFormSchema = z.object({ [T.owner]: OpenId, [T.due]: PickedDate })
  .transform((f) => ({ ownerOpenId: f[T.owner], due: f[T.due] }));
