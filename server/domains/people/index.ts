/**
 * The people domain's public face (docs/decisions/011). Other domains reach residents only
 * through what is exported here; everything else in this folder is the domain's own.
 */
import type { ResidentFilters, ResidentItem } from '../../../common/contracts/people.js';
import type { BatchOutcome } from '../../../common/contracts/exchange.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { housesByAddress } from '../regions/index.js';
import { residentsRepository } from './people.repository.js';
import { presentResident } from './people.presenter.js';
import { residentBatchRepository } from './resident-batch.repository.js';
import { storeResidentBatch, type ImportedResident } from './resident-batch.js';
import { supervisionRepository } from './supervision.repository.js';

/** "张三（网格员）": a grid worker as a special-group record's supervisor (the seed writes it so). */
export { supervisorWords } from './supervision.js';

export { peopleRoutes } from './people.routes.js';
export type { ImportedResident } from './resident-batch.js';

/** A resident of the scope as the viewer may see them (masked per role, aged on `today`), or null. */
export async function residentItemById(scoped: ScopedDb, viewer: Viewer, id: number, today: string): Promise<ResidentItem | null> {
  const row = await residentsRepository(scoped).byId(id);
  return row ? presentResident(row, viewer, today) : null;
}

/** Residents' phones by id, outside any scope: the case policy decides who may call a reporter back (cases/reporter-contact.ts). */
export async function residentPhones(scoped: ScopedDb, ids: number[]): Promise<Map<number, string | null>> {
  return new Map((await residentsRepository(scoped).phonesOf(ids)).map((r) => [r.id, r.phone]));
}

/** The people living in a house, as the viewer may see them. */
export async function residentItemsOfHouse(scoped: ScopedDb, viewer: Viewer, houseId: number, today: string): Promise<ResidentItem[]> {
  return (await residentsRepository(scoped).ofHouse(houseId)).map((row) => presentResident(row, viewer, today));
}

/**
 * The residents of a building in the scope who need help first in an emergency (独居, 残疾,
 * 留守儿童, 80岁以上), as the viewer may see them: an alarm's context (iot/alarm-context.ts).
 */
export async function residentsNeedingHelp(scoped: ScopedDb, viewer: Viewer, buildingId: number, today: string): Promise<ResidentItem[]> {
  const [y, m, d] = today.split('-');
  const rows = await residentsRepository(scoped).needingHelpInBuilding(buildingId, `${Number(y) - 80}-${m}-${d}`);
  return rows.map((row) => presentResident(row, viewer, today));
}

/** Residents of the scope matching a list's filters, in id order after `afterId`, presented: an export's pages. */
export function residentsAfter(scoped: ScopedDb, viewer: Viewer, filters: Omit<ResidentFilters, 'regionId'>, today: string) {
  const residents = residentsRepository(scoped);
  return async (afterId: number, limit: number) =>
    (await residents.after({ ...filters, today }, afterId, limit)).map((row) => presentResident(row, viewer, today));
}

/** The people of a house move with it, when the regions domain puts the house in another grid. */
export async function residentsFollowHouse(scoped: ScopedDb, houseId: number, place: { gridId: number | null; regionPath: string }) {
  await residentsRepository(scoped).followHouse(houseId, place);
}

/** Residents of the scope by ID number, with where they belong (a vehicles import's owners). */
export async function residentsByIdCard(scoped: ScopedDb, idCards: string[]) {
  const found = idCards.length ? await residentBatchRepository(scoped).inScope([...new Set(idCards)]) : [];
  return new Map(found.map((r) => [r.id_card, { id: r.id, region_path: r.region_path }]));
}

/**
 * Stores one batch of checked resident rows (an import's), in the scope's transaction: people
 * are keyed by ID number and live in houses of the scope named by 标准地址.
 */
export function storeResidents(scoped: ScopedDb, rows: ImportedResident[]): Promise<BatchOutcome> {
  return storeResidentBatch(
    {
      residents: residentBatchRepository(scoped),
      housesByAddress: (addresses) => housesByAddress(scoped, addresses),
    },
    rows,
  );
}

/** How many of a grid's special-group records name this grid worker as their supervisor (regions' worker removal). */
export const supervisedByWorker = (scoped: ScopedDb, gridId: number, workerName: string) =>
  supervisionRepository(scoped).count(gridId, workerName);

/** A grid's special-group records supervised by one worker pass to another name (a worker renamed or removed). */
export const handOverSupervision = (scoped: ScopedDb, gridId: number, from: string, to: string) =>
  supervisionRepository(scoped).handOver(gridId, from, to);
