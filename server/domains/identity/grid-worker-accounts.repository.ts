import type { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * The 网格员 accounts of one grid in the viewer's scope: an account of role grid_worker belongs to
 * the grid it works (common/staff-accounts.ts), and a grid's worker record may be linked to one.
 */
export const gridWorkerAccountsOf = (scoped: ScopedDb, gridId: number) =>
  scoped
    .selectFromByRegion('users')
    .select(['users.id', 'users.username', 'users.display_name', 'users.active'])
    .where('users.role', '=', 'grid_worker')
    .where('users.region_id', '=', gridId)
    .orderBy('users.username')
    .execute();
