/**
 * What a member may see of a ballot. While it is open: how many have voted, out of how many —
 * never counts (a live count next to "X just voted" reveals X's vote). After close: the counts
 * and the result; for open methods each member's 表态; for a secret ballot who took part, and not
 * even that when fewer than three voted (so few names beside the counts would tell who chose what).
 */
import { z } from 'zod';
import type { Ballot, BallotResult } from '../domain/index.js';
import { IdSchema } from '../domain/index.js';
import { electorateOf, turnout, votersOf } from '../store/ballots.js';
import type { ServiceDeps } from './context.js';
import { authorize } from './authority.js';
import { loadCommittee } from './context.js';
import { parseInput } from './input.js';
import { loadBallot, loadMeeting } from './loaders.js';
import { ballotKeys } from './voting-common.js';

/** Fewer secret voters than this and the list of who took part would narrow down each ballot. */
export const MIN_SECRET_PARTICIPANTS_SHOWN = 3;

const ViewSchema = z.object({ committeeId: IdSchema, ballotId: IdSchema, viewerId: IdSchema });
export type BallotViewInput = z.input<typeof ViewSchema>;

export interface BallotView {
  ballotId: string;
  meetingId: string;
  topicId: string;
  method: Ballot['method'];
  state: Ballot['state'];
  /** 末位表态 applies to this ballot (fixed at opening). */
  chairLast: boolean;
  /** 应到 / 实到 / 回避 as frozen at opening. */
  snapshot?: Ballot['snapshot'];
  deferredAt?: string;
  voted: number;
  eligible: number;
  /** Closed only. */
  result?: BallotResult;
  /** Closed secret ballots with at least three voters: who took part, sorted by id. */
  participants?: string[];
  /** Closed open-method ballots: each member's choice, in the order given. */
  choices?: { memberId: string; choice: string }[];
}

/** A ballot as `viewerId` (any roster member) may see it. */
export async function getBallotView(deps: ServiceDeps, input: BallotViewInput): Promise<BallotView> {
  const data = parseInput(ViewSchema, input);
  authorize(await loadCommittee(deps, data.committeeId), data.viewerId, 'ballot.view');
  const ballot = await loadBallot(deps, data.committeeId, data.ballotId);
  const base = {
    ballotId: ballot.id, meetingId: ballot.meetingId, topicId: ballot.topicId, method: ballot.method, state: ballot.state, chairLast: ballot.chairLast ?? false,
    ...(ballot.snapshot ? { snapshot: ballot.snapshot } : {}), ...(ballot.deferredAt === undefined ? {} : { deferredAt: ballot.deferredAt }),
  };
  const keys = ballotKeys(data.committeeId, ballot.id);
  const result = ballot.state === 'closed' ? ballot.result : undefined;
  if (!result) return { ...base, ...(await turnout(deps.redis, keys)) };
  const view: BallotView = { ...base, voted: result.voters, eligible: result.eligible, result };
  if (ballot.method !== 'secret') return { ...view, choices: result.roll ?? [] };
  if (result.voters < MIN_SECRET_PARTICIPANTS_SHOWN) return view;
  return { ...view, participants: await votersOf(deps.redis, keys) };
}

const ElectorateSchema = z.object({ committeeId: IdSchema, ballotId: IdSchema, actorId: IdSchema });

/** Who may vote on a ballot (its frozen electorate): for whoever chairs its meeting, to hand out the private ballots. */
export async function ballotElectorate(deps: ServiceDeps, input: z.input<typeof ElectorateSchema>): Promise<string[]> {
  const data = parseInput(ElectorateSchema, input);
  const committee = await loadCommittee(deps, data.committeeId);
  const ballot = await loadBallot(deps, committee.id, data.ballotId);
  authorize(committee, data.actorId, 'ballot.open', { meeting: await loadMeeting(deps, committee.id, ballot.meetingId) });
  return electorateOf(deps.redis, ballotKeys(committee.id, ballot.id));
}
