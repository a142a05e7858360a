/**
 * The group's 会议签到 card: one per meeting (its outbox key is a function of the committee and
 * the meeting, so opening sign-in twice posts it once), built from the sign-in service's sheet and
 * refreshed for everyone after each sign-in.
 */
import { buildSignInCard, toSignInView } from '../cards/sign-in-card.js';
import type { BotDeps } from '../src/bot/context.js';
import { signInSheet, type SignInSheet } from '../src/services/sign-in.js';

/** A card as the outbox takes it. */
type Card = Parameters<BotDeps['outbox']['enqueuePatch']>[0]['card'];

export const signInCardKey = (committeeId: string, meetingId: string): string => `signin|${committeeId}|${meetingId}`;

/** The card in the group: everyone sees the same 签到 button; the service decides each tap. */
export function signInCard(ctx: Pick<BotDeps, 'clock'>, sheet: SignInSheet, viewer: string): Card {
  const { committee, meeting, roster, profile, quorum } = sheet;
  return { ...buildSignInCard(toSignInView(meeting, committee, roster, profile, quorum,
    { now: ctx.clock.now(), timeZone: committee.timeZone, viewer, can: { signIn: true } })) };
}

/** Rounds of "patch, then read again" one refresh may take before leaving the rest to later taps. */
const MAX_ROUNDS = 3;

/**
 * Patches the card with the sheet as stored, by its key: a sign-in before the outbox has posted
 * the card is on it as it posts. Taps at the same time may enqueue their patches in any order, so
 * each refresh reads the sheet again after its patch and patches once more if it moved: the last
 * patch enqueued then always follows every sign-in before it.
 */
export async function refreshSignInCard(ctx: Pick<BotDeps, 'clock' | 'outbox' | 'services'>, committeeId: string, meetingId: string, viewerId: string): Promise<void> {
  const key = signInCardKey(committeeId, meetingId);
  let last = '';
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const card = signInCard(ctx, await signInSheet(ctx.services, { committeeId, meetingId, viewerId }), viewerId);
    const json = JSON.stringify(card);
    if (json === last) return;
    await ctx.outbox.enqueuePatchOf({ key, card });
    last = json;
  }
}
