import { describe, expect, it } from 'vitest';
import { RULE_ERROR_TEXT, RULE_FLAG_TEXT, describeRuleCode } from '../../src/rules/index.js';

const FLAGS = [
  'NO_DECISION_POSSIBLE', 'QUORUM_UNREACHABLE', 'RECUSAL_POLICY_SENSITIVE', 'HALF_POLICY_SENSITIVE',
  'CLOSE_VOTE_DEFER', 'AD_HOC_ITEM', 'WRITTEN_OPINIONS_NOT_COUNTED',
  'TIER_BOUNDARY_OVERLAP', 'TIER_GAP', 'LEAVE_UNIT_SENSITIVE', 'LATE_ADVANCE_REPORT',
  'REPORT_AFTER_DEPARTURE', 'MAKEUP_SLIP_REQUIRED', 'CONSENT_BEFORE_EXIT_PROCEDURES', 'OUT_OF_SCOPE',
  'LATE_NOTICE', 'LATE_OBJECTION', 'DEADLINE_ON_REST_DAY', 'NO_NOTICE_RULE', 'NOTICE_COUNTING_SENSITIVE',
  'DUE_ON_REST_DAY', 'DUE_ROLLED_OVER', 'GAP_TOO_LONG',
  'EVAL_POLICY_SENSITIVE', 'NO_EVAL_THRESHOLD', 'UNKNOWN_GRADE', 'DEFAULT_ASSUMED', 'HOLIDAYS_UNKNOWN',
] as const;
const ERRORS = [
  'CHAIR_MUST_SPEAK_LAST', 'AD_HOC_MOTION_FORBIDDEN', 'VOTES_EXCEED_PARTICIPANTS',
  'PROXY_NOT_ALLOWED', 'ITEMS_MUST_BE_VOTED_SEPARATELY', 'NEEDS_TWO_OR_MORE_OPTIONS',
  'REVIEW_NEEDS_SECRETARY_CONSENT', 'FORM_INCOMPLETE',
] as const;

describe('one Chinese sentence per flag and error code', () => {
  it('covers exactly the closed lists of flags and error codes', () => {
    expect(Object.keys(RULE_FLAG_TEXT).sort()).toEqual([...FLAGS].sort());
    expect(Object.keys(RULE_ERROR_TEXT).sort()).toEqual([...ERRORS].sort());
  });

  it.each([...FLAGS, ...ERRORS])('%s reads as one Chinese sentence without the code in it', (code) => {
    const text = describeRuleCode(code);
    expect(text).toMatch(/^[^A-Za-z_]*[\u4e00-\u9fff][^A-Za-z_]*。$/);
    expect(text.length).toBeLessThan(80);
    expect(text.slice(0, -1)).not.toContain('。');
  });

  it('no two codes share a sentence', () => {
    const texts = [...FLAGS, ...ERRORS].map(describeRuleCode);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
