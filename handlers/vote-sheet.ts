/**
 * The cards of a meeting's votes as the handlers post and refresh them: `会议主持` (one per meeting),
 * the group's `表决` / `表决进度` card and `表决结果` (one per ballot), and each voter's private
 * `无记名投票` (one per ballot and member). Outbox keys are functions of ids only, so a re-run
 * posts nothing twice; none holds a choice. Patches go through the outbox, which coalesces them.
 */
import { buildChairingCard, buildOpenVoteCard, buildSecretBallotCard, buildVoteProgressCard, type ChairItemView, type VoteView } from '../cards/vote-cards.js';
import { buildVoteResultCard, toVoteResultView } from '../cards/vote-result-card.js';
import type { BotDeps } from '../src/bot/context.js';
import type { Committee, Meeting, Topic } from '../src/domain/index.js';
import { profileOf } from '../src/services/context.js';
import { getMeeting } from '../src/services/meeting-view.js';
import { ballotElectorate, getBallotView, type BallotView } from '../src/services/voting.js';
import { cardJson } from './support.js';

type Deps = Pick<BotDeps, 'outbox' | 'services'>;

export const chairingCardKey = (c: string, m: string): string => `chairing|${c}|${m}`;
export const voteCardKey = (c: string, b: string): string => `vote|${c}|${b}`;
export const resultCardKey = (c: string, b: string): string => `result|${c}|${b}`;
export const secretBallotKey = (c: string, b: string, memberId: string): string => `ballot|${c}|${b}|${memberId}`;

/** An agenda item as the vote cards name it: its number, title and whether it was added at the meeting. */
export interface ItemRef { title: string; index: number; addedAtMeeting: boolean }

export function itemOf(meeting: Meeting, topics: readonly Topic[], topicId: string): ItemRef {
  const index = meeting.agenda.findIndex((i) => i.topicId === topicId);
  return { title: topics.find((t) => t.id === topicId)?.title ?? '', index: index + 1, addedAtMeeting: meeting.agenda[index]?.addedAtMeeting ?? false };
}

const VOTABLE: readonly Topic['status'][] = ['confirmed', 'scheduled', 'deferred'];

async function chairItems(ctx: Deps, committee: Committee, meeting: Meeting, topics: readonly Topic[], viewerId: string): Promise<ChairItemView[]> {
  const open = meeting.status !== 'closed' && meeting.status !== 'cancelled';
  return Promise.all(meeting.agenda.map(async (item, i): Promise<ChairItemView | null> => {
    const topic = topics.find((t) => t.id === item.topicId);
    if (!topic) return null;
    const lastId = item.ballotIds.at(-1);
    const last = lastId === undefined ? undefined : await getBallotView(ctx.services, { committeeId: committee.id, ballotId: lastId, viewerId });
    const voting = last?.state === 'open';
    const deferrable = last?.result?.flags.includes('CLOSE_VOTE_DEFER') === true && last.deferredAt === undefined;
    return {
      topicId: topic.id, index: i + 1, title: topic.title, kind: topic.kind, status: topic.status, addedAtMeeting: item.addedAtMeeting,
      voting,
      can: { vote: open && !voting && VOTABLE.includes(topic.status), defer: open && deferrable, reconsider: open && topic.status === 'decided' },
    };
  })).then((items) => items.filter((i): i is ChairItemView => i !== null));
}

export async function chairingCard(ctx: Deps, committeeId: string, meetingId: string, viewerId: string): Promise<Readonly<Record<string, unknown>>> {
  const { committee, meeting, topics } = await getMeeting(ctx.services, { committeeId, meetingId, viewerId });
  return cardJson(buildChairingCard({
    committeeId, meetingId, title: meeting.title, closed: meeting.status === 'closed',
    items: await chairItems(ctx, committee, meeting, topics, viewerId),
  }));
}

/**
 * Posts a group card once per key, or brings the posted one up to date. By key: a change made
 * while the first post is still in the outbox is on the card as it posts (a second send of the
 * key would be the same job, and post nothing).
 */
