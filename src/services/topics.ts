/**
 * 议题: a voting member or a clerk submits a topic; the chair (书记) confirms it — settling its kind, which decides its quorum (A4) — or returns it with a
 * reason; recusals (回避, JY-23d) are recorded on it before the vote. Every change is one audited
 * commit.
 *
 * ZY-DY-3 (TC71): a topic marked as needing options must bring two or more ("两个以上" includes 2).
 * The check is made at submission, not at confirmation: a topic cannot be edited after it is
 * submitted, so refusing it at the door tells the submitter at once and the chair never sees an
 * incomplete one.
 */
import { z } from 'zod';
import type { Committee, Topic } from '../domain/index.js';
import { IdSchema, isVotingMember, TextSchema, TopicKindSchema, TopicSchema, TopicStatusSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import type { Commit } from '../store/doc-store.js';
import { update } from '../store/doc-store.js';
import { docKey, getDoc, indexKey, listDocs, TOPICS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, newId } from './context.js';
import { parseInput } from './input.js';
import { loadTopic } from './loaders.js';

const Ref = { committeeId: IdSchema, topicId: IdSchema, actorId: IdSchema };

const SubmitSchema = z.object({
  committeeId: IdSchema,
  actorId: IdSchema,
  title: TopicSchema.shape.title,
  kind: TopicKindSchema.default('general'),
  materials: TopicSchema.shape.materials.default([]),
  needsOptions: z.boolean().default(false),
  options: TopicSchema.shape.options.default([]),
  /** An id the caller derives from its request (the message): a repeated request returns the topic it made. */
  id: IdSchema.optional(),
});
export type SubmitTopicInput = z.input<typeof SubmitSchema>;

const ConfirmSchema = z.object({ ...Ref, kind: TopicKindSchema.optional() });
export type ConfirmTopicInput = z.input<typeof ConfirmSchema>;

const ReturnSchema = z.object({ ...Ref, reason: TextSchema });
export type ReturnTopicInput = z.input<typeof ReturnSchema>;

const RecusalInputSchema = z.object({ ...Ref, memberId: IdSchema, reason: TextSchema });
export type AddRecusalInput = z.input<typeof RecusalInputSchema>;

const ListSchema = z.object({ committeeId: IdSchema, viewerId: IdSchema, status: TopicStatusSchema.optional() });
export type ListTopicsInput = z.input<typeof ListSchema>;

export async function submitTopic(deps: ServiceDeps, input: SubmitTopicInput): Promise<Topic> {
  const data = parseInput(SubmitSchema, input);
  const id = data.id ?? newId('topic', deps.clock);
  return update(deps.redis, async () => {
    const committee = await loadCommittee(deps, data.committeeId);
    authorize(committee, data.actorId, 'topic.submit');
    if (data.needsOptions && data.options.length < 2) throw new RefusedError('NEEDS_TWO_OR_MORE_OPTIONS');
    const now = deps.clock.now();
    const made = data.id === undefined ? null : await getDoc(deps.redis, committee.id, TOPICS, id);
    if (made) return { commit: { committeeId: committee.id, at: now, docs: [], audit: null }, result: made };
    const topic: Topic = {
      version: 0, id, committeeId: committee.id, title: data.title, kind: data.kind, status: 'submitted',
      submittedBy: data.actorId, submittedAt: now.toISOString(), materials: data.materials, recusals: [],
      needsOptions: data.needsOptions, options: data.options,
    };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, TOPICS, id), value: topic }],
        indexes: [{ key: indexKey(committee.id, TOPICS), member: id }],
        audit: { actor: data.actorId, action: 'topic.submit', subject: id,
          data: { kind: data.kind, needsOptions: data.needsOptions, options: data.options.length, materials: data.materials.length } } },
      result: { ...topic, version: 1 },
    };
  });
}

interface TopicChange { next: Topic; action: string; data: Record<string, unknown> }

/**
 * Read the committee and the topic, let `decide` refuse or change it, and write it with its audit
 * entry. `decide` returning null means "already so": nothing is written and the topic comes back.
 */
