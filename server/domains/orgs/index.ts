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

/** Every property company: 账号管理 names property staff's company, 小区 their manager. */
export const propertyCompanies = (scoped: ScopedDb) => propertyCompaniesRepository(scoped).companies();
