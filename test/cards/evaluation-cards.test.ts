/**
 * The 民主测评 family, pure: each card passes the stand-in's check under 30 KB once sealed with the
 * longest title and subject the domain allows; each grade of the category is a button behind a
 * confirm dialog; a rated ballot and the progress card show no grade; the result words the
 * profile's line as the rules module decided it.
 */
import { describe, expect, it } from 'vitest';
import { checkCard } from '../../sandbox/open-api/card-check.js';
import { ActionSchema } from '../../cards/actions.js';
import { BUTTON, TITLE } from '../../cards/copy.js';
import {
  buildEvaluationBallotCard, buildEvaluationProgressCard, buildEvaluationResultCard, RATED,
  toEvaluationBallotView, toEvaluationProgressView, toEvaluationResultView,
} from '../../cards/evaluation-cards.js';
import type { Card } from '../../cards/types.js';
import { deriveActionKeys, signActionValue } from '../../src/bot/action-value.js';
import { sealCard } from '../../src/bot/seal.js';
import { INDIVIDUAL_GRADES, TEAM_GRADES, type Evaluation } from '../../src/domain/index.js';
import { evaluationFlag, getProfile, RULE_FLAG_TEXT, type ProfileId } from '../../src/rules/index.js';
import { buttonsOf, callbackValues } from './walk.js';

const key = deriveActionKeys({ current: 'test-secret', previous: null });
const sealed = (card: Card): Card => sealCard(card, (v) => signActionValue(key, v));

function evaluation(category: Evaluation['category'], over: Partial<Evaluation> = {}): Evaluation {
  return {
    version: 1, id: 'ev-1', committeeId: 'c_big', title: '测'.repeat(200), category, subject: '评'.repeat(100), state: 'open',
    openedAt: '2026-12-07T02:00:00.000Z', openedBy: 'clerk1', grades: [...(category === 'individual' ? INDIVIDUAL_GRADES : TEAM_GRADES)], ...over,
  };
}

/** A closed evaluation with the result the service stores: the rules module's verdict over `votes`. */
function closed(profileId: ProfileId, category: Evaluation['category'], votes: Record<string, number>, eligible: number): Evaluation {
  const v = evaluationFlag(getProfile(profileId), { category, votes, invalid: 0 });
  const raters = Object.values(votes).reduce((a, b) => a + b, 0);
  return evaluation(category, { state: 'closed', result: { counts: votes, raters, eligible, valid: v.valid, bad: v.bad, numericMet: v.numericMet,
    needsHumanConfirmation: v.needsHumanConfirmation, flags: v.flags, basis: v.basis } });
}

const expectSendable = (card: Card): void => {
  const out = sealed(card);
  expect(checkCard(out)).toBeUndefined();
  expect(Buffer.byteLength(JSON.stringify(out), 'utf8')).toBeLessThan(30 * 1024);
  for (const value of callbackValues(card)) expect(ActionSchema.safeParse(value).success).toBe(true);
};

