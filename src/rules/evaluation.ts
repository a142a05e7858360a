/**
 * evaluationFlag: the numeric half of ZY-JD-1b (不称职 or 较差 votes above one third of valid votes)
 * with the A15 readings. The qualitative half (且 ...) is always left to people.
 */
import { atLeast, moreThan } from './counting.js';
import type { Profile } from './profile.js';
import { EVALUATION_CATEGORIES, EVALUATION_GRADES, UNKNOWN_GRADE, type EvaluationCategory, type RuleFlag } from './types.js';
import { requireCount, requireOneOf } from './validate.js';

export interface EvaluationInput {
  category: EvaluationCategory;
  votes: Record<string, number>;
  invalid: number;
}

export interface EvaluationResult {
  valid: number;
  bad: number;
  numericMet: boolean;
  needsHumanConfirmation: string | null;
  flags: RuleFlag[];
  basis: string[];
}

/** The grade whose share the threshold counts: 不称职 for a person, 较差 for a team. */
export const BAD_GRADE = { individual: EVALUATION_GRADES.individual[3], team: EVALUATION_GRADES.team[3] } as const;
const UNKNOWN_OPTIONS: readonly string[] = [UNKNOWN_GRADE, '弃权'];
/** The qualitative condition ZY-JD-1b joins with 且: only people can judge it. */
export const QUALITATIVE_CONDITION = '民主评议中反映问题突出、意见比较集中';

function validCount(votes: Record<string, number>, countUnknown: boolean): number {
  return Object.entries(votes).reduce((sum, [grade, n]) => (countUnknown || !UNKNOWN_OPTIONS.includes(grade) ? sum + n : sum), 0);
}

function thresholdMet(profile: Profile, bad: number, valid: number): boolean {
  const threshold = profile.evaluation.threshold;
  if (threshold === null || valid === 0) return false;
  const { p, q } = threshold;
  return profile.options.evalOperator === 'gte' ? atLeast(bad, valid, p, q) : moreThan(bad, valid, p, q);
}

/** Whether a 民主测评 result meets the profile's numeric trigger, over valid votes only. */
export function evaluationFlag(profile: Profile, input: EvaluationInput): EvaluationResult {
  const category = requireOneOf(input.category, EVALUATION_CATEGORIES, 'category');
  requireCount(input.invalid ?? 0, 'invalid');
  if (typeof input.votes !== 'object' || input.votes === null) throw new RangeError('votes must map each grade to a count');
  for (const [grade, n] of Object.entries(input.votes)) requireCount(n, `votes.${grade}`);
  const grades: readonly string[] = EVALUATION_GRADES[category];
  const flags: RuleFlag[] = [];
  if (Object.keys(input.votes).some((grade) => !grades.includes(grade) && !UNKNOWN_OPTIONS.includes(grade))) flags.push('UNKNOWN_GRADE');
  const countUnknown = profile.options.countUnknownAsValid;
  const valid = validCount(input.votes, countUnknown);
  const bad = input.votes[BAD_GRADE[category]] ?? 0;
  const numericMet = thresholdMet(profile, bad, valid);
  if (profile.evaluation.threshold === null) flags.push('NO_EVAL_THRESHOLD');
  else if (thresholdMet(profile, bad, validCount(input.votes, !countUnknown)) !== numericMet) flags.push('EVAL_POLICY_SENSITIVE');
  return {
    valid, bad, numericMet, needsHumanConfirmation: numericMet ? QUALITATIVE_CONDITION : null,
    flags, basis: [...profile.evaluation.basis],
  };
}
