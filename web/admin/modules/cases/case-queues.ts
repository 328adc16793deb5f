import type { CaseStatus } from '@common/enums';
import type { Query } from '@lib/api';

/**
 * The workbench tabs: one per desk in the loop 上报 → 受理 → 立案 → 派遣 → 处置 → 核查 → 结案,
 * plus 挂账, 全部 and 待我处理 (the server's queue=mine: what waits on this viewer's desk).
 */
export const QUEUES = ['mine', 'reported', 'accepted', 'registered', 'working', 'handled', 'verified', 'suspended', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

const STATUSES: Record<Exclude<Queue, 'mine' | 'all'>, CaseStatus[]> = {
  reported: ['reported'],
  accepted: ['accepted'],
  registered: ['registered'],
  working: ['dispatched', 'in_progress'],
  handled: ['handled'],
  verified: ['verified'],
  suspended: ['suspended'],
};

export function isQueue(value: string): value is Queue {
  return (QUEUES as readonly string[]).includes(value);
}

/** The list query of a tab; 待我处理 is the server's queue=mine, which knows each role's desk. */
export function queueQuery(queue: Queue): Query {
  if (queue === 'all') return {};
  if (queue === 'mine') return { queue: 'mine' };
  return { status: STATUSES[queue].join(',') };
}

/** Does a case of this status belong in the tab (for the map, filtered on the client). */
export function inQueue(queue: Queue, status: CaseStatus): boolean {
  if (queue === 'all' || queue === 'mine') return true;
  return STATUSES[queue].includes(status);
}
