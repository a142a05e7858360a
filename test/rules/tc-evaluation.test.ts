// Evaluation ballots (TC62–TC68, ZY-JD-1b) and TC69 (MS-12a, a ratio via atLeast).
import { describe, expect, it } from 'vitest';
import { atLeast, evaluationFlag, getProfile, moreThan } from '../../src/rules/index.js';

const ZY = getProfile('ZY');
const ZY_GTE = getProfile('ZY', { evalOperator: 'gte' });
const HUMAN = '民主评议中反映问题突出、意见比较集中';

describe('ZY evaluation ballots', () => {
  it('TC62 individual ballot, valid=30: 不称职=10 is not met (30 not > 30); 不称职=11 is met', () => {
    const ten = evaluationFlag(ZY, { category: 'individual', votes: { 称职: 20, 不称职: 10 }, invalid: 0 });
    expect(ten.valid).toBe(30);
    expect(ten.bad).toBe(10);
    expect(ten.numericMet).toBe(false);
    expect(ten.needsHumanConfirmation).toBeNull();
    expect(ten.flags).not.toContain('NO_EVAL_THRESHOLD');
    expect(ten.flags).not.toContain('EVAL_POLICY_SENSITIVE');
    expect(ten.basis).toContain('ZY-JD-1b');

    const eleven = evaluationFlag(ZY, { category: 'individual', votes: { 称职: 19, 不称职: 11 }, invalid: 0 });
    expect(eleven.valid).toBe(30);
    expect(eleven.bad).toBe(11);
    expect(eleven.numericMet).toBe(true);
  });

  it('TC65 individual ballot, valid=18, 不称职=6, 基本称职=10: not met (18 not > 18); 基本称职 never counted', () => {
    const r = evaluationFlag(ZY, { category: 'individual', votes: { 称职: 2, 基本称职: 10, 不称职: 6 }, invalid: 0 });
    expect(r.valid).toBe(18);
    expect(r.bad).toBe(6);
    expect(r.numericMet).toBe(false);
    expect(r.needsHumanConfirmation).toBeNull();
  });

  it('TC67 numericMet → needsHumanConfirmation "民主评议中反映问题突出、意见比较集中"', () => {
    const r = evaluationFlag(ZY, { category: 'individual', votes: { 称职: 19, 不称职: 11 }, invalid: 0 });
    expect(r.numericMet).toBe(true);
    expect(r.needsHumanConfirmation).toBe(HUMAN);
  });

  it("TC68 evalOperator 'gte' (Beijing 2001 contrast): valid=30, bad=10 is met (30 ≥ 30)", () => {
    const r = evaluationFlag(ZY_GTE, { category: 'individual', votes: { 称职: 20, 不称职: 10 }, invalid: 0 });
    expect(r.valid).toBe(30);
    expect(r.bad).toBe(10);
    expect(r.numericMet).toBe(true);
    expect(r.needsHumanConfirmation).toBe(HUMAN);
    // 超过 is plain: evalOperator has no sensitivity flag (only countUnknownAsValid has one, A15)
    expect(r.flags).not.toContain('EVAL_POLICY_SENSITIVE');
  });

  it("TC68 'gte' still needs a third: valid=30, bad=9 is not met", () => {
    const r = evaluationFlag(ZY_GTE, { category: 'individual', votes: { 称职: 21, 不称职: 9 }, invalid: 0 });
    expect(r.numericMet).toBe(false);
  });
});

describe('ratios', () => {
  it('TC69 SC of 25: (a) 15 full-time meets 60%以上 (75 ≥ 75); (b) 14 does not (70 < 75)', () => {
    expect(atLeast(15, 25, 3, 5)).toBe(true);
    expect(atLeast(14, 25, 3, 5)).toBe(false);
    // 以上 is inclusive; 超过 would exclude the boundary
    expect(moreThan(15, 25, 3, 5)).toBe(false);
    expect(moreThan(16, 25, 3, 5)).toBe(true);
  });
});

