import type { CaseStatus } from './enums.js';

/**
 * The workbench tabs (事件工作台): one per desk in the loop 上报 → 受理 → 立案 → 派遣 → 处置 → 核查 →
 * 结案, plus 挂账, 全部 and 待我处理 (what waits on this viewer's desk, which depends on the role).
 * The server counts them in one statement (GET /api/cases/totals), the admin lists them.
 */
export const QUEUES = ['mine', 'reported', 'accepted', 'registered', 'working', 'handled', 'verified', 'suspended', 'all'] as const;
export type Queue = (typeof QUEUES)[number];
export type StatusQueue = Exclude<Queue, 'mine' | 'all'>;

export const QUEUE_STATUSES: Record<StatusQueue, readonly CaseStatus[]> = {
  reported: ['reported'],
  accepted: ['accepted'],
  registered: ['registered'],
  working: ['dispatched', 'in_progress'],
  handled: ['handled'],
  verified: ['verified'],
  suspended: ['suspended'],
};
export const STATUS_QUEUES = Object.keys(QUEUE_STATUSES) as StatusQueue[];

/** A department handler never sees a case before it is dispatched: no tabs for the desk's steps. */
export const DESK_ONLY_QUEUES: readonly Queue[] = ['reported', 'accepted', 'registered'];

export function isQueue(value: string): value is Queue {
  return (QUEUES as readonly string[]).includes(value);
}

/** Does a case of this status belong in the tab (for the map, filtered on the client). */
export function inQueue(queue: Queue, status: CaseStatus): boolean {
  if (queue === 'all' || queue === 'mine') return true;
  return QUEUE_STATUSES[queue].includes(status);
}