export async function postOrUpdate(ctx: Pick<BotDeps, 'outbox'>, chatId: string, key: string, card: Readonly<Record<string, unknown>>): Promise<void> {
  await ctx.outbox.enqueueSend({ to: { chatId }, key, card });
  await ctx.outbox.enqueuePatchOf({ key, card });
}

/** Posts 会议主持 once per meeting, or brings the posted one up to date. */
export async function postChairingCard(ctx: Deps, committee: Committee, meetingId: string, viewerId: string): Promise<void> {
  await postOrUpdate(ctx, committee.chatId, chairingCardKey(committee.id, meetingId), await chairingCard(ctx, committee.id, meetingId, viewerId));
}

interface BallotContext { committee: Committee; view: BallotView; item: ItemRef }

export async function ballotContext(ctx: Deps, committeeId: string, ballotId: string, viewerId: string): Promise<BallotContext> {
  const view = await getBallotView(ctx.services, { committeeId, ballotId, viewerId });
  const { committee, meeting, topics } = await getMeeting(ctx.services, { committeeId, meetingId: view.meetingId, viewerId });
  return { committee, view, item: itemOf(meeting, topics, view.topicId) };
}

function voteViewOf({ committee, view, item }: BallotContext): VoteView {
  return {
    committeeId: committee.id, ballotId: view.ballotId, ...item, method: view.method, voted: view.voted, eligible: view.eligible,
    open: view.state === 'open', chairLast: view.chairLast, chairLastBasis: profileOf(committee).meeting.chairLast?.basis ?? [],
  };
}

/** The group's card of a ballot: 表决 for an open method, 表决进度 (turnout only) for a secret one. */
export function groupVoteCard(b: BallotContext): Readonly<Record<string, unknown>> {
  const v = voteViewOf(b);
  return cardJson(b.view.method === 'secret' ? buildVoteProgressCard(v) : buildOpenVoteCard(v));
}

export function secretBallotCard(b: BallotContext, cast: boolean): Readonly<Record<string, unknown>> {
  const { committee, view, item } = b;
  return cardJson(buildSecretBallotCard({ committeeId: committee.id, ballotId: view.ballotId, ...item, method: view.method, open: view.state === 'open' }, cast));
}

/**
 * After close every private ballot sent reads the same closed card, whoever voted and however,
 * so the patches tell nobody anything; the outbox coalesces and paces them.
 */
export async function closeSecretBallots(ctx: Deps, committeeId: string, ballotId: string, actorId: string): Promise<void> {
  const b = await ballotContext(ctx, committeeId, ballotId, actorId);
  if (b.view.method !== 'secret' || b.view.state === 'open') return;
  const card = secretBallotCard(b, false);
  // By key: a ballot the outbox has not posted yet is closed as it posts.
  for (const id of await ballotElectorate(ctx.services, { committeeId, ballotId, actorId })) await ctx.outbox.enqueuePatchOf({ key: secretBallotKey(committeeId, ballotId, id), card });
}

export function resultCard(b: BallotContext, meetingOpen: boolean): Readonly<Record<string, unknown>> | null {
  const { result } = b.view;
  if (!result) return null;
  return cardJson(buildVoteResultCard(toVoteResultView(b.committee, { ...b.view, result }, b.item, { defer: meetingOpen })));
}

/** Rounds of "patch, then read again" one refresh may take before leaving the rest to later taps. */
const MAX_ROUNDS = 3;

/**
 * Patches the group's vote card with the ballot as stored. Casts at the same time may enqueue
 * their patches in any order, so each refresh reads again after its patch and patches once more
 * if the turnout moved: the last patch enqueued then follows every cast before it.
 */
export async function refreshGroupVoteCard(ctx: Deps, committeeId: string, ballotId: string, viewerId: string): Promise<void> {
  let last = '';
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const card = groupVoteCard(await ballotContext(ctx, committeeId, ballotId, viewerId));
    const json = JSON.stringify(card);
    if (json === last) return;
    // By key: a cast before the card was posted is on it as it posts.
    await ctx.outbox.enqueuePatchOf({ key: voteCardKey(committeeId, ballotId), card });
    last = json;
  }
}
