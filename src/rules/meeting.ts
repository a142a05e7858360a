/**
 * evaluateItem: quorum, pass rule, recusal, written opinions, chair-last, ad-hoc items and
 * close-vote advice for one agenda item (integer ratios of 应到会; A4–A8, A20, A21).
 */
import { meets, smallestCount } from './counting.js';
import type { Profile } from './profile.js';
import { TOPIC_KINDS, VOTE_METHODS } from './types.js';
import type { RuleErrorCode, RuleFlag, Threshold, TopicKind, VoteMethod } from './types.js';
import { requireAtMost, requireCount, requireOneOf, unique } from './validate.js';

export interface ItemInput {
  members: number;
  present: number;
  recused?: number;
  topicKind: TopicKind;
  method: VoteMethod;
  emergency?: boolean;
  /** A count left out is 0 (a tally of 4 yes and 1 no needs no `abstain: 0`). */
  votes?: { yes: number; no: number; abstain: number };
  writtenOpinions?: number;
  order?: string[];
  chairId?: string;
  addedAtMeeting?: boolean;
}

export interface ItemDecision {
  participants: number;
  base: number;
  requiredPresent: number;
  quorate: boolean;
  requiredYes: number;
  passed: boolean | null;
  writtenOpinions: number;
  flags: RuleFlag[];
  errors: RuleErrorCode[];
  basis: string[];
}

type Votes = { yes: number; no: number; abstain: number };
type Checked = Required<Omit<ItemInput, 'votes' | 'order' | 'chairId'>> & Pick<ItemInput, 'order' | 'chairId'> & { votes: Votes | null };

function checkInput(input: ItemInput): Checked {
  const members = requireCount(input.members, 'members');
  if (members === 0) throw new RangeError('members must be at least 1');
  const present = requireCount(input.present, 'present');
  requireAtMost(present, members, 'present', 'members');
  const recused = requireCount(input.recused ?? 0, 'recused');
  requireAtMost(recused, present, 'recused', 'present');
  const writtenOpinions = requireCount(input.writtenOpinions ?? 0, 'writtenOpinions');
  requireAtMost(writtenOpinions, members - present, 'writtenOpinions', 'absent members');
  const votes = input.votes === undefined ? null : {
    yes: requireCount(input.votes.yes ?? 0, 'votes.yes'),
    no: requireCount(input.votes.no ?? 0, 'votes.no'),
    abstain: requireCount(input.votes.abstain ?? 0, 'votes.abstain'),
  };
  if (input.order !== undefined && !(Array.isArray(input.order) && input.order.every((id) => typeof id === 'string'))) {
    throw new RangeError('order must be a list of member ids');
  }
  return {
    members, present, recused, writtenOpinions, votes,
    topicKind: requireOneOf(input.topicKind, TOPIC_KINDS, 'topicKind'),
    method: requireOneOf(input.method, VOTE_METHODS, 'method'),
    emergency: input.emergency === true,
    addedAtMeeting: input.addedAtMeeting === true,
    order: input.order, chairId: input.chairId,
  };
}

interface QuorumChoice { threshold: Threshold; inclusive: boolean; assumedTopic: boolean }

function quorumRule(profile: Profile, kind: TopicKind): QuorumChoice {
  const rules = profile.meeting;
  const byText = rules.textElevatedTopics.topics.includes(kind);
  const byOption = rules.usesElevatedTopicsOption && profile.options.elevatedTopics.includes(kind);
  if (rules.elevatedQuorum && (byText || byOption)) {
    return { threshold: rules.elevatedQuorum, inclusive: rules.elevatedQuorum.inclusive, assumedTopic: !byText };
  }
  const general = rules.generalQuorum;
  const inclusive = general.halfOrMoreText ? profile.options.halfOrMore === 'inclusive' : general.inclusive;
  return { threshold: general, inclusive, assumedTopic: false };
}

interface Outcome { base: number; requiredPresent: number; quorate: boolean; requiredYes: number; passed: boolean | null }

