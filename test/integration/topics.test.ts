import { describe, expect, it } from 'vitest';
import { addRecusal, confirmTopic, listTopics, returnTopic, submitTopic } from '../../src/services/topics.js';
import { readAuditLog, verifyAuditLog } from '../../src/store/audit.js';
import { getDoc, TOPICS } from '../../src/store/repos.js';
import { useRedis } from '../support/store.js';
import { committee, refusedUnchanged, testDeps } from './meeting-fixture.js';

const ctx = useRedis();
const deps = () => testDeps(ctx.redis, '2025-06-10T01:00:00Z');

describe('submitting topics', () => {
  it('a member or a clerk submits a topic with materials as links; it is stored, indexed and audited', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const topic = await submitTopic(d, {
      committeeId: c, actorId: 'm1', title: '关于调整机关内设机构的议题', kind: 'major',
      materials: [{ title: '方案说明', url: 'https://example.com/a.docx' }],
    });
    expect(topic).toMatchObject({ version: 1, status: 'submitted', kind: 'major', submittedBy: 'm1', submittedAt: '2025-06-10T01:00:00.000Z', recusals: [], needsOptions: false });
    expect(await getDoc(ctx.redis, c, TOPICS, topic.id)).toEqual(topic);
    const byClerk = await submitTopic(d, { committeeId: c, actorId: 'clerk1', title: '学习传达会议精神' });
    expect(byClerk.kind).toBe('general');
    expect((await listTopics(d, { viewerId: 'clerk1', committeeId: c })).map((t) => t.id)).toEqual([topic.id, byClerk.id].sort((a, b) => (a < b ? -1 : 1)));
    const audit = await readAuditLog(ctx.redis, c);
    expect(audit.slice(1).map((e) => [e.actor, e.action, e.subject])).toEqual([['m1', 'topic.submit', topic.id], ['clerk1', 'topic.submit', byClerk.id]]);
    expect(audit[1]?.data).toEqual({ kind: 'major', needsOptions: false, options: 0, materials: 1 });
  });

  it('TC71 (ZY-DY-3): a topic needing options is refused with one option and accepted with two ("两个以上" includes 2)', async () => {
    const d = deps();
    const c = await committee(d, 'ZY');
    const one = await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { committeeId: c, actorId: 'm1', title: '选址方案', needsOptions: true, options: ['甲地块'] }), 'NEEDS_TWO_OR_MORE_OPTIONS');
    expect(one.userMessage).toContain('两个以上');
    await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { committeeId: c, actorId: 'm1', title: '选址方案', needsOptions: true }), 'NEEDS_TWO_OR_MORE_OPTIONS');
    const two = await submitTopic(d, { committeeId: c, actorId: 'm1', title: '选址方案', needsOptions: true, options: ['甲地块', '乙地块'] });
    expect(two).toMatchObject({ status: 'submitted', needsOptions: true, options: ['甲地块', '乙地块'] });
  });

  it('refuses an observer, a stranger and bad input, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { committeeId: c, actorId: 'obs1', title: '列席人员提出的议题' }), 'NOT_SUBMITTER');
    await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { committeeId: c, actorId: 'stranger', title: '外人议题' }), 'NOT_A_MEMBER');
    await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { committeeId: c, actorId: 'm1', title: '   ' }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { committeeId: c, actorId: 'm1', title: '议题', kind: 'secretive' as never }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { committeeId: c, actorId: 'm1', title: '议题', materials: [{ title: '材料', url: 'not a url' }] }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { committeeId: 'bad}:id', actorId: 'm1', title: '议题' }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { committeeId: c, actorId: 'm1', title: '议题', needsOptions: 'yes' } as never), 'INVALID_INPUT');
  });
});

