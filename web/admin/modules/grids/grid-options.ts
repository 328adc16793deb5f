import { api } from '@lib/api';
import type { GridItem } from '@common/contracts/regions';
import type { Page } from '@common/contracts/shared';

/** The grids of a community as a select's options (a building's or a house's grid). */
export async function gridOptions(communityId: number) {
  const page = await api.get<Page<GridItem>>('/grids', { regionId: communityId, pageSize: 100 });
  return page.items.map((g) => ({ value: String(g.id), label: g.name }));
}
