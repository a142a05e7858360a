/**
 * 会议筹备: the meeting as scheduled, its agenda and observers, the notice deadline the profile sets
 * with its basis, and 发送通知 (with a confirm dialog when sending now is late) / 取消会议 / 开始签到.
 */
import type { Committee, Meeting, Topic } from '../src/domain/index.js';
import { movable } from '../src/domain/index.js';
import type { NoticeCheck, Profile } from '../src/rules/index.js';
import { RULE_FLAG_TEXT, RULE_IDS } from '../src/rules/index.js';
import { action, FORM_FIELDS } from './actions.js';
import { basisBlock, button, buttonRow, card, form as form_, header, hr, input, md, submit } from './components.js';
import { BUTTON, FIELD, MEETING_STATUS_NAMES, SENTENCE, TITLE } from './copy.js';
import { factsText, toMeetingFacts, type MeetingFacts } from './meeting-parts.js';
import { clip, formatWhen } from './text.js';
import type { Button, Card, Element } from './types.js';
import type { ViewOptions } from './view.js';

export interface MeetingDraftCan { sendNotice: boolean; cancel: boolean; openSignIn: boolean; reschedule: boolean }

/** 改期's form, open on the card: what was typed, and the move's checkNotice when it makes the notice late. */
export interface RescheduleInput { time?: string; place?: string; late?: NoticeCheck }

export interface MeetingDraftView {
  facts: MeetingFacts;
  status: string;
  /** "按 NT-3.4b 须于会前 2 日通知，即 12月8日（周二）23:59 前", or that the profile sets none. */
  deadline: string;
  /** Sending now would be late: 发送通知 asks first, and the notice will carry the warning. */
  late: boolean;
  noticeSent: boolean;
  basis: readonly string[];
  flags: NoticeCheck['flags'];
  can: MeetingDraftCan;
  /** The 改期 form is open; `lateConfirm` is its confirm dialog when the new time makes the notice late. */
  rescheduling?: { time?: string; place?: string; lateConfirm?: string };
}

/** "按 NT-3.4b 须于会前 2 日通知，即 12月8日（周二）23:59 前", or that the profile sets none. */
function deadlineOf(profile: Profile, check: NoticeCheck, timeZone: string): string {
  const rule = profile.notice.notice;
  // The sentence names the articles; the readings the rules module chose show in the basis block.
  const ids = rule === null ? '' : rule.basis.filter((id) => RULE_IDS[id]?.source !== 'AMBIGUITY').join('、');
  return rule === null ? RULE_FLAG_TEXT.NO_NOTICE_RULE : `按 ${ids} 须于会前 ${rule.days} 日通知，即 ${formatWhen(check.noticeBy, timeZone)} 前`;
}

/** `notice` is the rules module's checkNotice for sending at `now`; the card only words it. */
export function toMeetingDraftView(meeting: Meeting, topics: readonly Topic[], committee: Pick<Committee, 'roster'>,
  profile: Profile, notice: NoticeCheck, opts: ViewOptions<MeetingDraftCan>, move?: RescheduleInput): MeetingDraftView {
  const deadline = deadlineOf(profile, notice, opts.timeZone);
  const noticeSent = meeting.noticeSentAt !== undefined;
  const open = meeting.status === 'scheduled' || meeting.status === 'noticed';
  return {
    facts: toMeetingFacts(meeting, topics, committee, opts.timeZone),
    status: MEETING_STATUS_NAMES[meeting.status],
    deadline,
    late: notice.onTime === false,
    noticeSent,
    basis: notice.basis,
    flags: notice.flags.filter((f) => f !== 'NO_NOTICE_RULE'),
    can: {
      sendNotice: opts.can.sendNotice && !noticeSent && meeting.status === 'scheduled',
      cancel: opts.can.cancel && open,
      openSignIn: opts.can.openSignIn && open,
      reschedule: opts.can.reschedule && movable(meeting),
    },
    ...(move === undefined ? {} : { rescheduling: {
      ...(move.time === undefined ? {} : { time: move.time }), ...(move.place === undefined ? {} : { place: move.place }),
      ...(move.late === undefined ? {} : { lateConfirm: `${deadlineOf(profile, move.late, opts.timeZone)}。${noticeSent ? '改到这个时间，已发的通知晚于规定时间' : '改到这个时间，现在发送通知已晚于规定时间'}，通知将注明此情况。确定改期吗？` }),
    } }),
  };
}

/** 改期's form: 会议时间 typed as /会议 takes it, 会议地点 optional; 确认改期 asks first when the move makes the notice late. */
function rescheduleForm(view: MeetingDraftView, form: NonNullable<MeetingDraftView['rescheduling']>): Element[] {
  const { committeeId: c, meetingId: m } = view.facts;
  const late = form.lateConfirm !== undefined;
  return [hr(), form_('meeting_reschedule', [
    input({ name: FORM_FIELDS.reschedule.time, label: FIELD.meetingTime, required: true, placeholder: '如 12月10日 9:00', maxLength: 60, ...(form.time === undefined ? {} : { defaultValue: form.time }) }),
    input({ name: FORM_FIELDS.reschedule.place, label: FIELD.meetingPlace, placeholder: '不填则地点不变', maxLength: 200, ...(form.place === undefined ? {} : { defaultValue: form.place }) }),
  ], submit('reschedule_submit', {
    label: BUTTON.confirmReschedule, value: action({ a: 'meeting.reschedule', c, m, late }),
    ...(late ? { confirm: { title: SENTENCE.lateNoticeConfirmTitle, text: form.lateConfirm ?? '' } } : {}),
  }))];
}

export function buildMeetingDraftCard(view: MeetingDraftView): Card {
  const { committeeId: c, meetingId: m } = view.facts;
  const buttons: Button[] = [];
  if (view.can.sendNotice) {
    buttons.push(button({
      label: BUTTON.sendNotice,
      type: 'primary_filled',
      value: action({ a: 'meeting.sendNotice', c, m, late: view.late }),
      ...(view.late ? { confirm: { title: SENTENCE.lateNoticeConfirmTitle, text: `${view.deadline}。现在发送已晚于规定时间，通知将注明此情况。确定发送吗？` } } : {}),
    }));
  }
  if (view.can.openSignIn) buttons.push(button({ label: BUTTON.openSignIn, value: action({ a: 'meeting.openSignIn', c, m }) }));
  if (view.can.reschedule && view.rescheduling === undefined) buttons.push(button({ label: BUTTON.reschedule, value: action({ a: 'meeting.reschedule', c, m, late: false }) }));
  if (view.can.cancel) {
    buttons.push(button({
      label: BUTTON.cancelMeeting, type: 'danger', value: action({ a: 'meeting.cancel', c, m }),
      confirm: { title: '取消会议', text: '确定取消这次会议吗？' },
    }));
  }
  const deadline = view.noticeSent ? '**通知**：已发送' : `**通知期限**：${view.deadline}${view.late ? '（现在发送已晚于规定时间）' : ''}`;
  return card(
    header(TITLE.meetingDraft, view.facts.emergency ? 'red' : 'blue', clip(view.facts.title, 60), { text: view.status, color: view.late && !view.noticeSent ? 'red' : 'blue' }),
    [md(factsText(view.facts)), md(deadline), ...basisBlock(view.basis, view.flags), ...buttonRow(buttons),
      ...(view.can.reschedule && view.rescheduling !== undefined ? rescheduleForm(view, view.rescheduling) : [])],
    `${TITLE.meetingDraft}：${clip(view.facts.title, 40)}`,
  );
}
