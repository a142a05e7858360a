/**
 * `/会议 <日期 时间> [地点] [紧急]` (the 书记 or the 秘书): the meeting is scheduled with every
 * confirmed topic on its agenda, oldest first, the roster's 列席 invited, and its 会议筹备 card replied.
 */
import type { CommandHandler } from '../src/bot/context.js';
import { parseMeetingArgs } from '../src/bot/parse/commands.js';
import { getMeetingDraft } from '../src/services/meeting-view.js';
import { scheduleMeeting, setAgenda } from '../src/services/meetings.js';
import { listTopics } from '../src/services/topics.js';
import { meetingDraftCard } from './meeting-cards.js';
import { actorOfCommand, commandInput, keyOf, cardJson } from './support.js';

/** An agenda holds at most this many topics (the meeting services' limit). */
const MAX_AGENDA = 50;
const MAX_OBSERVERS = 50;

export const scheduleMeetingCommand: CommandHandler = async (ctx) => {
  const args = parseMeetingArgs(commandInput(ctx));
  const { committee, member } = await actorOfCommand(ctx);
  const ref = { committeeId: committee.id, actorId: member.id };
  const meeting = await scheduleMeeting(ctx.services, {
    // The meeting's id comes from the message: a re-run of the same message makes no second meeting.
    ...ref, id: `meeting-${ctx.event.messageId}`, title: `${committee.name}会议`, kind: args.emergency ? 'emergency' : 'regular', startsAt: args.startsAt,
    ...(args.place === null ? {} : { location: args.place }),
    // The roster's 列席 are invited to every meeting (the services cap the list).
    observers: committee.roster.filter((m) => m.role === 'observer').map((m) => m.id).slice(0, MAX_OBSERVERS),
  });
  const confirmed = await listTopics(ctx.services, { committeeId: committee.id, viewerId: member.id, status: 'confirmed' });
  // On a re-run the agenda is already set (its topics are no longer 'confirmed'): it stays as it is.
  if (meeting.agenda.length === 0 && confirmed.length > 0) {
    await setAgenda(ctx.services, { ...ref, meetingId: meeting.id, topicIds: confirmed.slice(0, MAX_AGENDA).map((t) => t.id) });
  }
  const draft = await getMeetingDraft(ctx.services, { committeeId: committee.id, meetingId: meeting.id, viewerId: member.id });
  const { messageId, chatId } = ctx.event;
  await ctx.outbox.enqueueReply({ messageId, chatId, key: keyOf(ctx.event, 'meeting'), card: cardJson(meetingDraftCard(draft, member.id, ctx.clock.now())) });
};