describe('the chair confirms or returns topics', () => {
  it('the chair confirms a topic and may settle its kind (A4); a vice chair holds no such power of his own', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const topic = await submitTopic(d, { committeeId: c, actorId: 'm1', title: '干部推荐人选' });
    d.clock.advance(60_000);
    const confirmed = await confirmTopic(d, { committeeId: c, topicId: topic.id, actorId: 'chair1', kind: 'personnel' });
    expect(confirmed).toMatchObject({ version: 2, status: 'confirmed', kind: 'personnel', confirmedBy: 'chair1', confirmedAt: '2025-06-10T01:01:00.000Z' });
    const other = await submitTopic(d, { committeeId: c, actorId: 'm2', title: '工作通报' });
    await refusedUnchanged(ctx.redis, c, () => confirmTopic(d, { committeeId: c, topicId: other.id, actorId: 'vice1' }), 'NOT_COMMITTEE_CHAIR');
    expect((await confirmTopic(d, { committeeId: c, topicId: other.id, actorId: 'chair1' })).status).toBe('confirmed');
    const last = (await readAuditLog(ctx.redis, c)).filter((e) => e.action === 'topic.confirm');
    expect(last.map((e) => e.data)).toEqual([{ kind: 'personnel', kindChanged: true }, { kind: 'general', kindChanged: false }]);
  });

  it('the chair returns a topic with a reason; a returned topic cannot be confirmed', async () => {
    const d = deps();
    const c = await committee(d, 'NT');
    const topic = await submitTopic(d, { committeeId: c, actorId: 'clerk1', title: '材料不全的议题' });
    const returned = await returnTopic(d, { committeeId: c, topicId: topic.id, actorId: 'chair1', reason: '请补充风险评估和合法性审查材料' });
    expect(returned).toMatchObject({ status: 'returned', returnReason: '请补充风险评估和合法性审查材料', returnedBy: 'chair1' });
    await refusedUnchanged(ctx.redis, c, () => confirmTopic(d, { committeeId: c, topicId: topic.id, actorId: 'chair1' }), 'INVALID_STATE');
    expect((await listTopics(d, { viewerId: 'clerk1', committeeId: c, status: 'returned' })).map((t) => t.id)).toEqual([topic.id]);
  });

  it('refuses a member, a missing reason, an unknown topic and a second confirmation, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const topic = await submitTopic(d, { committeeId: c, actorId: 'm1', title: '议题' });
    const notChair = await refusedUnchanged(ctx.redis, c, () => confirmTopic(d, { committeeId: c, topicId: topic.id, actorId: 'm1' }), 'NOT_COMMITTEE_CHAIR');
    expect(notChair.userMessage).toContain('书记');
    await refusedUnchanged(ctx.redis, c, () => confirmTopic(d, { committeeId: c, topicId: topic.id, actorId: 'clerk1' }), 'NOT_COMMITTEE_CHAIR');
    await refusedUnchanged(ctx.redis, c, () => returnTopic(d, { committeeId: c, topicId: topic.id, actorId: 'chair1', reason: '' }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => confirmTopic(d, { committeeId: c, topicId: 'topic-none', actorId: 'chair1' }), 'NOT_FOUND');
    await confirmTopic(d, { committeeId: c, topicId: topic.id, actorId: 'chair1' });
    await refusedUnchanged(ctx.redis, c, () => confirmTopic(d, { committeeId: c, topicId: topic.id, actorId: 'chair1' }), 'INVALID_STATE');
  });
});

describe('recusal (回避, JY-23d)', () => {
  it('the clerk or the chair records a recusal, or the member declares it; recording it again changes nothing', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const topic = await submitTopic(d, { committeeId: c, actorId: 'clerk1', title: '干部任免', kind: 'personnel' });
    await addRecusal(d, { committeeId: c, topicId: topic.id, actorId: 'clerk1', memberId: 'm1', reason: '涉及其亲属' });
    await addRecusal(d, { committeeId: c, topicId: topic.id, actorId: 'chair1', memberId: 'm2', reason: '曾分管该单位' });
    const self = await addRecusal(d, { committeeId: c, topicId: topic.id, actorId: 'm3', memberId: 'm3', reason: '本人为候选人' });
    expect(self.recusals.map((r) => [r.memberId, r.recordedBy])).toEqual([['m1', 'clerk1'], ['m2', 'chair1'], ['m3', 'm3']]);
    const auditBefore = (await readAuditLog(ctx.redis, c)).length;
    const again = await addRecusal(d, { committeeId: c, topicId: topic.id, actorId: 'clerk1', memberId: 'm1', reason: '涉及其亲属' });
    expect(again.version).toBe(self.version);
    expect(await readAuditLog(ctx.redis, c)).toHaveLength(auditBefore);
    // The reason may name a relative: the audit entry names the member only.
    const entries = (await readAuditLog(ctx.redis, c)).filter((e) => e.action === 'topic.recusal');
    expect(entries.map((e) => e.data)).toEqual([{ memberId: 'm1' }, { memberId: 'm2' }, { memberId: 'm3' }]);
    expect(await verifyAuditLog(ctx.redis, c)).toMatchObject({ ok: true });
  });

  it('refuses a member recording another member, an observer as the recused person and a returned topic, changing nothing', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const topic = await submitTopic(d, { committeeId: c, actorId: 'clerk1', title: '议题' });
    await refusedUnchanged(ctx.redis, c, () => addRecusal(d, { committeeId: c, topicId: topic.id, actorId: 'm1', memberId: 'm2', reason: '涉及亲属' }), 'NOT_OWNER_OR_CLERK');
    await refusedUnchanged(ctx.redis, c, () => addRecusal(d, { committeeId: c, topicId: topic.id, actorId: 'clerk1', memberId: 'obs1', reason: '涉及亲属' }), 'INVALID_INPUT');
    await refusedUnchanged(ctx.redis, c, () => addRecusal(d, { committeeId: c, topicId: topic.id, actorId: 'clerk1', memberId: 'm1', reason: '' }), 'INVALID_INPUT');
    await returnTopic(d, { committeeId: c, topicId: topic.id, actorId: 'chair1', reason: '暂不上会' });
    await refusedUnchanged(ctx.redis, c, () => addRecusal(d, { committeeId: c, topicId: topic.id, actorId: 'clerk1', memberId: 'm1', reason: '涉及亲属' }), 'INVALID_STATE');
  });
});
