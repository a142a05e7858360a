/** The cards of tasks, as the handlers of tasks render them. */
import { buildTaskCard, toTaskView } from '../cards/task-card.js';
import type { Card } from '../cards/types.js';
import type { Committee, Task } from '../src/domain/index.js';

/** The group's 督办事项 card: 报告进展 and 办结 show to everyone while it is open; the service decides each tap. */
export function taskCard(committee: Committee, task: Task, now: Date): Card {
  return buildTaskCard(toTaskView(task, committee, {
    now, timeZone: committee.timeZone, viewer: task.ownerId, can: { report: true, done: true },
  }));
}
