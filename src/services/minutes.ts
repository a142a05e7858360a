/**
 * 会议纪要: a clerk (or the chair) drafts the minutes from the recorded meeting, as often as needed,
 * until the chair signs them off (JY-27: 经党组书记审签后印发); after that nothing changes them.
 * The text itself is built by the pure minutes-draft.ts.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Ballot, Committee, Meeting, Minutes } from '../domain/index.js';
import { IdSchema, isVotingMember, MinutesSchema } from '../domain/index.js';
import { RefusedError } from '../errors.js';
import { update } from '../store/doc-store.js';
import { ATTENDANCE, attendanceId, BALLOTS, docKey, getDoc, indexKey, listDocs, MEETINGS, MINUTES, RESERVED_OPINIONS, TOPICS } from '../store/repos.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee, profileOf } from './context.js';
import { parseInput } from './input.js';
import { loadMeeting } from './loaders.js';
import type { BallotView, ItemView, MinutesView } from './minutes-draft.js';
import { buildMinutes } from './minutes-draft.js';

const MinutesInput = z.object({ committeeId: IdSchema, meetingId: IdSchema, actorId: IdSchema });

/** JY-27 lets only the 书记 sign; elsewhere whoever chaired the meeting. */
const signOffAction = (committee: Committee): 'minutes.signOff' | 'minutes.signOffChairOnly' =>
  (profileOf(committee).minutes.chairOnly ? 'minutes.signOffChairOnly' : 'minutes.signOff');

const nameOf = (committee: Committee, id: string): string => committee.roster.find((m) => m.id === id)?.name ?? id;

async function ballotView(deps: ServiceDeps, committee: Committee, ballot: Ballot): Promise<{ view: BallotView; reserved: ItemView['reservedOpinions'] }> {
  const result = ballot.result;
  const counts = result ? { yes: result.counts.yes ?? 0, no: result.counts.no ?? 0, abstain: result.counts.abstain ?? 0 } : undefined;
  // Positions are shown for open votes only; a secret ballot's result never carries them, and is never asked for them.
  const roll = ballot.method === 'secret' ? undefined : result?.roll?.map((r) => ({ name: nameOf(committee, r.memberId), choice: r.choice }));
  const view: BallotView = {
    method: ballot.method, state: ballot.state, basis: result?.basis ?? [], reconsiders: ballot.reconsiders !== undefined,
    ...(result && { counts, voters: result.voters, quorate: result.quorate, passed: result.passed }), ...(roll && { roll }),
  };
  const reserved = await getDoc(deps.redis, committee.id, RESERVED_OPINIONS, ballot.id);
  return { view, reserved: (reserved?.entries ?? []).map((e) => ({ name: nameOf(committee, e.memberId), text: e.text })) };
}

type Wording = Readonly<Record<string, string>>;

async function itemViews(deps: ServiceDeps, committee: Committee, meeting: Meeting, absentLeaves: Map<string, { topicId: string; text: string }[]>, wording: Wording): Promise<ItemView[]> {
  return Promise.all(meeting.agenda.map(async (item): Promise<ItemView> => {
    const topic = await getDoc(deps.redis, committee.id, TOPICS, item.topicId);
    const ballots = (await Promise.all(item.ballotIds.map((id) => getDoc(deps.redis, committee.id, BALLOTS, id)))).filter((b) => b !== null);
    const views = await Promise.all(ballots.map((b) => ballotView(deps, committee, b)));
    const writtenOpinions = [...absentLeaves.entries()].flatMap(([memberId, opinions]) =>
      opinions.filter((o) => o.topicId === item.topicId).map((o) => ({ name: nameOf(committee, memberId), text: o.text })));
    return {
      title: topic?.title ?? item.topicId, kind: topic?.kind ?? 'general', addedAtMeeting: item.addedAtMeeting,
      deferred: topic?.status === 'deferred' || ballots.at(-1)?.deferredAt !== undefined,
      ballots: views.map((v) => v.view), writtenOpinions, reservedOpinions: views.flatMap((v) => v.reserved),
      ...(wording[item.topicId] !== undefined && { wording: wording[item.topicId] }),
    };
  }));
}