async function changeTopic(deps: ServiceDeps, ref: { committeeId: string; topicId: string; actorId: string },
  decide: (committee: Committee, topic: Topic, now: Date) => TopicChange | null): Promise<Topic> {
  return update(deps.redis, async () => {
    const committee = await loadCommittee(deps, ref.committeeId);
    const topic = await loadTopic(deps, committee.id, ref.topicId);
    const now = deps.clock.now();
    const change = decide(committee, topic, now);
    if (change === null) {
      const unchanged: Commit = { committeeId: committee.id, at: now, docs: [], audit: null };
      return { commit: unchanged, result: topic };
    }
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, TOPICS, topic.id), value: change.next }],
        audit: { actor: ref.actorId, action: change.action, subject: topic.id, data: change.data } },
      result: { ...change.next, version: change.next.version + 1 },
    };
  });
}

/** The chair confirms a submitted topic, and may settle its kind (A4: the kind sets the quorum). */
export async function confirmTopic(deps: ServiceDeps, input: ConfirmTopicInput): Promise<Topic> {
  const data = parseInput(ConfirmSchema, input);
  return changeTopic(deps, data, (committee, topic, now) => {
    authorize(committee, data.actorId, 'topic.confirm');
    if (topic.status !== 'submitted') throw new RefusedError('INVALID_STATE', `topic ${topic.status}`);
    const kind = data.kind ?? topic.kind;
    const next: Topic = { ...topic, kind, status: 'confirmed', confirmedBy: data.actorId, confirmedAt: now.toISOString() };
    return { next, action: 'topic.confirm', data: { kind, kindChanged: kind !== topic.kind } };
  });
}

/** The chair sends a topic back with a reason, before it is on an agenda. */
export async function returnTopic(deps: ServiceDeps, input: ReturnTopicInput): Promise<Topic> {
  const data = parseInput(ReturnSchema, input);
  return changeTopic(deps, data, (committee, topic, now) => {
    authorize(committee, data.actorId, 'topic.return');
    if (topic.status !== 'submitted' && topic.status !== 'confirmed') throw new RefusedError('INVALID_STATE', `topic ${topic.status}`);
    const next: Topic = { ...topic, status: 'returned', returnReason: data.reason, returnedBy: data.actorId, returnedAt: now.toISOString() };
    return { next, action: 'topic.return', data: { from: topic.status } };
  });
}

/**
 * 回避 (JY-23d): a clerk or the chair records it, or the member declares it. The recused member
 * stays in 应到会 and leaves this item's participants (A6; evaluateItem counts it). The reason may
 * name a relative, so the audit entry carries the member id only.
 */
export async function addRecusal(deps: ServiceDeps, input: AddRecusalInput): Promise<Topic> {
  const data = parseInput(RecusalInputSchema, input);
  return changeTopic(deps, data, (committee, topic, now) => {
    authorize(committee, data.actorId, 'topic.recusal', { subjects: [data.memberId] });
    const member = committee.roster.find((m) => m.id === data.memberId);
    if (!member || !isVotingMember(member)) throw new RefusedError('INVALID_INPUT', 'recused member is not a voting member');
    if (topic.status === 'decided' || topic.status === 'returned') throw new RefusedError('INVALID_STATE', `topic ${topic.status}`);
    if (topic.recusals.some((r) => r.memberId === data.memberId)) return null;
    const recusal = { memberId: data.memberId, reason: data.reason, recordedBy: data.actorId, recordedAt: now.toISOString() };
    return { next: { ...topic, recusals: [...topic.recusals, recusal] }, action: 'topic.recusal', data: { memberId: data.memberId } };
  });
}

/** Topics of a committee, oldest first, optionally of one status; for anyone on the roster. */
export async function listTopics(deps: ServiceDeps, input: ListTopicsInput): Promise<Topic[]> {
  const data = parseInput(ListSchema, input);
  authorize(await loadCommittee(deps, data.committeeId), data.viewerId, 'topic.list');
  const topics = await listDocs(deps.redis, data.committeeId, TOPICS);
  return topics
    .filter((t) => data.status === undefined || t.status === data.status)
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.id.localeCompare(b.id));
}

const GetSchema = z.object({ committeeId: IdSchema, topicId: IdSchema, viewerId: IdSchema });

/** One topic, for anyone on the roster. */
export async function getTopic(deps: ServiceDeps, input: z.input<typeof GetSchema>): Promise<Topic> {
  const data = parseInput(GetSchema, input);
  authorize(await loadCommittee(deps, data.committeeId), data.viewerId, 'topic.list');
  return loadTopic(deps, data.committeeId, data.topicId);
}
