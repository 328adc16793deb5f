import type { CreateGridInput, GridForm, UpdateGridInput } from '../../../common/contracts/regions.js';
import { gridFullName, gridOwnName } from '../../../common/grid-names.js';
import type { AuditEntry } from '../../platform/audit.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import type { GridEditsRepository } from './grid-edits.repository.js';
import { gridCode, gridCodePrefix } from './region-codes.js';

/**
 * 网格 made and renamed in the admin (docs/decisions/022), by the staff of their community and
 * above (places.write). A grid stays in its community (its houses and people carry its path);
 * its name is its community's and its own (锦源社区第三网格), unique there; its code is a local one
 * under the community's, as the generator makes them. Every change is audited.
 */
export interface GridEditsDeps {
  grids: GridEditsRepository;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: GridEditsDeps) => Promise<T>): Promise<T>;
}

async function editableGrid(deps: GridEditsDeps, id: number) {
  const grid = await deps.grids.grid(id);
  if (!grid) throw notFound('网格');
  return grid;
}

async function checkedName(deps: GridEditsDeps, communityId: number, fullName: string, self?: number) {
  const taken = await deps.grids.gridNamed(communityId, fullName);
  if (taken && taken.id !== self) throw conflict('GRID_EXISTS', `本社区已有“${fullName}”`, { field: 'name' });
}

export async function gridForm(deps: GridEditsDeps, id: number): Promise<GridForm> {
  const g = await editableGrid(deps, id);
  return {
    id: g.id,
    code: g.code,
    communityId: g.community_id!,
    communityName: g.community_name,
    name: gridOwnName(g.community_name, g.name),
    fullName: g.name,
  };
}

export async function createGrid(deps: GridEditsDeps, input: CreateGridInput): Promise<GridForm> {
  return deps.transaction(async (tx) => {
    const community = await tx.grids.community(input.communityId);
    if (!community) throw new AppError(404, 'COMMUNITY_NOT_FOUND', '所选社区不存在或不在您的管辖范围内', { field: 'communityId' });
    const name = gridFullName(community.name, input.name);
    await checkedName(tx, community.id, name);
    const code = gridCode(new Set(await tx.grids.codesStarting(gridCodePrefix(community.code))), community.code);
    const { id } = await tx.grids.insert(community.id, community.path, {
      code,
      code_is_local: true,
      name,
      level: 'grid',
      kind: '网格',
      sort: await tx.grids.nextSort(community.id),
    });
    await tx.audit({ action: 'create_grid', entity: 'region', entityId: id, detail: { name } });
    return gridForm(tx, id);
  });
}

export async function updateGrid(deps: GridEditsDeps, id: number, input: UpdateGridInput): Promise<GridForm> {
  return deps.transaction(async (tx) => {
    const grid = await editableGrid(tx, id);
    const name = gridFullName(grid.community_name, input.name);
    if (name !== grid.name) {
      await checkedName(tx, grid.community_id!, name, id);
      await tx.grids.rename(id, name);
      await tx.audit({ action: 'update_grid', entity: 'region', entityId: id, detail: { name, from: grid.name } });
    }
    return gridForm(tx, id);
  });
}
