import type { Query } from '@lib/api';
import { QUEUE_STATUSES, type Queue } from '@common/case-queues';

export { QUEUES, DESK_ONLY_QUEUES, inQueue, isQueue, type Queue } from '@common/case-queues';

/** The list query of a tab; 待我处理 is the server's queue=mine, which knows each role's desk. */
export function queueQuery(queue: Queue): Query {
  if (queue === 'all') return {};
  if (queue === 'mine') return { queue: 'mine' };
  return { status: QUEUE_STATUSES[queue].join(',') };
}
