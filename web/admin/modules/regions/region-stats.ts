import type { RegionStats } from '@common/contracts/regions';

/** The figures of a region shown on 首页 and on the region's pane, in this order (labels `home.<key>`). */
export const STAT_KEYS: (keyof RegionStats)[] = [
  'residents',
  'households',
  'houses',
  'rentedHouses',
  'over60',
  'vehicles',
  'grids',
  'gridWorkers',
];
