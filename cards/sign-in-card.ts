/**
 * 会议签到: 应到 / 实到 / 请假 / 列席, and for each topic kind on the agenda whether the meeting is
 * quorate for it ("人事议题：需到会 6 人（三分之二以上，JY-23b），已到 5 人，未达到"). The figures
 * are the rules module's evaluateItem answers, filled in by the caller; the card only words them.
 */
import { signInPossible, type Committee, type Meeting } from '../src/domain/index.js';
import type { ItemDecision, Profile, TopicKind } from '../src/rules/index.js';
import { action } from './actions.js';
import { basisBlock, button, buttonRow, card, header, md } from './components.js';
import { BUTTON, TITLE, TOPIC_KIND_NAMES } from './copy.js';
import { quorumFor, quorumWords } from './rule-text.js';
import { clip, formatWhen, typed } from './text.js';
import type { Card } from './types.js';
import { names, personOf, type PersonView, type ViewOptions } from './view.js';

/** Who is where, as the attendance service counts it (voting members only, observers apart). */
export interface SignInRoster {
  members: readonly string[];
  present: readonly string[];
  onLeave: readonly string[];
  observers: readonly string[];
}

export interface QuorumLine { kind: string; required: number; words: string; basis: readonly string[]; present: number; met: boolean }

export interface SignInView {
  committeeId: string;
  meetingId: string;
  title: string;
  when: string;
  entitled: number;
  present: number;
  onLeave: PersonView[];
  observers: PersonView[];
  notSignedIn: PersonView[];
  quorum: QuorumLine[];
  flags: readonly string[];
  open: boolean;
  can: { signIn: boolean };
}

export function toSignInView(meeting: Meeting, committee: Pick<Committee, 'roster'>, roster: SignInRoster, profile: Profile,
  decisions: readonly { kind: TopicKind; decision: ItemDecision }[], opts: ViewOptions<{ signIn: boolean }>): SignInView {
  const person = (id: string): PersonView => personOf(committee, id);
  const here = new Set([...roster.present, ...roster.onLeave]);
  const open = signInPossible(meeting);
  return {
    committeeId: meeting.committeeId,
    meetingId: meeting.id,
    title: meeting.title,
    when: formatWhen(meeting.startsAt, opts.timeZone),
    entitled: roster.members.length,
    present: roster.present.length,
    onLeave: roster.onLeave.map(person),
    observers: roster.observers.map(person),
    notSignedIn: roster.members.filter((id) => !here.has(id)).map(person),
    quorum: decisions.map(({ kind, decision }) => {
      const threshold = quorumFor(profile, kind);
      const cited = threshold.basis.filter((id) => decision.basis.includes(id));
      return {
        kind: TOPIC_KIND_NAMES[kind], required: decision.requiredPresent, words: quorumWords(profile, threshold),
        basis: cited.length > 0 ? cited : threshold.basis, present: decision.participants, met: decision.quorate,
      };
    }),
    flags: [...new Set(decisions.flatMap(({ decision }) => decision.flags.filter((f) => f === 'QUORUM_UNREACHABLE' || f === 'HALF_POLICY_SENSITIVE')))],
    open,
    can: { signIn: opts.can.signIn && open },
  };
}

export function buildSignInCard(view: SignInView): Card {
  const lines = [
    `**会议**：${typed(view.title, 100)}（${view.when}）`,
    `应到 ${view.entitled} 人 · 实到 ${view.present} 人 · 请假 ${view.onLeave.length} 人 · 列席 ${view.observers.length} 人`,
    `**请假**：${names(view.onLeave)}`,
    `**列席**：${names(view.observers)}（列席人员不计入到会人数）`,
    `**未签到**：${names(view.notSignedIn)}`,
  ];
  const quorum = view.quorum.map((q) =>
    `${q.kind}议题：需到会 ${q.required} 人（${q.words}，${q.basis.join('、')}），已到 ${q.present} 人，${q.met ? '已达到' : '<font color=\'red\'>未达到</font>'}`);
  const buttons = view.can.signIn
    ? [button({ label: BUTTON.signIn, type: 'primary_filled', value: action({ a: 'signIn.signIn', c: view.committeeId, m: view.meetingId }) })]
    : [];
  const allMet = view.quorum.every((q) => q.met);
  return card(
    header(TITLE.signIn, allMet ? 'green' : 'orange', clip(view.title, 60), { text: view.open ? '签到中' : '签到已结束', color: view.open ? 'blue' : 'neutral' }),
    [md(lines.join('\n')), ...(quorum.length === 0 ? [] : [md(quorum.join('\n'))]), ...basisBlock([], view.flags), ...buttonRow(buttons)],
    `${TITLE.signIn}：实到 ${view.present} / 应到 ${view.entitled}`,
  );
}
