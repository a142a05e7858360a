/** The cards of topics, as the handlers of topics render them. */
import { buildTopicCard, toTopicView } from '../cards/topic-card.js';
import type { Card } from '../cards/types.js';
import type { Committee, Topic } from '../src/domain/index.js';

/** The group's 议题待确认 card: 确认 and 退回 show to everyone; the service lets only the 书记 act. */
export function topicCard(committee: Committee, topic: Topic, now: Date): Card {
  return buildTopicCard(toTopicView(topic, committee, {
    now, timeZone: committee.timeZone, viewer: topic.submittedBy, can: { confirm: true, return: true },
  }));
}
