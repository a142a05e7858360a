/**
 * 民主测评: the rater's private ballot (one button per grade, each behind a confirm dialog), the
 * group's 测评进度 (turnout only) and 测评结果 (counts per grade, valid votes, and the profile's
 * threshold where it has one). A rated ballot says that it was rated and never which grade:
 * nothing a card shows links a rater to a grade.
 */
import type { Evaluation } from '../src/domain/index.js';
import { BAD_GRADE, type Profile } from '../src/rules/index.js';
import { action } from './actions.js';
import { basisBlock, button, buttonRow, card, header, md, note } from './components.js';
import { BUTTON, EVALUATION_CATEGORY_NAMES, TITLE } from './copy.js';
import { thresholdWords } from './rule-text.js';
import { clip, typed } from './text.js';
import type { Card } from './types.js';

export const RATED = '已测评';
const CONFIRM_TEXT = '测评提交后不能更改。';
const CLOSED_TEXT = '测评已结束，结果见群里的“测评结果”卡片。';
const SECRET_NOTE = '本测评为无记名测评：只记录是否已测评，不记录谁给了哪一等次。';

/** What every evaluation card names: which evaluation, of whom. */
export interface EvaluationHead { committeeId: string; evaluationId: string; title: string; subject: string; category: Evaluation['category'] }

export const toEvaluationHead = (e: Pick<Evaluation, 'committeeId' | 'id' | 'title' | 'subject' | 'category'>): EvaluationHead =>
  ({ committeeId: e.committeeId, evaluationId: e.id, title: e.title, subject: e.subject, category: e.category });

const subjectLine = (head: EvaluationHead): string =>
  `**测评对象**：${typed(head.subject, 100)}（${EVALUATION_CATEGORY_NAMES[head.category]}）`;

export interface EvaluationBallotView extends EvaluationHead { grades: readonly string[]; rated: boolean; open: boolean }

export function toEvaluationBallotView(e: Omit<Evaluation, 'result'>, rated: boolean): EvaluationBallotView {
  return { ...toEvaluationHead(e), grades: e.grades ?? [], rated, open: e.state === 'open' };
}

/**
 * The rater's own card: the grades while open and not yet rated, then only whether it was rated;
 * once closed, the same card for every rater, rated or not, so its bytes tell nobody anything.
 */
export function buildEvaluationBallotCard(view: EvaluationBallotView): Card {
  const state = !view.open ? 'closed' : view.rated ? 'rated' : 'open';
  const buttons = state === 'open' ? view.grades.map((g) => button({
    label: g, type: 'default', value: action({ a: 'evaluation.cast', c: view.committeeId, e: view.evaluationId, g }),
    confirm: { title: `确认测评为“${g}”？`, text: CONFIRM_TEXT },
  })) : [];
  const look = {
    open: ['blue', '请选择一个等次：', undefined],
    rated: ['green', `${RATED}。`, { text: RATED, color: 'green' }],
    closed: ['grey', CLOSED_TEXT, { text: '已结束', color: 'neutral' }],
  } as const;
  const [template, line, tag] = look[state];
  return card(
    header(TITLE.evaluation, template, clip(view.title, 60), tag),
    [md([subjectLine(view), line].join('\n')), ...buttonRow(buttons), note(SECRET_NOTE)],
    `${TITLE.evaluation}：${clip(view.subject, 40)}`,
  );
}

export interface EvaluationProgressView extends EvaluationHead { rated: number; eligible: number; open: boolean; can: { close: boolean } }

export function toEvaluationProgressView(e: Omit<Evaluation, 'result'>, turnout: { rated: number; eligible: number }, can: { close: boolean }): EvaluationProgressView {
  const open = e.state === 'open';
  return { ...toEvaluationHead(e), ...turnout, open, can: { close: can.close && open } };
}

/** 测评进度 in the group: how many have rated, never who gave what. */
export function buildEvaluationProgressCard(view: EvaluationProgressView): Card {
  const buttons = view.can.close
    ? [button({ label: BUTTON.closeEvaluation, type: 'danger', value: action({ a: 'evaluation.close', c: view.committeeId, e: view.evaluationId }),
      confirm: { title: `${BUTTON.closeEvaluation}？`, text: '结束后未测评的人不能再测评。' } }),
    button({ label: BUTTON.remindNonVoters, type: 'default', value: action({ a: 'evaluation.remind', c: view.committeeId, e: view.evaluationId }) })]
    : [];
  return card(
    header(TITLE.evaluationProgress, view.open ? 'blue' : 'grey', clip(view.title, 60), { text: view.open ? '测评中' : '已结束', color: view.open ? 'blue' : 'neutral' }),
    [md([subjectLine(view), `已测评 ${view.rated} / ${view.eligible}`].join('\n')), ...buttonRow(buttons), note(SECRET_NOTE)],
    `${TITLE.evaluationProgress}：${view.rated} / ${view.eligible}`,
  );
}

export interface EvaluationResultView extends EvaluationHead {
  counts: { grade: string; count: number }[];
  raters: number;
  eligible: number;
  valid: number;
  bad: { grade: string; count: number };
  /** The threshold's words ("超过三分之一") where the profile has one. */
  threshold: string | null;
  numericMet: boolean;
  needsHumanConfirmation: string | null;
  flags: readonly string[];
  basis: readonly string[];
}

export function toEvaluationResultView(e: Evaluation, profile: Profile): EvaluationResultView | null {
  const r = e.result;
  if (r === undefined) return null;
  const grades = e.grades ?? Object.keys(r.counts);
  const badGrade = BAD_GRADE[e.category];
  const t = profile.evaluation.threshold;
  return {
    ...toEvaluationHead(e),
    counts: grades.map((grade) => ({ grade, count: r.counts[grade] ?? 0 })),
    raters: r.raters, eligible: r.eligible, valid: r.valid ?? r.raters,
    bad: { grade: badGrade, count: r.bad ?? r.counts[badGrade] ?? 0 },
    threshold: t === null ? null : thresholdWords({ fraction: t, inclusive: profile.options.evalOperator === 'gte' }),
    numericMet: r.numericMet, needsHumanConfirmation: r.needsHumanConfirmation, flags: r.flags, basis: r.basis,
  };
}

/** 测评结果: counts per grade, valid votes and, with a threshold, whether the bad share crosses it. */
export function buildEvaluationResultCard(view: EvaluationResultView): Card {
  const lines = [
    subjectLine(view),
    `应参加 ${view.eligible} 人 · 实际测评 ${view.raters} 人 · 有效票 ${view.valid} 张`,
    view.counts.map((c) => `${c.grade} ${c.count} 票`).join(' · '),
  ];
  if (view.threshold !== null) {
    const share = `${view.bad.grade}票 ${view.bad.count} 张，占有效票 ${view.bad.count} / ${view.valid}`;
    lines.push(`${share}；界限为有效票的${view.threshold}：${view.numericMet ? '<font color=\'red\'>已达到</font>' : '未达到'}`);
  }
  if (view.needsHumanConfirmation !== null) {
    lines.push(`票数条件已达到；是否“${view.needsHumanConfirmation}”，须经本机构研究确认。`);
  }
  return card(
    header(TITLE.evaluationResult, view.numericMet ? 'orange' : 'green', clip(view.title, 60)),
    [md(lines.join('\n')), ...basisBlock(view.basis, view.flags)],
    `${TITLE.evaluationResult}：${clip(view.subject, 40)}`,
  );
}
