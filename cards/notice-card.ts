/**
 * 会议通知: @-mentions every invited member; time, place, agenda, observers, the objection deadline
 * where the profile has one, any late-notice warning; 参加 / 请假 / 提出异议; live counts.
 */
import type { Attendance, Committee, Meeting, Topic } from '../src/domain/index.js';
import { isVotingMember, movable } from '../src/domain/index.js';
import type { Profile } from '../src/rules/index.js';
import { RULE_FLAG_TEXT } from '../src/rules/index.js';
import { action } from './actions.js';
import { basisBlock, button, buttonRow, card, header, md, note } from './components.js';
import { BUTTON, SENTENCE, TITLE } from './copy.js';
import { factsText, toMeetingFacts, type MeetingFacts } from './meeting-parts.js';
import { clip, formatWhen } from './text.js';
import type { Button, Card } from './types.js';
import { mention, personOf, type PersonView, type ViewOptions } from './view.js';

export interface NoticeCan { attend: boolean; leave: boolean; object: boolean; openSignIn: boolean; reschedule: boolean }

export interface NoticeView {
  facts: MeetingFacts;
  invited: PersonView[];
  /** "异议请于 12月9日（周三）23:59 前向会议主持人提出", where the profile has objections. */
  objectionLine?: string;
  lateWarning?: string;
  /** The meeting was called off: the card says so and offers nothing more. */
  cancelled: boolean;
  basis: readonly string[];
  counts: { confirmed: number; leave: number; noReply: number };
  can: NoticeCan;
}

/** A leave asked for and not refused counts as 请假; a refused one leaves the member to answer again. */
function onLeave(a: Attendance | undefined): boolean {
  return a?.leave !== undefined && a.leave.status !== 'rejected';
}

export function toNoticeView(meeting: Meeting, topics: readonly Topic[], committee: Pick<Committee, 'roster'>,
  attendance: readonly Attendance[], profile: Profile, opts: ViewOptions<NoticeCan>): NoticeView {
  const voting = committee.roster.filter(isVotingMember);
  const byMember = new Map(attendance.map((a) => [a.memberId, a]));
  const leave = voting.filter((m) => onLeave(byMember.get(m.id))).length;
  const confirmed = voting.filter((m) => !onLeave(byMember.get(m.id)) && byMember.get(m.id)?.rsvp === 'attend').length;
  const objection = profile.notice.objection;
  const late = meeting.noticeOnTime === false;
  const open = meeting.status === 'noticed' || meeting.status === 'scheduled';
  return {
    facts: toMeetingFacts(meeting, topics, committee, opts.timeZone),
    invited: [...voting.map((m) => personOf(committee, m.id)), ...meeting.observers.map((id) => personOf(committee, id))],
    ...(objection !== null && meeting.objectionsBy !== undefined
      ? { objectionLine: `对议题有异议的，请于 ${formatWhen(meeting.objectionsBy, opts.timeZone)} 前向会议主持人提出（${objection.basis.join('、')}）` }
      : {}),
    ...(late ? { lateWarning: RULE_FLAG_TEXT.LATE_NOTICE } : {}),
    cancelled: meeting.status === 'cancelled',
    basis: late ? profile.notice.notice?.basis ?? [] : [],
    counts: { confirmed, leave, noReply: voting.length - confirmed - leave },
    can: {
      attend: opts.can.attend && open,
      leave: opts.can.leave && open,
      object: opts.can.object && open && objection !== null,
      openSignIn: opts.can.openSignIn && open,
      reschedule: opts.can.reschedule && movable(meeting),
    },
  };
}

export function buildNoticeCard(view: NoticeView): Card {
  const { committeeId: c, meetingId: m } = view.facts;
  const buttons: Button[] = [];
  if (view.can.attend) buttons.push(button({ label: BUTTON.attend, type: 'primary_filled', value: action({ a: 'notice.attend', c, m }) }));
  if (view.can.leave) buttons.push(button({ label: BUTTON.leave, value: action({ a: 'notice.leave', c, m }) }));
  if (view.can.object) buttons.push(button({ label: BUTTON.object, value: action({ a: 'notice.object', c, m }) }));
  if (view.can.openSignIn) buttons.push(button({ label: BUTTON.openSignIn, value: action({ a: 'meeting.openSignIn', c, m }) }));
  if (view.can.reschedule) buttons.push(button({ label: BUTTON.reschedule, value: action({ a: 'meeting.reschedule', c, m, late: false }) }));
  const { confirmed, leave, noReply } = view.counts;
  const elements: Card['body']['elements'] = [
    md(`**参会人员**：${view.invited.map(mention).join(' ')}`),
    md(factsText(view.facts)),
  ];
  if (view.objectionLine !== undefined) elements.push(md(view.objectionLine));
  if (view.lateWarning !== undefined) elements.push(md(`<font color='red'>${view.lateWarning}</font>`), ...basisBlock(view.basis));
  elements.push(md(`已确认 ${confirmed} 人 · 请假 ${leave} 人 · 未回复 ${noReply} 人`), ...buttonRow(buttons));
  if (view.can.leave) elements.push(note('点“请假”后，机器人会在私聊中发来请假表，可对每项议题写书面意见。'));
  if (view.cancelled) elements.unshift(md(`<font color='grey'>${SENTENCE.meetingCancelled}</font>`));
  return card(
    header(TITLE.notice, view.cancelled ? 'grey' : view.lateWarning === undefined ? 'blue' : 'orange', clip(view.facts.title, 60)),
    elements,
    `${TITLE.notice}：${clip(view.facts.title, 40)}`,
  );
}