describe('edge cases the rules imply', () => {
  it('A15 blank and spoiled ballots are never in the denominator', () => {
    const r = evaluationFlag(ZY, { category: 'individual', votes: { 称职: 20, 不称职: 10 }, invalid: 5 });
    expect(r.valid).toBe(30);
    expect(r.numericMet).toBe(false);
  });

  it('A15 grades are never added together: 一般 and 较差 on a team ballot', () => {
    const notMet = evaluationFlag(ZY, { category: 'team', votes: { 好: 10, 较好: 5, 一般: 5, 较差: 8 }, invalid: 0 });
    expect(notMet.valid).toBe(28);
    expect(notMet.bad).toBe(8);
    expect(notMet.numericMet).toBe(false);

    const met = evaluationFlag(ZY, { category: 'team', votes: { 好: 10, 较好: 3, 一般: 5, 较差: 10 }, invalid: 0 });
    expect(met.valid).toBe(28);
    expect(met.bad).toBe(10);
    expect(met.numericMet).toBe(true); // 30 > 28
  });

  it('A15 a team ballot counts 较差, not 不称职', () => {
    const r = evaluationFlag(ZY, { category: 'team', votes: { 好: 10, 较差: 2, 不称职: 9 }, invalid: 0 });
    expect(r.bad).toBe(2);
    expect(r.numericMet).toBe(false);
    expect(r.flags).toContain('UNKNOWN_GRADE'); // 不称职 is not a team grade: counted valid, flagged
    expect(r.valid).toBe(21);
  });

  it('A15 不了解 counted valid by default; excluding it would flip the result → EVAL_POLICY_SENSITIVE', () => {
    const input = { category: 'individual' as const, votes: { 称职: 18, 不称职: 10, 不了解: 3 }, invalid: 0 };
    const dflt = evaluationFlag(ZY, input);
    expect(dflt.valid).toBe(31);
    expect(dflt.numericMet).toBe(false); // 30 not > 31
    expect(dflt.flags).toContain('EVAL_POLICY_SENSITIVE');

    const strict = evaluationFlag(getProfile('ZY', { countUnknownAsValid: false }), input);
    expect(strict.valid).toBe(28);
    expect(strict.numericMet).toBe(true); // 30 > 28
    expect(strict.flags).toContain('EVAL_POLICY_SENSITIVE');
  });

  it('A15 弃权 that does not change the result raises no EVAL_POLICY_SENSITIVE', () => {
    const r = evaluationFlag(ZY, { category: 'individual', votes: { 称职: 25, 不称职: 2, 弃权: 3 }, invalid: 0 });
    expect(r.valid).toBe(30);
    expect(r.numericMet).toBe(false);
    expect(r.flags).not.toContain('EVAL_POLICY_SENSITIVE');
  });

  it('A15 never met when there are no valid votes', () => {
    const r = evaluationFlag(ZY_GTE, { category: 'individual', votes: {}, invalid: 4 });
    expect(r.valid).toBe(0);
    expect(r.bad).toBe(0);
    expect(r.numericMet).toBe(false);
    expect(r.needsHumanConfirmation).toBeNull();
  });

  it('A15 keys that are not grades of the category are counted valid and flagged UNKNOWN_GRADE', () => {
    const r = evaluationFlag(ZY, { category: 'individual', votes: { 称职: 20, 不称职: 10, 很好: 3 }, invalid: 0 });
    expect(r.valid).toBe(33);
    expect(r.flags).toContain('UNKNOWN_GRADE');
    const clean = evaluationFlag(ZY, { category: 'individual', votes: { 优秀: 5, 称职: 15, 基本称职: 5, 不称职: 5 }, invalid: 0 });
    expect(clean.flags).not.toContain('UNKNOWN_GRADE');
  });

  it('ZY-JD-1b profiles without a threshold return numericMet false with NO_EVAL_THRESHOLD', () => {
    for (const id of ['JY', 'NT', 'MS', 'AJ', 'NATIONAL'] as const) {
      const r = evaluationFlag(getProfile(id), { category: 'individual', votes: { 称职: 1, 不称职: 29 }, invalid: 0 });
      expect(r.numericMet).toBe(false);
      expect(r.flags).toContain('NO_EVAL_THRESHOLD');
    }
  });

  it('A15 negative vote counts throw RangeError', () => {
    expect(() => evaluationFlag(ZY, { category: 'individual', votes: { 称职: -1, 不称职: 10 }, invalid: 0 })).toThrow(RangeError);
    expect(() => evaluationFlag(ZY, { category: 'individual', votes: { 称职: 1, 不称职: 10 }, invalid: -1 })).toThrow(RangeError);
  });
});
