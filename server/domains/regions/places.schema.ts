import { z } from 'zod';
import { HOUSE_USES } from '../../../common/enums.js';
import { pagingQuery } from '../../platform/paging.js';

/** Filters of the house list, shared by the list and its Excel export. */
export const houseQueryFilters = z.object({
  q: z.string().trim().max(100).optional(),
  regionId: z.coerce.number().int().positive().optional(),
  houseUse: z.enum(HOUSE_USES).optional(),
  estateId: z.coerce.number().int().positive().optional(),
  gridId: z.coerce.number().int().positive().optional(),
});
export type HouseQueryFilters = z.infer<typeof houseQueryFilters>;

export const houseQuery = houseQueryFilters.extend({
  ...pagingQuery,
  sort: z.enum(['address', 'area', 'id']).default('address'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
