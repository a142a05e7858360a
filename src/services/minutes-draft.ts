/**
 * The text of 会议纪要 (Markdown, Chinese) from plain data about a recorded meeting. Pure: no I/O,
 * no clock. Absent members' written opinions are shown as recorded and not counted (A7, JY-24c);
 * each member's 表态 is shown for open votes only, never for a secret ballot.
 */
import { localDateTime } from './local-date.js';

export type MethodView = 'oral' | 'hands' | 'named' | 'secret';
export type ChoiceView = 'yes' | 'no' | 'abstain';

export interface BallotView {
  method: MethodView;
  state: 'open' | 'closed';
  counts?: { yes: number; no: number; abstain: number };
  voters?: number;
  quorate?: boolean;
  passed?: boolean | null;
  basis: string[];
  /** Open methods only: each member's position in the order given. Ignored for secret ballots. */
  roll?: { name: string; choice: ChoiceView }[];
  /** 复议 of an earlier ballot. */
  reconsiders?: boolean;
}

export interface ItemView {
  title: string;
  kind: 'general' | 'major' | 'personnel' | 'discipline';
  addedAtMeeting: boolean;
  deferred: boolean;
  ballots: BallotView[];
  writtenOpinions: { name: string; text: string }[];
  reservedOpinions: { name: string; text: string }[];
  /** What the office wrote the meeting decided (修改), shown under the decision. */
  wording?: string;
}

export interface MinutesView {
  committeeName: string;
  title: string;
  kind: 'regular' | 'emergency' | 'enlarged' | 'lifeMeeting';
  startsAt: string;
  timeZone: string;
  location?: string;
  chair: string | null;
  recorder: string;
  entitled: number;
  present: string[];
  absent: { name: string; leave?: { reason: string; status: 'pending' | 'approved' | 'rejected' | 'recorded' } }[];
  observers: string[];
  items: ItemView[];
}

const MEETING_KIND: Record<MinutesView['kind'], string> = { regular: '例会', emergency: '紧急会议', enlarged: '扩大会议', lifeMeeting: '民主生活会' };
const TOPIC_KIND: Record<ItemView['kind'], string> = { general: '一般事项', major: '重大事项', personnel: '人事事项', discipline: '党员处分事项' };
const METHOD: Record<MethodView, string> = { oral: '口头表决', hands: '举手表决', named: '记名投票', secret: '无记名投票' };
const CHOICE: Record<ChoiceView, string> = { yes: '赞成', no: '反对', abstain: '弃权' };
const LEAVE_STATUS = { pending: '待批准', approved: '已批准', rejected: '未批准', recorded: '已登记' } as const;
const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 25 → 二十五; beyond 99 plain digits. */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens] ?? ''}十${ones === 0 ? '' : DIGITS[ones] ?? ''}`;
}

/** User text goes into one Markdown line: no line breaks that could start a heading or a list. */
const plain = (text: string): string => text.replace(/\s+/g, ' ').trim();
const names = (list: readonly string[]): string => (list.length === 0 ? '无' : list.map(plain).join('、'));

/** The decision of an item: 暂缓 wins; else the latest ballot decides. */
export function decisionOf(item: ItemView): string {
  if (item.deferred) return '暂缓';
  const last = item.ballots.at(-1);
  if (!last) return '未表决';
  if (last.state === 'open') return '表决进行中';
  if (last.quorate === false) return '未达到法定人数';
  if (last.passed === true) return '通过';
  if (last.passed === false) return '未通过';
  return '未作出决定';
}

function ballotLines(ballot: BallotView, label: string): string[] {
  const lines = [`- ${label}表决方式:${METHOD[ballot.method]}`];
  if (ballot.state === 'open') return [...lines, `- ${label}表决尚未结束`];
  const c = ballot.counts ?? { yes: 0, no: 0, abstain: 0 };
  const voters = ballot.voters === undefined ? '' : `(参加表决 ${ballot.voters} 人)`;
  lines.push(`- ${label}表决结果:赞成 ${c.yes} 票,反对 ${c.no} 票,弃权 ${c.abstain} 票${voters}`);
  if (ballot.method !== 'secret' && ballot.roll && ballot.roll.length > 0) {
    lines.push(`- ${label}表态情况:${ballot.roll.map((r) => `${plain(r.name)} ${CHOICE[r.choice]}`).join(';')}`);
  }
  if (ballot.basis.length > 0) lines.push(`- ${label}规则依据:${ballot.basis.join('、')}`);
  return lines;
}

function opinionLines(heading: string, opinions: readonly { name: string; text: string }[]): string[] {
  if (opinions.length === 0) return [];
  return [`- ${heading}:`, ...opinions.map((o) => `  - ${plain(o.name)}:${plain(o.text)}`)];
}

function itemSection(item: ItemView, index: number): string[] {
  const added = item.addedAtMeeting ? '(会上临时增加)' : '';
  const lines = [`### ${chineseNumber(index + 1)}、${plain(item.title)}`, '', `- 议题类别:${TOPIC_KIND[item.kind]}${added}`];
  item.ballots.forEach((ballot, i) => {
    const label = item.ballots.length === 1 ? '' : ballot.reconsiders ? `复议(第${i + 1}次)` : `第${i + 1}次`;
    lines.push(...ballotLines(ballot, label));
  });
  lines.push(`- 决定:${decisionOf(item)}`);
  if (item.wording !== undefined) lines.push(`- 会议议定:${plain(item.wording)}`);
  lines.push(...opinionLines('未到会成员书面意见(已记录,不计入票数)', item.writtenOpinions));
  lines.push(...opinionLines('保留意见', item.reservedOpinions));
  return [...lines, ''];
}

function attendanceSection(view: MinutesView): string[] {
  const absent = view.absent.map((a) => {
    const why = a.leave ? `请假:${plain(a.leave.reason)},${LEAVE_STATUS[a.leave.status]}` : '未请假';
    return `${plain(a.name)}(${why})`;
  });
  return [
    '## 出席情况', '',
    `应到会 ${view.entitled} 人,实到会 ${view.present.length} 人。`, '',
    `- 出席:${names(view.present)}`,
    `- 缺席:${absent.length === 0 ? '无' : absent.join(';')}`,
    `- 列席:${names(view.observers)}`, '',
  ];
}

/** 党组会议 → 党组会议纪要; 第5次党组会 → 第5次党组会纪要; 研究人事 → 研究人事会议纪要. */
const minutesTitle = (title: string): string => (/(会议|会)$/.test(title) ? `${title}纪要` : `${title}会议纪要`);

export function buildMinutes(view: MinutesView): string {
  // Every committee's zone is at UTC+8 (rules/zone.ts): 北京时间, whatever the zone is called.
  const zone = '北京时间';
  const header = [
    `# ${minutesTitle(plain(view.title))}`, '',
    `- 会议组织:${plain(view.committeeName)}`,
    `- 会议类型:${MEETING_KIND[view.kind]}`,
    `- 时间:${localDateTime(view.startsAt, view.timeZone)}(${zone})`,
    ...(view.location ? [`- 地点:${plain(view.location)}`] : []),
    `- 主持人:${view.chair === null ? '未记录' : plain(view.chair)}`,
    `- 记录人:${plain(view.recorder)}`, '',
  ];
  const items = view.items.length === 0 ? ['本次会议未列议题。', ''] : view.items.flatMap(itemSection);
  return [...header, ...attendanceSection(view), '## 议题及决定', '', ...items].join('\n').trimEnd() + '\n';
}
