/**
 * Shapes of the API's responses as the web clients read them. When the server publishes its
 * Zod response schemas in common/, these should be replaced by types inferred from them.
 */
import type { MyHome } from '@common/contracts/people';

export interface Page<T> {
  items: T[];
  total: number;
}

/** The cases module's unit picker still reads it here; the type is the orgs contract's. */
export type { OrgUnit } from '@common/contracts/orgs';

/**
 * GET /api/me/home (common/contracts/people.ts, MyHome). web/resident/pages/ReportPage.vue still
 * also looks for the house at the top level, where the server never puts it (it is
 * resident.house); this alias goes when that page reads MyHome.
 */
export type ResidentHome = MyHome & { house?: MyHome['resident']['house'] };
