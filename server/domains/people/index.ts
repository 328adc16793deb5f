/**
 * The people domain's public face (docs/decisions/011). Other domains reach residents only
 * through what is exported here. (The rest of the domain moves behind it with issue 8.)
 */
import type { ResidentItem } from '../../../common/contracts/people.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { residentById } from './people.repository.js';
import { presentResident } from './people.presenter.js';

export { peopleRoutes } from './people.routes.js';

/** A resident of the viewer's scope as the viewer may see them (masked per role), or null. */
export async function residentItemById(scoped: ScopedDb, viewer: Viewer, id: number): Promise<ResidentItem | null> {
  const row = await residentById(scoped.unscoped, id, scoped.scope.path);
  return row ? presentResident(row, viewer) : null;
}
