import type { CaseSummary } from './case-types';

/**
 * What in GET /api/cases?queue=mine really waits on a 网格员. The server's "mine" queue for a
 * grid worker is every dispatched / in-progress / handled case in the grid's area, including
 * cases dispatched to a county department (县水务局…), which the worker can neither sign nor
 * handle. Those are left out: dispatched and in-progress cases count only when their handler
 * is the worker's own grid; handled cases all count, since checking (核查) them is the grid's
 * job whoever handled them. (The queue is already limited to the worker's grid, so the grid's
 * name is unambiguous here although every community has a "第一网格".)
 */
export function awaitsWorker(c: Pick<CaseSummary, 'status' | 'handler'>, gridName: string): boolean {
  if (c.status === 'handled') return true;
  if (c.status === 'dispatched' || c.status === 'in_progress') return c.handler === gridName;
  return false;
}
