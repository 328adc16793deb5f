/**
 * The task supervision domain's public face (督查督办, docs/decisions/011 and 044): its routes,
 * and the gazette importer's part (importGazetteTasks). Everything else in this folder is the
 * domain's own.
 */
import type { Kysely } from 'kysely';
import type { GazetteDocument } from '../../../common/contracts/gazette.js';
import type { DB } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { countyDepartments, unitsByNames } from '../orgs/index.js';
import { townsInScope } from '../regions/index.js';
import { gazetteImportRepository } from './gazette-import.repository.js';
import { storeGazetteLists } from './gazette-import.js';
import { listsFromGazette } from './gazette-lists.js';
import { printedEntries } from './unit-assignment.js';

export { tasksRoutes } from './tasks.routes.js';

/**
 * The gazette's task tables and plan phases as supervised task lists, in the importer's
 * transaction `trx`: one list per document with tasks (or, without a task table, with phases),
 * keyed by its number, so importing the same gazette again updates and never duplicates.
 * `documentIds` maps a document number to the documents domain's id, kept as a plain reference.
 * Returns what was written and the printed unit names that resolved to no unit or town.
 */
export async function importGazetteTasks(
  trx: Kysely<DB>,
  documents: GazetteDocument[],
  documentIds: Map<string, number>,
): Promise<{ lists: number; tasks: number; unresolvedUnits: string[] }> {
  const lists = listsFromGazette(documents);
  const printed = [...new Set(lists.flatMap((l) => l.tasks.flatMap((t) => printedEntries(t.units).map((n) => n.replace(/等$/, '')))))];
  // One after another: a transaction is one connection.
  const towns = await townsInScope(new ScopedDb(trx, { path: '/', estateIds: null }));
  const departments = await countyDepartments(trx);
  const units = await unitsByNames(trx, printed);
  return storeGazetteLists(
    { writes: gazetteImportRepository(trx), directory: { towns, departments, unitOf: (name) => units.get(name) } },
    lists,
    documentIds,
  );
}
