/**
 * `改期` on 会议筹备 and 会议通知 (the 书记 or the 秘书), until sign-in opens. On 会议筹备 the form
 * opens in the card; the 会议通知 is everyone's, so from it the form comes privately, as a 会议筹备
 * card with the form open. `确认改期` moves the meeting; a new time that makes the notice late is
 * taken only from a button whose confirm dialog said so, as 发送通知 does. After a move the notice
 * is re-rendered and, once it was sent, the invited are told in the group once per new version.
 */
import { RescheduleFormSchema, type ActionOf } from '../cards/actions.js';
import { formatWhen, plainText, textMention } from '../cards/text.js';
import { parseMeetingMove } from '../src/bot/parse/commands.js';
import type { CardReply } from '../src/bot/context.js';
import { isVotingMember, movable, type Committee, type Meeting } from '../src/domain/index.js';
import { RefusedError } from '../src/errors.js';
import { authorize } from '../src/services/authority.js';
import { localDate } from '../src/services/local-date.js';
import { getMeetingDraft } from '../src/services/meeting-view.js';
import { noticeCheckOfMove, rescheduleMeeting } from '../src/services/meetings-notice.js';
import { meetingDraftCard } from './meeting-cards.js';
import { noticeKey, refreshNotice } from './notice-refresh.js';
import { actorOfAction, cardJson, keyOf, toast, withCard, type ActionCtx } from './support.js';

export const RESCHEDULE_FORM_SENT = '改期表已在私聊中发给您，请填写后点“确认改期”。';
export const FILL_IN_MOVE = '请填写新的会议时间，再点“确认改期”。';
export const MOVE_FORM_INVALID = '请在“会议时间”中写明日期和时间，如"12月10日 9:00"；会议地点不超过200字。';
export const MOVE_NOW_LATE = '改到这个时间，会议通知已晚于规定时间，请再点“确认改期”并在确认框中确认。';
export const MEETING_MOVED = '会议已改期，已在群里告知参会人员。';
export const MEETING_MOVED_BEFORE_NOTICE = '会议已改期，发送通知时将按新的时间通知。';

/** The outbox key of a move's announcement: one per version the move left the meeting at. */
const movedKey = (meeting: Meeting): string => `moved|${meeting.committeeId}|${meeting.id}|${meeting.version}`;

/** The group's announcement: the invited @-mentioned, the new time and place, what happens to their answers. */
export function movedAnnouncement(committee: Committee, meeting: Meeting): string {
  const invited = [...committee.roster.filter(isVotingMember).map((m) => m.openId),
    ...meeting.observers.map((id) => committee.roster.find((m) => m.id === id)?.openId).filter((id): id is string => id !== undefined)];
  const from = meeting.movedFrom ?? meeting.startsAt;
  const newDay = localDate(from, committee.timeZone) !== localDate(meeting.startsAt, committee.timeZone);
  const place = meeting.location === undefined ? '' : `，地点：${plainText(meeting.location)}`;
  const answers = newDay
    ? '会议日期已变，原回复的“参加”需重新确认，请在“会议通知”卡片上点“参加”或“请假”；已请假的仍然有效。'
    : '已回复的“参加”“请假”仍然有效。';
  return `${invited.map((id) => textMention(id)).join(' ')} “${plainText(meeting.title)}”改期至 ${formatWhen(meeting.startsAt, committee.timeZone)}${place}（原定 ${formatWhen(from, committee.timeZone)}）。${answers}`;
}

/** The form is offered only for a meeting that may move (the service checks it again on the move). */
function requireMovable(meeting: Meeting): void {
  if (!movable(meeting)) throw new RefusedError('INVALID_STATE', `meeting ${meeting.status}`);
}

export async function rescheduleMeetingAction(ctx: ActionCtx, value: ActionOf<'meeting.reschedule'>): Promise<CardReply> {
  const { committee, member } = await actorOfAction(ctx);
  const ref = { committeeId: committee.id, meetingId: value.m };
  const now = ctx.clock.now();
  const draft = await getMeetingDraft(ctx.services, { ...ref, viewerId: member.id });
  authorize(committee, member.id, 'meeting.reschedule');
  requireMovable(draft.meeting);
  if (ctx.event.formValue === undefined) {
    const fromNotice = ctx.event.messageId !== undefined && ctx.event.messageId === await ctx.outbox.sentMessageId(noticeKey(committee.id, value.m));
    if (!fromNotice) return withCard(toast.info(FILL_IN_MOVE), meetingDraftCard(draft, member.id, now, {}));
    await ctx.outbox.enqueueSend({ to: { openId: member.openId }, key: keyOf(ctx.event, 'reschedule'), card: cardJson(meetingDraftCard(draft, member.id, now, {})) });
    return toast.info(RESCHEDULE_FORM_SENT);
  }
  const parsed = RescheduleFormSchema.safeParse(ctx.event.formValue);
  if (!parsed.success) return toast.error(MOVE_FORM_INVALID);
  const form = parsed.data;
  const move = parseMeetingMove({ time: form.time ?? '', place: form.place, nowMs: now.getTime() });
  const target = { ...ref, actorId: member.id, startsAt: move.startsAt, ...(move.place === null ? {} : { location: move.place }) };
  const check = await noticeCheckOfMove(ctx.services, target);
  if (check.onTime === false && !value.late) {
    return withCard(toast.warning(MOVE_NOW_LATE), meetingDraftCard(draft, member.id, now, { time: form.time ?? '', ...(form.place === undefined ? {} : { place: form.place }), late: check }));
  }
  // The same move tapped again (or re-delivered, or twice at once) changes nothing the second time,
  // so the meeting's version, and with it the announcement's key, stay the first move's.
  const moved = await rescheduleMeeting(ctx.services, target);
  await refreshNotice(ctx, committee.id, value.m);
  if (moved.noticeSentAt !== undefined) {
    await ctx.outbox.enqueueSend({ to: { chatId: committee.chatId }, key: movedKey(moved), text: movedAnnouncement(committee, moved) });
  }
  const after = await getMeetingDraft(ctx.services, { ...ref, viewerId: member.id });
  return withCard(toast.success(moved.noticeSentAt === undefined ? MEETING_MOVED_BEFORE_NOTICE : MEETING_MOVED), meetingDraftCard(after, member.id, now));
}
