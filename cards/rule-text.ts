/**
 * A profile's rules in the words its text uses (半数以上, 超过半数, 三分之二以上, 会前 2 日 …), each
 * with the rule ids it comes from. Shared by the setup, rules and sign-in cards.
 */
import type { Profile, TopicKind } from '../src/rules/index.js';
import { APPROVER_ROLE_NAMES, METHOD_NAMES, TOPIC_KIND_NAMES } from './copy.js';

type Threshold = Profile['meeting']['generalQuorum'];
type LeaveBand = NonNullable<Profile['leave']['staffBands']>[number];

const FRACTION_WORDS: Readonly<Record<string, string>> = { '1/2': '半数', '2/3': '三分之二', '1/3': '三分之一', '3/4': '四分之三' };

const fractionWord = (f: Threshold['fraction']): string => FRACTION_WORDS[`${f.p}/${f.q}`] ?? `${f.q}分之${f.p}`;

/** 半数以上 (inclusive) or 超过半数 (exclusive), as Chinese legal usage writes them. */
export function thresholdWords(t: Pick<Threshold, 'fraction' | 'inclusive'>): string {
  const words = fractionWord(t.fraction);
  return t.inclusive ? `${words}以上` : `超过${words}`;
}

/** "赞成票超过应到会成员半数为通过" (exclusive) or "…达到应到会成员半数以上…" (inclusive). */
function passText(t: Threshold): string {
  const words = fractionWord(t.fraction);
  return t.inclusive ? `赞成票达到应到会成员${words}以上为通过` : `赞成票超过应到会成员${words}为通过`;
}

/** A quorum's words with the body's reading of 半数以上 applied (A5). */
export function quorumWords(profile: Profile, t: Threshold): string {
  const inclusive = t.halfOrMoreText ? profile.options.halfOrMore === 'inclusive' : t.inclusive;
  return thresholdWords({ fraction: t.fraction, inclusive });
}

/** Topic kinds that need the elevated quorum in this profile, with the options applied. */
export function elevatedKinds(profile: Profile): TopicKind[] {
  const m = profile.meeting;
  if (m.elevatedQuorum === null) return [];
  const kinds = new Set<TopicKind>(m.textElevatedTopics.topics);
  if (m.usesElevatedTopicsOption) for (const k of profile.options.elevatedTopics) kinds.add(k);
  return [...kinds];
}

/** The quorum threshold that applies to a topic kind. */
export function quorumFor(profile: Profile, kind: TopicKind): Threshold {
  const elevated = profile.meeting.elevatedQuorum;
  return elevated !== null && elevatedKinds(profile).includes(kind) ? elevated : profile.meeting.generalQuorum;
}

export interface RuleLine {
  label: string;
  text: string;
  basis: readonly string[];
}

const kindsText = (kinds: readonly TopicKind[]): string => kinds.map((k) => TOPIC_KIND_NAMES[k]).join('、');

function bandText(b: LeaveBand): string {
  const who = b.route.approvers.map((r) => APPROVER_ROLE_NAMES[r]).join('、');
  return `${b.days}天${b.words === 'within' ? '以内' : '以上'}：${who}批准`;
}

function leaveLines(profile: Profile): RuleLine[] {
  const l = profile.leave;
  const lines: RuleLine[] = [];
  if (l.memberAbsence) lines.push({ label: '会议请假', text: '成员因故不能到会，应在会前请假，经会议主持人同意；可用书面形式表达意见', basis: l.memberAbsence.basis });
  if (l.staffBands) lines.push({ label: '工作人员请假', text: l.staffBands.map(bandText).join('；'), basis: l.staffBands.flatMap((b) => b.basis) });
  if (l.deptHeadBands) lines.push({ label: '科室负责人请假', text: l.deptHeadBands.map(bandText).join('；'), basis: l.deptHeadBands.flatMap((b) => b.basis) });
  if (l.countyLeaderBands) lines.push({ label: '班子成员请假', text: l.countyLeaderBands.map(bandText).join('；'), basis: l.countyLeaderBands.flatMap((b) => b.basis) });
  if (l.returnReport) lines.push({ label: '销假', text: '请假结束后应及时销假', basis: l.returnReport.basis });
  return lines;
}

/** The profile's key rules, most important first: quorum, passing, notice, then the rest. */
export function profileRuleLines(profile: Profile): RuleLine[] {
  const m = profile.meeting;
  const lines: RuleLine[] = [
    { label: '法定人数', text: `${quorumWords(profile, m.generalQuorum)}成员到会方可举行`, basis: m.generalQuorum.basis },
  ];
  const elevated = elevatedKinds(profile);
  if (m.elevatedQuorum !== null && elevated.length > 0) {
    lines.push({ label: `${kindsText(elevated)}议题`, text: `须${thresholdWords(m.elevatedQuorum)}成员到会`, basis: [...m.elevatedQuorum.basis, ...m.textElevatedTopics.basis] });
  }
  lines.push({ label: '表决通过', text: passText(m.pass), basis: m.pass.basis });
  const { notice, objection } = profile.notice;
  lines.push(notice
    ? { label: '会议通知', text: `须于会前 ${notice.days} 日通知`, basis: notice.basis }
    : { label: '会议通知', text: '规则未规定提前通知的时间', basis: [] });
  if (objection) lines.push({ label: '异议', text: `对议题有异议的，应于会前 ${objection.days} 日提出`, basis: objection.basis });
  if (m.chairLast) {
    const methods = profile.options.chairLastMethods.map((x) => METHOD_NAMES[x]).join('、');
    lines.push({ label: '末位表态', text: `${methods}表决时主持人最后表态`, basis: m.chairLast.basis });
  }
  if (m.adHoc) lines.push({ label: '临时动议', text: m.adHoc.policy === 'forbid' ? '不得临时动议' : '会上一般不临时增加议题', basis: m.adHoc.basis });
  lines.push({ label: '书面意见', text: '未到会成员的书面意见予以记录，不计入票数', basis: m.writtenOpinions.basis });
  lines.push({ label: '回避', text: '与议题有利害关系的成员应当回避', basis: m.recusal.basis });
  if (m.closeVote) lines.push({ label: '暂缓', text: '赞成与反对票数接近时，一般应暂缓决定', basis: m.closeVote.basis });
  lines.push({ label: '复议', text: m.reconsider.chairConsent ? '复议须经书记同意' : '复议由书记提出', basis: m.reconsider.basis });
  lines.push({ label: '会议纪要', text: profile.minutes.chairOnly ? '纪要经书记审签后印发' : '纪要经会议主持人审签后印发', basis: profile.minutes.basis });
  if (profile.evaluation.threshold) {
    lines.push({ label: '民主测评', text: `不称职（较差）票${thresholdWords({ fraction: profile.evaluation.threshold, inclusive: profile.options.evalOperator === 'gte' })}有效票的，需本单位研究确认`, basis: profile.evaluation.basis });
  }
  return [...lines, ...leaveLines(profile)].map((l) => ({ ...l, basis: [...new Set(l.basis)] }));
}
