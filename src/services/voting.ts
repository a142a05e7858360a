/**
 * Voting (表决) use cases, one file each: open, cast, close, view, and after the vote
 * (defer, reconsider, reserved opinions). Handlers import them from here.
 */
export { openBallot } from './voting-open.js';
export type { OpenBallotInput } from './voting-open.js';
export { castVote, whyNotEligible } from './voting-cast.js';
export type { CastOutcome, CastVoteInput } from './voting-cast.js';
export { closeBallot } from './voting-close.js';
export type { CloseBallotInput } from './voting-close.js';
export { ballotElectorate, getBallotView, MIN_SECRET_PARTICIPANTS_SHOWN } from './voting-view.js';
export type { BallotView, BallotViewInput } from './voting-view.js';
export { deferItem, reconsider, reconsiderationRule, recordReservedOpinion } from './voting-review.js';
export type { DeferItemInput, ReconsiderInput, ReservedOpinionInput } from './voting-review.js';