/** Everything the text needs, read from the meeting's documents. */
async function gatherView(deps: ServiceDeps, committee: Committee, meeting: Meeting, recorderId: string, wording: Wording): Promise<MinutesView> {
  const attendance = new Map((await Promise.all(committee.roster.map((m) => getDoc(deps.redis, committee.id, ATTENDANCE, attendanceId(meeting.id, m.id)))))
    .filter((a) => a !== null).map((a) => [a.memberId, a]));
  const voting = committee.roster.filter(isVotingMember);
  const signedIn = (id: string): boolean => attendance.get(id)?.signedInAt !== undefined;
  const present = voting.filter((m) => signedIn(m.id));
  const absent = voting.filter((m) => !signedIn(m.id));
  const observers = committee.roster.filter((m) => (meeting.observers.includes(m.id) || m.role === 'observer') && signedIn(m.id) && !isVotingMember(m));
  const absentLeaves = new Map(absent.map((m) => [m.id, attendance.get(m.id)?.leave?.writtenOpinions ?? []]));
  const chairId = meeting.chairId ?? committee.roster.find((m) => m.role === 'chair')?.id;
  return {
    committeeName: committee.name, title: meeting.title, kind: meeting.kind, startsAt: meeting.startsAt, timeZone: committee.timeZone,
    ...(meeting.location && { location: meeting.location }),
    chair: chairId === undefined ? null : nameOf(committee, chairId), recorder: nameOf(committee, recorderId),
    entitled: voting.length, present: present.map((m) => m.name),
    absent: absent.map((m) => {
      const leave = attendance.get(m.id)?.leave;
      return { name: m.name, ...(leave && { leave: { reason: leave.reason, status: leave.status } }) };
    }),
    observers: observers.map((m) => m.name),
    items: await itemViews(deps, committee, meeting, absentLeaves, wording),
  };
}

const bodyHash = (body: string): string => createHash('sha256').update(body).digest('hex');

/** The draft rebuilt from the record with the given wording, as one commit. */
async function redraft(deps: ServiceDeps, committee: Committee, meeting: Meeting, current: Minutes | null, actorId: string,
  wording: Wording, action: 'minutes.draft' | 'minutes.amend') {
  const body = buildMinutes(await gatherView(deps, committee, meeting, actorId, wording));
  const now = deps.clock.now();
  const next: Minutes = {
    version: current?.version ?? 0, meetingId: meeting.id, committeeId: committee.id, status: 'draft', body,
    draftedAt: now.toISOString(), draftedBy: actorId, ...(Object.keys(wording).length > 0 && { wording: { ...wording } }),
  };
  return {
    commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, MINUTES, meeting.id), value: next }],
      indexes: [{ key: indexKey(committee.id, MINUTES), member: meeting.id }],
      audit: { actor: actorId, action, subject: meeting.id, data: { bodyHash: bodyHash(body), items: meeting.agenda.length } } },
    result: { ...next, version: next.version + 1 },
  };
}

/** The stored draft; refused when there is none yet, or when it is signed (then it never changes). */
function unsignedDraft(current: Minutes | null): Minutes {
  if (!current) throw new RefusedError('MINUTES_NOT_DRAFTED');
  if (current.status === 'signed') throw new RefusedError('MINUTES_SIGNED');
  return current;
}

/** Drafts (or re-drafts) the minutes of a meeting in progress or closed; refused once signed. */
export async function draftMinutes(deps: ServiceDeps, raw: z.input<typeof MinutesInput>): Promise<Minutes> {
  const input = parseInput(MinutesInput, raw);
  return update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    authorize(committee, input.actorId, 'minutes.draft');
    const meeting = await loadMeeting(deps, committee.id, input.meetingId);
    const current = await getDoc(deps.redis, committee.id, MINUTES, meeting.id);
    if (current?.status === 'signed') throw new RefusedError('MINUTES_SIGNED');
    if (meeting.status !== 'inProgress' && meeting.status !== 'closed') throw new RefusedError('INVALID_STATE', meeting.status);
    return redraft(deps, committee, meeting, current, input.actorId, current?.wording ?? {}, 'minutes.draft');
  });
}

const AmendInput = MinutesInput.extend({ items: z.array(z.object({ topicId: IdSchema, text: MinutesSchema.shape.wording.unwrap().valueType })).min(1).max(100) });

/**
 * 修改: the office rewrites what the minutes say was decided on the items it names (the record
 * itself, counts and names, is never edited); the draft is rebuilt with that wording.
 */
