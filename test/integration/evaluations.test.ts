import { describe, expect, it } from 'vitest';
import type { Member } from '../../src/domain/index.js';
import { createCommittee } from '../../src/services/committees.js';
import { castRating, closeEvaluation, getEvaluationView, openEvaluation } from '../../src/services/evaluations.js';
import type { ServiceDeps } from '../../src/services/context.js';
import { readAuditLog } from '../../src/store/audit.js';
import { committeeKeys } from '../../src/store/keys.js';
import type { ProfileId } from '../../src/rules/index.js';
import { freshId, useRedis } from '../support/store.js';
import { opId, refusalOf, rosterOf, testDeps } from './voting-fixtures.js';

const ctx = useRedis();

async function committee(deps: ServiceDeps, profileId: ProfileId, roster: Member[] = rosterOf(9)): Promise<string> {
  const id = (await createCommittee(deps, { chatId: freshId('c'), name: '县委常委会', profileId, roster, actorOpenId: 'ou_clerk1' })).id;
  return id;
}

const RATERS = ['chair', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'obs1'];

describe('民主测评', () => {
  it('opens for any roster members as raters (observers too), organised by the office only', async () => {
    const deps = testDeps(ctx.redis);
    const committeeId = await committee(deps, 'ZY');
    expect(await refusalOf(openEvaluation(deps, { committeeId, title: '年度测评', category: 'individual', subject: '某同志', raterIds: RATERS, actorId: 'm1' }))).toBe('NOT_CLERK');
    expect(await refusalOf(openEvaluation(deps, { committeeId, title: '年度测评', category: 'individual', subject: '某同志', raterIds: ['m1', 'stranger'], actorId: 'clerk1' }))).toBe('NOT_A_MEMBER');
    expect(await refusalOf(openEvaluation(deps, { committeeId, title: '年度测评', category: 'individual', subject: '某同志', raterIds: [], actorId: 'clerk1' }))).toBe('INVALID_INPUT');
    const evaluation = await openEvaluation(deps, { committeeId, title: '年度测评', category: 'individual', subject: '某同志', raterIds: [...RATERS, 'm1'], actorId: 'clerk1' });
    expect(evaluation).toMatchObject({ state: 'open', category: 'individual', grades: ['优秀', '称职', '基本称职', '不称职', '不了解'] });
    expect(await getEvaluationView(deps, { committeeId, evaluationId: evaluation.id, viewerId: 'm2' })).toMatchObject({ rated: 0, eligible: 9 });
    expect((await readAuditLog(ctx.redis, committeeId)).at(-1)).toMatchObject({ action: 'evaluation.open', data: { category: 'individual', raters: 9 } });
  });

  it('takes each rater\'s grade once, secretly; refuses non-raters, unknown grades and late ratings', async () => {
    const deps = testDeps(ctx.redis);
    const committeeId = await committee(deps, 'ZY');
    const { id } = await openEvaluation(deps, { committeeId, title: '班子测评', category: 'team', subject: '县政府党组', raterIds: ['m1', 'm2', 'obs1'], actorId: 'clerk1' });
    const rate = (raterId: string, grade: string, operationId = opId()) => castRating(deps, { committeeId, evaluationId: id, raterId, grade, operationId });
    const op = opId();
    expect(await rate('obs1', '较好', op)).toBe('recorded');
    expect(await rate('obs1', '较好', op)).toBe('recorded');
    expect(await refusalOf(rate('obs1', '较差'))).toBe('ALREADY_VOTED');
    expect(await refusalOf(rate('m3', '好'))).toBe('NOT_ELIGIBLE');
    expect(await refusalOf(rate('stranger', '好'))).toBe('NOT_A_MEMBER');
    expect(await refusalOf(rate('m1', '称职'))).toBe('CHOICE_UNKNOWN');
    expect(await rate('m1', '好')).toBe('recorded');
    const live = committeeKeys(committeeId).ballot(id);
    expect(await ctx.redis.exists(live.choices)).toBe(0);
    const open = await getEvaluationView(deps, { committeeId, evaluationId: id, viewerId: 'clerk1' });
    expect(open).toMatchObject({ rated: 2, eligible: 3 });
    expect(open.result).toBeUndefined();
    const closed = await closeEvaluation(deps, { committeeId, evaluationId: id, actorId: 'clerk1' });
    expect(closed.result?.counts).toEqual({ 好: 1, 较好: 1, 一般: 0, 较差: 0, 不了解: 0 });
    expect(await refusalOf(rate('m2', '好'))).toBe('BALLOT_CLOSED');
    const view = await getEvaluationView(deps, { committeeId, evaluationId: id, viewerId: 'm1' });
    expect(view.result?.raters).toBe(2);
    expect(view.participants).toBeUndefined();
  });

  it('flags more than one third 不称职 among valid votes for human confirmation under ZY (ZY-JD-1b, A15)', async () => {
    const deps = testDeps(ctx.redis);
    const committeeId = await committee(deps, 'ZY');
    const { id } = await openEvaluation(deps, { committeeId, title: '年度测评', category: 'individual', subject: '某同志', raterIds: RATERS, actorId: 'chair' });
    const grades = ['不称职', '不称职', '不称职', '不称职', '称职', '称职', '优秀', '基本称职', '不了解'];
    await Promise.all(RATERS.map((raterId, i) => castRating(deps, { committeeId, evaluationId: id, raterId, grade: grades[i] ?? '称职', operationId: opId() })));
    const closed = await closeEvaluation(deps, { committeeId, evaluationId: id, actorId: 'clerk1' });
    expect(closed.result).toMatchObject({ raters: 9, eligible: 9, numericMet: true, counts: { 不称职: 4, 称职: 2, 优秀: 1, 基本称职: 1, 不了解: 1 } });
    expect(closed.result?.needsHumanConfirmation).toMatch(/民主评议/);
    expect(await closeEvaluation(deps, { committeeId, evaluationId: id, actorId: 'clerk1' })).toEqual(closed);
    const view = await getEvaluationView(deps, { committeeId, evaluationId: id, viewerId: 'obs1' });
    expect(view.participants).toEqual([...RATERS].sort());
    const entry = (await readAuditLog(ctx.redis, committeeId)).at(-1);
    expect(entry).toMatchObject({ action: 'evaluation.close', data: { raters: 9, numericMet: true } });
    for (const raterId of RATERS) expect(JSON.stringify(entry)).not.toContain(`"${raterId}"`);
  });

  it('cannot be fooled by a title that imitates the stored fields: grades still apply, and closed stays closed', async () => {
    const deps = testDeps(ctx.redis);
    const committeeId = await committee(deps, 'ZY');
    const title = 'x","state":"open","method":"secret","grades":["yes"],"y":"';
    const { id } = await openEvaluation(deps, { committeeId, title, category: 'individual', subject: '某同志', raterIds: ['m1', 'm2'], actorId: 'clerk1' });
    const rate = (raterId: string, grade: string) => castRating(deps, { committeeId, evaluationId: id, raterId, grade, operationId: opId() });
    expect(await refusalOf(rate('m1', 'yes'))).toBe('CHOICE_UNKNOWN');
    expect(await rate('m1', '称职')).toBe('recorded');
    await closeEvaluation(deps, { committeeId, evaluationId: id, actorId: 'clerk1' });
    expect(await refusalOf(rate('m2', '称职'))).toBe('BALLOT_CLOSED');
  });

  it('reports no numeric trigger where the profile has none (JY: NO_EVAL_THRESHOLD)', async () => {
    const deps = testDeps(ctx.redis);
    const committeeId = await committee(deps, 'JY');
    const { id } = await openEvaluation(deps, { committeeId, title: '测评', category: 'individual', subject: '某同志', raterIds: ['m1', 'm2', 'm3'], actorId: 'clerk1' });
    for (const raterId of ['m1', 'm2', 'm3']) await castRating(deps, { committeeId, evaluationId: id, raterId, grade: '不称职', operationId: opId() });
    const closed = await closeEvaluation(deps, { committeeId, evaluationId: id, actorId: 'clerk1' });
    expect(closed.result).toMatchObject({ numericMet: false, needsHumanConfirmation: null });
    expect(closed.result?.flags).toContain('NO_EVAL_THRESHOLD');
  });

  it('opened twice under the id of one command, in turn or at once, is one evaluation with one electorate', async () => {
    const deps = testDeps(ctx.redis);
    const committeeId = await committee(deps, 'ZY');
    const open = (id: string) => openEvaluation(deps, { committeeId, title: '年度测评', category: 'individual', subject: '某同志', raterIds: RATERS, actorId: 'clerk1', id });
    const first = await open('ev-om_1-0');
    expect(await open('ev-om_1-0')).toEqual(first);
    const together = await Promise.allSettled([open('ev-om_2-0'), open('ev-om_2-0'), open('ev-om_2-0')]);
    expect(together.some((r) => r.status === 'fulfilled')).toBe(true);
    for (const r of together) if (r.status === 'rejected') expect(await refusalOf(Promise.reject(r.reason as Error))).toBe('CONFLICT_RETRY');
    for (const id of ['ev-om_1-0', 'ev-om_2-0']) {
      await castRating(deps, { committeeId, evaluationId: id, raterId: 'm1', grade: '称职', operationId: opId() });
      expect(await getEvaluationView(deps, { committeeId, evaluationId: id, viewerId: 'clerk1' })).toMatchObject({ rated: 1, eligible: RATERS.length });
    }
    const opened = (await readAuditLog(ctx.redis, committeeId)).filter((e) => e.action === 'evaluation.open');
    expect(opened.map((e) => e.subject).sort()).toEqual(['ev-om_1-0', 'ev-om_2-0']);
  });
});
