/**
 * `表决结果` in the group: 通过 / 未通过 / 暂缓, the counts, for open methods who chose what, 应到 /
 * 实到 / 回避, written opinions received, the basis and the advice flags in Chinese. A secret
 * ballot lists who took part only when the voting service gives the list (after close, ≥ 3 voters).
 */
import type { Ballot, BallotResult, Committee, VoteChoice } from '../src/domain/index.js';

/** A closed ballot as the voting service shows it: participants only where it gives them. */
export interface ClosedBallotFacts extends Pick<Ballot, 'meetingId' | 'topicId' | 'method' | 'snapshot' | 'deferredAt'> {
  result: BallotResult;
  participants?: string[];
}
import type { VoteMethod } from '../src/rules/index.js';
import { action } from './actions.js';
import { basisBlock, button, buttonRow, card, header, md } from './components.js';
import { BUTTON, CHOICE_NAMES, METHOD_NAMES, TITLE } from './copy.js';
import { clip, typed } from './text.js';
import type { Card } from './types.js';
import { names, personOf, type PersonView } from './view.js';

export interface VoteResultView {
  committeeId: string;
  meetingId: string;
  topicId: string;
  title: string;
  index: number;
  method: VoteMethod;
  addedAtMeeting: boolean;
  outcome: '通过' | '未通过' | '暂缓' | '未决';
  counts: Record<VoteChoice, number>;
  members: number;
  present: number;
  recused: number;
  voters: number;
  writtenOpinions: number;
  requiredYes: number | undefined;
  /** Open methods: each choice with the members who made it. */
  byChoice?: Record<VoteChoice, PersonView[]>;
  /** Secret ballots with at least three voters: who took part. */
  participants?: PersonView[];
  basis: readonly string[];
  flags: readonly string[];
  can: { defer: boolean };
}

const CHOICES: readonly VoteChoice[] = ['yes', 'no', 'abstain'];

function outcomeOf(ballot: Pick<Ballot, 'deferredAt'>, result: BallotResult): VoteResultView['outcome'] {
  if (ballot.deferredAt !== undefined) return '暂缓';
  if (result.passed === null) return '未决';
  return result.passed ? '通过' : '未通过';
}

export function toVoteResultView(committee: Pick<Committee, 'id' | 'roster'>, ballot: ClosedBallotFacts, item: { title: string; index: number; addedAtMeeting: boolean },
  can: { defer: boolean }): VoteResultView {
  const { result, participants } = ballot;
  const snapshot = ballot.snapshot ?? { members: result.eligible, present: result.eligible, recused: 0 };
  const count = (c: VoteChoice): number => result.counts[c] ?? 0;
  const roll = result.roll;
  return {
    committeeId: committee.id, meetingId: ballot.meetingId, topicId: ballot.topicId, ...item, method: ballot.method,
    outcome: outcomeOf(ballot, result),
    counts: { yes: count('yes'), no: count('no'), abstain: count('abstain') },
    members: snapshot.members, present: snapshot.present, recused: snapshot.recused, voters: result.voters,
    writtenOpinions: result.writtenOpinions ?? 0, requiredYes: result.requiredYes,
    ...(roll === undefined ? {} : {
      byChoice: Object.fromEntries(CHOICES.map((c) => [c, roll.filter((r) => r.choice === c).map((r) => personOf(committee, r.memberId))])) as Record<VoteChoice, PersonView[]>,
    }),
    ...(participants === undefined ? {} : { participants: participants.map((id) => personOf(committee, id)) }),
    basis: result.basis, flags: [...result.flags, ...result.errors],
    can: { defer: can.defer && ballot.deferredAt === undefined && result.flags.includes('CLOSE_VOTE_DEFER') },
  };
}

const COLOR = { 通过: 'green', 未通过: 'red', 暂缓: 'orange', 未决: 'grey' } as const;
const TAG = { 通过: 'green', 未通过: 'red', 暂缓: 'orange', 未决: 'neutral' } as const;

export function buildVoteResultCard(v: VoteResultView): Card {
  const lines = [
    `**第 ${v.index} 项：${typed(v.title, 80)}**${v.addedAtMeeting ? '【临时动议】' : ''}`,
    `表决方式：${METHOD_NAMES[v.method]} · 结果：**${v.outcome}**`,
    `赞成 ${v.counts.yes} 票 · 反对 ${v.counts.no} 票 · 弃权 ${v.counts.abstain} 票（共 ${v.voters} 人表决${v.requiredYes === undefined ? '' : `，通过需赞成 ${v.requiredYes} 票`}）`,
    `应到 ${v.members} 人 · 实到 ${v.present} 人 · 回避 ${v.recused} 人 · 收到书面意见 ${v.writtenOpinions} 份`,
  ];
  const named = v.byChoice === undefined ? [] : [md(CHOICES.map((c) => `**${CHOICE_NAMES[c]}**：${names(v.byChoice?.[c] ?? [])}`).join('\n'))];
  const took = v.participants === undefined ? [] : [md(`**参加投票**：${names(v.participants)}`)];
  const defer = buttonRow(v.can.defer ? [button({ label: BUTTON.defer, value: action({ a: 'chair.defer', c: v.committeeId, m: v.meetingId, t: v.topicId }) })] : []);
  return card(
    header(TITLE.voteResult, COLOR[v.outcome], clip(v.title, 60), { text: v.outcome, color: TAG[v.outcome] }),
    [md(lines.join('\n')), ...named, ...took, ...basisBlock(v.basis, v.flags), ...defer],
    `${TITLE.voteResult}：${v.outcome}`,
  );
}
