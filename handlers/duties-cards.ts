/** The 工作职责 card, as the handlers of duties render it. */
import { buildDutiesCard, toDutiesView } from '../cards/duties-card.js';
import type { Card } from '../cards/types.js';
import type { Committee } from '../src/domain/index.js';
import type { ServiceDeps } from '../src/services/context.js';
import { mayDo } from '../src/services/authority.js';
import { dutyStatus } from '../src/services/duties.js';

/** Every duty of the profile as of now; 登记完成 shows to whoever may record (the card is his answer). */
export async function dutiesCard(services: ServiceDeps, committee: Committee, viewerId: string, now: Date, recording?: string): Promise<Card> {
  const statuses = await dutyStatus(services, { committeeId: committee.id, viewerId, asOf: now });
  return buildDutiesCard(toDutiesView(committee.id, statuses, {
    now, timeZone: committee.timeZone, viewer: viewerId, can: { record: mayDo(committee, viewerId, 'duty.record') },
  }, recording));
}