function outcome(profile: Profile, item: Checked, quorum: QuorumChoice, excludeRecused: boolean, inclusive = quorum.inclusive): Outcome {
  const base = excludeRecused ? item.members - item.recused : item.members;
  const participants = item.present - item.recused;
  const quorate = base > 0 && meets(quorum.threshold, participants, base, inclusive);
  const pass = profile.meeting.pass;
  const requiredYes = smallestCount(pass.fraction, base, pass.inclusive);
  const passed = item.votes === null || !quorate ? null : meets(pass, item.votes.yes, base);
  return { base, requiredPresent: smallestCount(quorum.threshold.fraction, base, inclusive), quorate, requiredYes, passed };
}

function chairSpokeTooEarly(profile: Profile, item: Checked): boolean {
  if (!profile.meeting.chairLast || !profile.options.chairLastMethods.includes(item.method)) return false;
  if (item.order === undefined || item.chairId === undefined) return false;
  const at = item.order.indexOf(item.chairId);
  return at !== -1 && at !== item.order.length - 1;
}

/** How one agenda item stands under the profile: quorum over participants, pass over 应到会. */
export function evaluateItem(profile: Profile, input: ItemInput): ItemDecision {
  const item = checkInput(input);
  const rules = profile.meeting;
  const quorum = quorumRule(profile, item.topicKind);
  const excludeRecused = profile.options.recusal === 'excludeFromDenominator';
  const result = outcome(profile, item, quorum, excludeRecused);
  const participants = item.present - item.recused;
  const flags: RuleFlag[] = [];
  const errors: RuleErrorCode[] = [];
  const basis: string[] = [...quorum.threshold.basis, ...rules.pass.basis];

  if (quorum.assumedTopic) { flags.push('DEFAULT_ASSUMED'); basis.push('A4'); }
  if (result.quorate && result.requiredYes > participants) flags.push('NO_DECISION_POSSIBLE');
  if (result.requiredPresent > item.members - item.recused) flags.push('QUORUM_UNREACHABLE');
  if (item.recused > 0) {
    basis.push(...rules.recusal.basis);
    const other = outcome(profile, item, quorum, !excludeRecused);
    if (other.quorate !== result.quorate || other.passed !== result.passed) flags.push('RECUSAL_POLICY_SENSITIVE');
  }
  if (quorum.threshold.halfOrMoreText) {
    const other = outcome(profile, item, quorum, excludeRecused, !quorum.inclusive);
    if (other.quorate !== result.quorate) { flags.push('HALF_POLICY_SENSITIVE'); basis.push('A5'); }
  }
  if (item.writtenOpinions > 0) { flags.push('WRITTEN_OPINIONS_NOT_COUNTED'); basis.push(...rules.writtenOpinions.basis); }
  if (item.addedAtMeeting && rules.adHoc) {
    if (item.emergency) {
      basis.push(...rules.emergency.basis);
      if (!rules.emergency.textual) flags.push('DEFAULT_ASSUMED');
    } else {
      basis.push(...rules.adHoc.basis);
      if (rules.adHoc.policy === 'forbid') errors.push('AD_HOC_MOTION_FORBIDDEN');
      else flags.push('AD_HOC_ITEM');
    }
  }
  if (chairSpokeTooEarly(profile, item)) { errors.push('CHAIR_MUST_SPEAK_LAST'); basis.push(...(rules.chairLast?.basis ?? [])); }
  if (item.votes) {
    const { yes, no, abstain } = item.votes;
    if (yes + no + abstain > participants) errors.push('VOTES_EXCEED_PARTICIPANTS');
    const closeKinds: readonly TopicKind[] = ['major', 'personnel'];
    if (rules.closeVote && !item.emergency && closeKinds.includes(item.topicKind) && Math.abs(yes - no) <= profile.options.closeVoteMargin) {
      flags.push('CLOSE_VOTE_DEFER');
      basis.push(...rules.closeVote.basis);
    }
  }
  return {
    participants, base: result.base, requiredPresent: result.requiredPresent, quorate: result.quorate,
    requiredYes: result.requiredYes, passed: errors.length > 0 ? null : result.passed,
    writtenOpinions: item.writtenOpinions, flags: unique(flags), errors: unique(errors), basis: unique(basis),
  };
}

/**
 * The method a vote takes when the chair names none: personnel items by secret ballot (the usual
 * practice for 干部任免, which no seed text contradicts), everything else by show of hands.
 */
export function defaultVoteMethod(kind: TopicKind): VoteMethod {
  return kind === 'personnel' ? 'secret' : 'hands';
}
