/**
 * The orgs domain's public face (docs/decisions/011): its routes, and its part of the gazette
 * import (the county's units and leaders from the 分工 notices; server/domains/gazette runs it).
 * Everything else in this folder is the domain's own.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { orgsRepository } from './orgs.repository.js';
import { propertyCompaniesRepository } from './property-companies.repository.js';

export { orgsRoutes } from './orgs.routes.js';
export { importDivisionOfLabour, type GazetteOrgsImportSummary } from './gazette/gazette-orgs.import.js';

/** A county unit by id, or undefined: 账号管理 names a department handler's unit by it. */
export const orgUnitById = (db: Kysely<DB>, id: number) => orgsRepository(db).unitById(id);

/**
 * A county unit named as a document signs it (落款 平阴县人民政府办公室) or as the unit register
 * names it (县政府办公室, or an alias): documents print the county's full name, the 分工 notices the
 * short one, so both are tried. The proposals import resolves a reply's unit with it.
 */
export function orgUnitNamed(db: Kysely<DB>, name: string) {
  const compact = name.replace(/\s+/g, '');
  const short = compact.replace(/^[^县]*县人民政府/, '县政府').replace(/^[^县]+县/, '县');
  return orgsRepository(db).unitNamedAnyOf([...new Set([compact, short])]);
}

/** Every property company: 账号管理 names property staff's company, 小区 their manager. */
export const propertyCompanies = (scoped: ScopedDb) => propertyCompaniesRepository(scoped).companies();