export async function amendMinutes(deps: ServiceDeps, raw: z.input<typeof AmendInput>): Promise<Minutes> {
  const input = parseInput(AmendInput, raw);
  return update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    authorize(committee, input.actorId, 'minutes.draft');
    const meeting = await loadMeeting(deps, committee.id, input.meetingId);
    const current = unsignedDraft(await getDoc(deps.redis, committee.id, MINUTES, meeting.id));
    const agenda = new Set(meeting.agenda.map((i) => i.topicId));
    if (input.items.some((i) => !agenda.has(i.topicId))) throw new RefusedError('INVALID_INPUT', 'item not on the agenda');
    const wording = { ...current.wording, ...Object.fromEntries(input.items.map((i) => [i.topicId, i.text])) };
    return redraft(deps, committee, meeting, current, input.actorId, wording, 'minutes.amend');
  });
}

const LatestInput = z.object({ committeeId: IdSchema, actorId: IdSchema });

/**
 * /纪要: the minutes of the meeting closed last, drafted now; already signed ones are returned as
 * they are. Refused while a meeting is still in progress (请先结束会议).
 */
export async function draftLatestMinutes(deps: ServiceDeps, raw: z.input<typeof LatestInput>): Promise<{ meeting: Meeting; minutes: Minutes }> {
  const input = parseInput(LatestInput, raw);
  const committee = await loadCommittee(deps, input.committeeId);
  authorize(committee, input.actorId, 'minutes.draft');
  const meetings = await listDocs(deps.redis, committee.id, MEETINGS);
  if (meetings.some((m) => m.status === 'inProgress')) throw new RefusedError('MEETING_NOT_CLOSED');
  const meeting = meetings.filter((m) => m.status === 'closed')
    .sort((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? '') || a.id.localeCompare(b.id)).at(-1);
  if (!meeting) throw new RefusedError('NO_CLOSED_MEETING');
  const current = await getDoc(deps.redis, committee.id, MINUTES, meeting.id);
  if (current?.status === 'signed') return { meeting, minutes: current };
  return { meeting, minutes: await draftMinutes(deps, { ...input, meetingId: meeting.id }) };
}

/** The chair signs the current draft of a closed meeting; the text is frozen from then on. */
export async function signOffMinutes(deps: ServiceDeps, raw: z.input<typeof MinutesInput>): Promise<Minutes> {
  const input = parseInput(MinutesInput, raw);
  return update(deps.redis, async () => {
    const committee = await loadCommittee(deps, input.committeeId);
    const meeting = await loadMeeting(deps, committee.id, input.meetingId);
    authorize(committee, input.actorId, signOffAction(committee), { meeting });
    const current = unsignedDraft(await getDoc(deps.redis, committee.id, MINUTES, meeting.id));
    if (meeting.status !== 'closed') throw new RefusedError('INVALID_STATE', meeting.status);
    const now = deps.clock.now();
    const next: Minutes = { ...current, status: 'signed', signedBy: input.actorId, signedAt: now.toISOString() };
    return {
      commit: { committeeId: committee.id, at: now, docs: [{ key: docKey(committee.id, MINUTES, meeting.id), value: next }],
        audit: { actor: input.actorId, action: 'minutes.signOff', subject: meeting.id, data: { bodyHash: bodyHash(next.body) } } },
      result: { ...next, version: next.version + 1 },
    };
  });
}

/** The minutes of a meeting (draft or signed), for anyone on the roster. */
export async function getMinutes(deps: ServiceDeps, raw: { committeeId: string; meetingId: string; viewerId: string }): Promise<Minutes | null> {
  const input = parseInput(z.object({ committeeId: IdSchema, meetingId: IdSchema, viewerId: IdSchema }), raw);
  authorize(await loadCommittee(deps, input.committeeId), input.viewerId, 'minutes.view');
  return getDoc(deps.redis, input.committeeId, MINUTES, input.meetingId);
}

/** The draft as 修改 opens it: for the office only, and only while it is not signed. */
export async function minutesToAmend(deps: ServiceDeps, raw: z.input<typeof MinutesInput>): Promise<Minutes> {
  const input = parseInput(MinutesInput, raw);
  authorize(await loadCommittee(deps, input.committeeId), input.actorId, 'minutes.draft');
  const meeting = await loadMeeting(deps, input.committeeId, input.meetingId);
  return unsignedDraft(await getDoc(deps.redis, input.committeeId, MINUTES, meeting.id));
}
