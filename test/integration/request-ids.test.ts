/** A request that carries its own id (a handler derives it from the message) makes its record once. */
import { describe, expect, it } from 'vitest';
import { listMeetings, scheduleMeeting } from '../../src/services/meetings.js';
import { listTopics, submitTopic } from '../../src/services/topics.js';
import { readAuditLog } from '../../src/store/audit.js';
import { useRedis } from '../support/store.js';
import { committee, refusedUnchanged, testDeps } from './meeting-fixture.js';

const ctx = useRedis();
const deps = () => testDeps(ctx.redis, '2025-06-10T09:00:00+08:00');

describe('requests with their own id', () => {
  it('a topic submitted again, or twice at once, under one id is one topic with one audit entry', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const input = { committeeId: c, actorId: 'm1', title: '关于某事的议题', id: 'topic-om_1' };
    const [a, b] = await Promise.all([submitTopic(d, input), submitTopic(d, input)]);
    const again = await submitTopic(d, input);
    expect(a).toEqual(b);
    expect(again).toEqual(a);
    expect((await listTopics(d, { committeeId: c, viewerId: 'm1' })).map((t) => t.id)).toEqual(['topic-om_1']);
    expect((await readAuditLog(ctx.redis, c)).filter((e) => e.action === 'topic.submit')).toHaveLength(1);
    // The id names the request, not a licence: someone who may not submit is still refused.
    await refusedUnchanged(ctx.redis, c, () => submitTopic(d, { ...input, actorId: 'obs1' }), 'NOT_SUBMITTER');
  });

  it('a meeting scheduled again under one id is one meeting, even after its start has passed', async () => {
    const d = deps();
    const c = await committee(d, 'JY');
    const input = { committeeId: c, actorId: 'clerk1', title: '党组会议', startsAt: '2025-06-18T09:00:00+08:00', id: 'meeting-om_2' };
    const [a, b] = await Promise.all([scheduleMeeting(d, input), scheduleMeeting(d, input)]);
    expect(a).toEqual(b);
    d.clock.set('2025-06-19T09:00:00+08:00');
    expect(await scheduleMeeting(d, input)).toEqual(a);
    expect((await listMeetings(d, { committeeId: c, viewerId: 'clerk1' })).map((m) => m.id)).toEqual(['meeting-om_2']);
    expect((await readAuditLog(ctx.redis, c)).filter((e) => e.action === 'meeting.schedule')).toHaveLength(1);
  });
});
