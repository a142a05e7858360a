/**
 * `/帮助`: what this person may do here, each command shown to whoever the services' own table
 * (mayDo) lets use it; someone on no roster yet still gets an answer.
 */
import { buildHelpCard, toHelpView, type CommandWord } from '../cards/help-card.js';
import type { CommandHandler } from '../src/bot/context.js';
import type { Committee, Meeting, Member } from '../src/domain/index.js';
import { RefusedError } from '../src/errors.js';
import { mayDo, type Action } from '../src/services/authority.js';
import { listMeetings } from '../src/services/meetings.js';
import { meetingInProgress } from './open-vote.js';
import { cardJson, keyOf } from './support.js';
import { committeeForReading } from './setup-view.js';

/** The service action behind each command; `null` for the commands anyone may send. */
const ACTION_OF: Readonly<Record<CommandWord, Action | null>> = {
  '/设置': 'committee.change',
  '/议题': 'topic.submit',
  '/议题列表': 'topic.list',
  '/会议': 'meeting.schedule',
  '/请假': 'leave.request',
  '/销假': 'leave.return',
  '/签到': 'attendance.signIn',
  '/表决': 'ballot.open',
  '/测评': 'evaluation.open',
  '/纪要': 'minutes.draft',
  '/督办': 'task.create',
  '/职责': 'duty.status',
  '/规则': null,
  '/帮助': null,
};

/**
 * Whether `member` may use `word`: for oneself where the action is about someone (leave), and for
 * the meeting in progress where it is the meeting chair's (with none, a meeting nobody chairs
 * yet: the 书记's).
 */
export function mayUse(committee: Committee | null, member: Member | null, word: CommandWord, firstSetup: boolean, meeting: Meeting | undefined): boolean {
  const action = ACTION_OF[word];
  if (action === null || (firstSetup && word === '/设置')) return true;
  if (committee === null || member === null) return false;
  return mayDo(committee, member.id, action, { subjects: [member.id], meeting: meeting ?? {} });
}

export const showHelp: CommandHandler = async (ctx) => {
  let firstSetup = false;
  const found = await committeeForReading(ctx).catch((error: unknown) => {
    if (!(error instanceof RefusedError)) throw error;
    firstSetup = error.refusal === 'NO_COMMITTEE';
    return null;
  });
  const member = found?.member ?? null;
  const committee = found?.committee ?? null;
  const meeting = committee === null || member === null ? undefined : meetingInProgress(await listMeetings(ctx.services, { committeeId: committee.id, viewerId: member.id }));
  const card = buildHelpCard(toHelpView(member?.role ?? null, (word) => mayUse(committee, member, word, firstSetup, meeting), firstSetup));
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'help'), card: cardJson(card) });
};
