import type { RouteLocationRaw } from 'vue-router';
import type { CaseDesk } from '@common/contracts/cases';

/**
 * Where each of 首页's figures leads: the workbench tab that is the desk's queue, with the clock
 * filter of the figure. The overview's queue is every open case, which the supervision board
 * shows by unit and by area; its overdue cases are the workbench's red filter.
 */
const QUEUE_TAB: Record<CaseDesk, string> = { unit: 'mine', grid: 'mine', intake: 'reported', overview: 'all' };

export function deskLink(desk: CaseDesk, figure: 'waiting' | 'overdue' | 'nearlyDue' | 'dueToday'): RouteLocationRaw {
  if (desk === 'overview' && figure === 'waiting') return { name: 'supervision-board' };
  const query: Record<string, string> = { tab: QUEUE_TAB[desk] };
  if (figure === 'overdue') query.clock = 'red';
  if (figure === 'nearlyDue') query.clock = 'yellow';
  // 今日到期 is the head of the queue in deadline order, the workbench's default order.
  return { name: 'cases', query };
}
