/** The facts a meeting's cards share: time, place, kind, the numbered agenda and the observers. */
import type { Committee, Meeting, Topic } from '../src/domain/index.js';
import { capped } from './components.js';
import { MEETING_KIND_NAMES, SENTENCE, TOPIC_KIND_NAMES } from './copy.js';
import { formatWhen, typed } from './text.js';
import { names, personOf, type PersonView } from './view.js';

export interface AgendaEntry { topicId: string; no: number; title: string; kind: string; adHoc: boolean }

export interface MeetingFacts {
  committeeId: string;
  meetingId: string;
  title: string;
  when: string;
  /** 改期 after the notice: the start people had been told of. */
  movedFrom?: string;
  place?: string;
  kind: string;
  emergency: boolean;
  agenda: AgendaEntry[];
  observers: PersonView[];
}

/** Agenda items whose topic is unknown still show, by id, so a missing record is visible. */
export function toMeetingFacts(meeting: Meeting, topics: readonly Topic[], committee: Pick<Committee, 'roster'>, timeZone: string): MeetingFacts {
  const byId = new Map(topics.map((t) => [t.id, t]));
  return {
    committeeId: meeting.committeeId,
    meetingId: meeting.id,
    title: meeting.title,
    when: formatWhen(meeting.startsAt, timeZone),
    ...(meeting.movedFrom === undefined ? {} : { movedFrom: formatWhen(meeting.movedFrom, timeZone) }),
    ...(meeting.location === undefined ? {} : { place: meeting.location }),
    kind: MEETING_KIND_NAMES[meeting.kind],
    emergency: meeting.kind === 'emergency',
    agenda: meeting.agenda.map((item, i) => {
      const topic = byId.get(item.topicId);
      return {
        topicId: item.topicId, no: i + 1, title: topic?.title ?? item.topicId,
        kind: topic === undefined ? '' : TOPIC_KIND_NAMES[topic.kind], adHoc: item.addedAtMeeting,
      };
    }),
    observers: meeting.observers.map((id) => personOf(committee, id)),
  };
}

/** Most agendas are short; a very long one is cut so the card stays under 30 KB. */
const AGENDA_MAX = 40;

export function agendaText(agenda: readonly AgendaEntry[]): string {
  if (agenda.length === 0) return SENTENCE.noAgenda;
  return capped(agenda, AGENDA_MAX, (e) => `${e.no}. ${typed(e.title, 80)}${e.kind === '' ? '' : `（${e.kind}）`}${e.adHoc ? '（临时增加）' : ''}`).join('\n');
}

export function factsText(f: MeetingFacts): string {
  return [
    `**会议**：${typed(f.title, 100)}`,
    `**时间**：${f.when}`,
    ...(f.movedFrom === undefined ? [] : [`<font color='orange'>已改期：原定 ${f.movedFrom}</font>`]),
    `**地点**：${f.place === undefined || f.place === '' ? '待定' : typed(f.place, 100)}`,
    `**类型**：${f.kind}`,
    `**列席**：${names(f.observers)}`,
    `**议程**：\n${agendaText(f.agenda)}`,
  ].join('\n');
}
