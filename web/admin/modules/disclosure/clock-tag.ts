import type { ApplicationItem } from '@common/contracts/disclosure';

/** The colour of an application's clock: green on time, amber within 3 working days, red late, grey while it stands. */
export const CLOCK_TAG: Record<ApplicationItem['clock'], 'success' | 'warning' | 'danger' | 'info'> = {
  none: 'info',
  ok: 'success',
  near: 'warning',
  overdue: 'danger',
  paused: 'info',
};
