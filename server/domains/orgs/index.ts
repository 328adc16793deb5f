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
import { matchUnitName } from './unit-names.js';

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

/**
 * Printed unit names (县发改局, 财政局) resolved to the county's units by one rule
 * (unit-names.ts); a name that fits none, or several, is absent from the map.
 */
export async function unitsByNames(db: Kysely<DB>, names: string[]): Promise<Map<string, { id: number; name: string }>> {
  const units = await orgsRepository(db).allUnits();
  const found = new Map<string, { id: number; name: string }>();
  for (const printed of names) {
    const unit = matchUnitName(printed, units);
    if (unit) found.set(printed, { id: unit.id, name: unit.name });
  }
  return found;
}

/** Every county unit by name, in the notices' order: what a task entered by hand may be assigned to. */
export const orgUnitNames = async (db: Kysely<DB>) => (await orgsRepository(db).allUnits()).map((u) => ({ id: u.id, name: u.name }));

/** The county's departments (县直部门, kind department): what 各部门 in a task table means. */
export const countyDepartments = async (db: Kysely<DB>) =>
  (await orgsRepository(db).allUnits()).filter((u) => u.kind === 'department').map((u) => ({ id: u.id, name: u.name }));

/**
 * Each leader with the units he or she 分管 or 主持 (leader_duties in_charge / preside), in the
 * notices' order: the task supervision's leader view.
 */
export async function leadersWithUnits(db: Kysely<DB>) {
  const repo = orgsRepository(db);
  const [leaders, duties] = await Promise.all([repo.leaders(), repo.duties({})]);
  return leaders.map((l) => ({
    id: l.id,
    name: l.name,
    units: [
      ...new Map(
        duties
          .filter((d) => d.leader_id === l.id && d.org_unit_id !== null && (d.duty === 'in_charge' || d.duty === 'preside'))
          .map((d) => [d.org_unit_id as number, { id: d.org_unit_id as number, name: d.unit_name ?? '' }]),
      ).values(),
    ],
  }));
}

/** Every property company: 账号管理 names property staff's company, 小区 their manager. */
export const propertyCompanies = (scoped: ScopedDb) => propertyCompaniesRepository(scoped).companies();