describe('the private 民主测评 ballot', () => {
  it.each([['individual', INDIVIDUAL_GRADES], ['team', TEAM_GRADES]] as const)('offers the %s grades in order, each behind a confirm dialog', (category, grades) => {
    const card = buildEvaluationBallotCard(toEvaluationBallotView(evaluation(category), false));
    expectSendable(card);
    expect(card.header?.title.content).toBe(TITLE.evaluation);
    const buttons = buttonsOf(card);
    expect(buttons.map((b) => b.text.content)).toEqual([...grades]);
    for (const b of buttons) expect(b.confirm?.text.content).toBe('测评提交后不能更改。');
    expect(callbackValues(card).map((v) => v.g)).toEqual([...grades]);
  });

  it('once rated says 已测评, with no button and no grade', () => {
    const card = buildEvaluationBallotCard(toEvaluationBallotView(evaluation('individual'), true));
    expectSendable(card);
    expect(buttonsOf(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain(RATED);
    for (const grade of INDIVIDUAL_GRADES) expect(text).not.toContain(grade);
  });

  it('after close offers nothing, points to 测评结果, and is the same card whether its rater rated or not', () => {
    const closed = evaluation('team', { state: 'closed' });
    const card = buildEvaluationBallotCard(toEvaluationBallotView(closed, false));
    expectSendable(card);
    expect(buttonsOf(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('测评结果');
    expect(JSON.stringify(card)).not.toContain(`"content":"${RATED}"`);
    expect(JSON.stringify(buildEvaluationBallotCard(toEvaluationBallotView(closed, true)))).toBe(JSON.stringify(card));
  });
});

describe('测评进度', () => {
  it('shows turnout only, with 结束测评 and 提醒未投票 while open', () => {
    const card = buildEvaluationProgressCard(toEvaluationProgressView(evaluation('individual'), { rated: 3, eligible: 49 }, { close: true }));
    expectSendable(card);
    expect(JSON.stringify(card)).toContain('已测评 3 / 49');
    expect(buttonsOf(card).map((b) => b.text.content)).toEqual([BUTTON.closeEvaluation, BUTTON.remindNonVoters]);
    for (const grade of INDIVIDUAL_GRADES) expect(JSON.stringify(card)).not.toContain(`"${grade}"`);
  });

  it('has no button once closed', () => {
    expect(buttonsOf(buildEvaluationProgressCard(toEvaluationProgressView(evaluation('individual', { state: 'closed' }), { rated: 3, eligible: 49 }, { close: true })))).toEqual([]);
  });
});

describe('测评结果', () => {
  const text = (e: Evaluation, profileId: ProfileId): string => {
    const view = toEvaluationResultView(e, getProfile(profileId));
    if (view === null) throw new Error('no result');
    const card = buildEvaluationResultCard(view);
    expectSendable(card);
    return JSON.stringify(card);
  };

  it('ZY: more than one third 不称职 is marked reached, and left to the body to confirm the qualitative part', () => {
    const t = text(closed('ZY', 'individual', { 优秀: 10, 称职: 12, 基本称职: 4, 不称职: 17, 不了解: 6 }, 50), 'ZY');
    expect(t).toContain('应参加 50 人 · 实际测评 49 人 · 有效票 49 张');
    expect(t).toContain('不称职票 17 张，占有效票 17 / 49；界限为有效票的超过三分之一：<font color=\'red\'>已达到</font>');
    expect(t).toContain('须经本机构研究确认');
  });

  it('ZY: where counting 不了解 decides it, the card says which reading it took and warns', () => {
    const t = text(closed('ZY', 'individual', { 优秀: 10, 称职: 12, 基本称职: 4, 不称职: 14, 不了解: 9 }, 50), 'ZY');
    expect(t).toContain('不称职票 14 张，占有效票 14 / 49；界限为有效票的超过三分之一：未达到');
    expect(t).toContain(RULE_FLAG_TEXT.EVAL_POLICY_SENSITIVE);
  });

  it('ZY: exactly one third is not reached', () => {
    const t = text(closed('ZY', 'team', { 好: 2, 较好: 2, 一般: 2, 较差: 3, 不了解: 0 }, 9), 'ZY');
    expect(t).toContain('较差票 3 张，占有效票 3 / 9；界限为有效票的超过三分之一：未达到');
    expect(t).not.toContain('须经本机构研究确认');
  });

  it('a profile without a line only records the counts and says so', () => {
    const t = text(closed('NT', 'individual', { 优秀: 1, 称职: 1, 基本称职: 0, 不称职: 3, 不了解: 0 }, 5), 'NT');
    expect(t).not.toContain('界限为');
    expect(t).toContain(RULE_FLAG_TEXT.NO_EVAL_THRESHOLD);
  });

  it('is not built before close', () => {
    expect(toEvaluationResultView(evaluation('individual'), getProfile('ZY'))).toBeNull();
  });
});
