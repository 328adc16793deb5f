import { sql } from 'kysely';
import type { ScopedDb } from '../../platform/db/scoped-db.js';

/**
 * Which org units handle cases (承办单位, migrations/0014) and who could act at a dispatch target.
 * The units are county-wide configuration, read and written through `unscoped`; the regions a
 * dispatcher may send to are the viewer's (`regionsInScope`).
 */
export function handlingUnitsRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  /**
   * Active department handlers of each unit: who could sign for a case dispatched there. Built
   * when a query asks, not here: every request's CaseDeps makes this repository.
   */
  const handlerCounts = () =>
    db
      .selectFrom('users')
      .select(['users.org_unit_id', sql<number>`count(*)`.as('n')])
      .where('users.role', '=', 'dept_handler')
      .where('users.active', '=', true)
      .where('users.org_unit_id', 'is not', null)
      .groupBy('users.org_unit_id')
      .as('h');

  return {
    /**
     * Seeds the configuration without overriding it: the units the catalogue routes to, and the
     * departments a leader is in charge of (分管, the division of labour), each added only if the
     * unit has no row yet, so an administrator's choice survives every later sync.
     */
    async seed(routedUnitIds: number[]) {
      if (routedUnitIds.length)
        await db
          .insertInto('case_handling_units')
          .values(routedUnitIds.map((id) => ({ org_unit_id: id, handles: true, source: 'catalogue' as const })))
          .onConflict((oc) => oc.column('org_unit_id').doNothing())
          .execute();
      await db
        .insertInto('case_handling_units')
        .columns(['org_unit_id', 'handles', 'source'])
        .expression(
          db
            .selectFrom('org_units as u')
            .select(['u.id', sql<boolean>`true`.as('handles'), sql<'division_of_labour'>`'division_of_labour'`.as('source')])
            .where('u.kind', '=', 'department')
            .where((eb) =>
              eb.exists(
                eb.selectFrom('leader_duties as d').select('d.id').whereRef('d.org_unit_id', '=', 'u.id').where('d.duty', '=', 'in_charge'),
              ),
            ),
        )
        .onConflict((oc) => oc.column('org_unit_id').doNothing())
        .execute();
    },

    /** Whether the unit is configured to handle cases. */
    async handles(orgUnitId: number): Promise<boolean> {
      const row = await db.selectFrom('case_handling_units').select('handles').where('org_unit_id', '=', orgUnitId).executeTakeFirst();
      return row?.handles ?? false;
    },

    /** Every org unit with its setting and its handlers, for the administrator's page: handling units first. */
    // prettier-ignore
    all: () =>
      db
        .selectFrom('org_units as u')
        .leftJoin('case_handling_units as c', 'c.org_unit_id', 'u.id')
        .leftJoin(handlerCounts(), 'h.org_unit_id', 'u.id')
        .select([
          'u.id', 'u.name', 'u.kind', sql<boolean>`coalesce(c.handles, false)`.as('handles'), 'c.source', 'c.updated_at',
          sql<number>`coalesce(h.n, 0)`.as('handlers'),
        ])
        .orderBy(sql`coalesce(c.handles, false)`, 'desc')
        .orderBy('u.kind')
        .orderBy('u.name')
        .execute(),

    /** The administrator's choice for one unit; false when the unit does not exist. */
    async set(orgUnitId: number, handles: boolean, userId: number): Promise<boolean> {
      const unit = await db.selectFrom('org_units').select('id').where('id', '=', orgUnitId).executeTakeFirst();
      if (!unit) return false;
      await db
        .insertInto('case_handling_units')
        .values({ org_unit_id: orgUnitId, handles, source: 'administrator', updated_by: userId })
        .onConflict((oc) =>
          oc.column('org_unit_id').doUpdateSet({ handles, source: 'administrator', updated_by: userId, updated_at: sql`now()` }),
        )
        .execute();
      return true;
    },

    /** The units that handle cases, with how many handlers each has: the picker's 县直部门. */
    // prettier-ignore
    handlingUnits: () =>
      db
        .selectFrom('case_handling_units as c')
        .innerJoin('org_units as u', 'u.id', 'c.org_unit_id')
        .leftJoin(handlerCounts(), 'h.org_unit_id', 'u.id')
        .select(['u.id', 'u.name', sql<number>`coalesce(h.n, 0)`.as('handlers')])
        .where('c.handles', '=', true)
        .orderBy('u.name')
        .execute(),

    /** The towns, communities and grids of the viewer's scope, in path order (a parent before its children). */
    regionTargets: () =>
      scoped
        .regionsInScope()
        .select(['regions.id', 'regions.name', 'regions.level', 'regions.parent_id'])
        .where('regions.level', 'in', ['town', 'community', 'grid'])
        .orderBy('regions.path')
        .execute(),
  };
}
export type HandlingUnitsRepository = ReturnType<typeof handlingUnitsRepository>;
