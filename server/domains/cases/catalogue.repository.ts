import type { Insertable, Kysely, Selectable } from 'kysely';
import type { CaseCategoryTable, CaseRoutingRuleTable, DB } from '../../platform/db/schema.js';

/**
 * The active categories, read at most every CATEGORY_CACHE_MS per database handle: every report
 * needs them, and at hundreds of reports a second the two lookups were a fifth of the statements.
 * A category withdrawn or edited takes that long to stop or change taking reports in a process.
 */
export const CATEGORY_CACHE_MS = 10_000;

/**
 * case_categories.case_type: 'general' or a case type's code (type-registry.ts). The database's CHECK
 * (migrations/0007; each case type's own migration adds its code) refuses a code no type has.
 */
export type CaseTypeCode = Selectable<CaseCategoryTable>['case_type'];
export interface ActiveCategories {
  byId: Map<number, Selectable<CaseCategoryTable>>;
  parents: Set<number>;
}
const categoryCache = new WeakMap<Kysely<DB>, ActiveCategories & { at: number }>();

/**
 * What casework is configured with: categories and their forms, routing rules, the units and
 * leaders routing and escalation name, the places a report may choose. None of it is limited by
 * region; who may change what is the services' and the routes' concern.
 */
export function catalogueRepository(db: Kysely<DB>) {
  return {
    /** The active categories by id, and which of them have active children; `fresh` skips the cache. */
    async activeCategories(options: { fresh?: boolean } = {}): Promise<ActiveCategories> {
      const cached = categoryCache.get(db);
      if (cached && !options.fresh && Date.now() - cached.at < CATEGORY_CACHE_MS) return cached;
      const rows = await db.selectFrom('case_categories').selectAll().where('active', '=', true).execute();
      const entry = {
        at: Date.now(),
        byId: new Map(rows.map((r) => [r.id, r])),
        parents: new Set(rows.flatMap((r) => (r.parent_id === null ? [] : [r.parent_id]))),
      };
      categoryCache.set(db, entry);
      return entry;
    },

    /** The active categories for pickers, parents first, with the default unit's name. */
    // prettier-ignore
    categoryRows: () =>
      db
        .selectFrom('case_categories as c')
        .leftJoin('org_units as u', 'u.id', 'c.default_org_unit_id')
        .select([
          'c.id', 'c.code', 'c.parent_id', 'c.name', 'c.case_type', 'c.is_public', 'c.sla_amount', 'c.sla_unit', 'c.sign_limit_hours',
          'c.form', 'c.keywords', 'u.name as default_unit',
        ])
        .where('c.active', '=', true)
        .orderBy('c.sort')
        .orderBy('c.id')
        .execute(),

    categoryById: (id: number) =>
      db.selectFrom('case_categories').select(['id', 'parent_id', 'name', 'default_org_unit_id']).where('id', '=', id).executeTakeFirst(),

    /** Towns, communities and grids by name, in tree order. */
    reportRegions: () =>
      db
        .selectFrom('regions')
        .select(['id', 'parent_id as parentId', 'name', 'level'])
        .where('level', 'in', ['town', 'community', 'grid'])
        .orderBy('path')
        .execute(),

    unitById: (id: number) => db.selectFrom('org_units').select(['id', 'name']).where('id', '=', id).executeTakeFirst(),
    regionById: (id: number) => db.selectFrom('regions').select(['id', 'name', 'path', 'level']).where('id', '=', id).executeTakeFirst(),

    /** Routing rules of these categories, with the path of the region each is limited to. */
    // prettier-ignore
    rulesFor: (categoryIds: number[]) =>
      db
        .selectFrom('case_routing_rules as r')
        .leftJoin('regions', 'regions.id', 'r.region_id')
        .select([
          'r.category_id', 'regions.path as region_path', 'r.attribute_key', 'r.attribute_value', 'r.org_unit_id', 'r.to_grid', 'r.note',
        ])
        .where('r.category_id', 'in', categoryIds)
        .execute(),

    /** Every rule with the names of what it points to, as the settings page lists them. */
    // prettier-ignore
    allRules: () =>
      db
        .selectFrom('case_routing_rules as r')
        .innerJoin('case_categories as c', 'c.id', 'r.category_id')
        .leftJoin('regions as g', 'g.id', 'r.region_id')
        .leftJoin('org_units as u', 'u.id', 'r.org_unit_id')
        .select([
          'r.id', 'r.category_id as categoryId', 'c.name as categoryName', 'r.region_id as regionId', 'g.name as regionName',
          'r.attribute_key as attributeKey', 'r.attribute_value as attributeValue', 'r.org_unit_id as orgUnitId', 'u.name as unitName',
          'r.to_grid as toGrid', 'r.note', 'r.from_catalogue as fromCatalogue',
        ])
        .orderBy('c.sort')
        .orderBy('r.id')
        .execute(),

    async insertRule(row: Insertable<CaseRoutingRuleTable>): Promise<number> {
      return (await db.insertInto('case_routing_rules').values(row).returning('id').executeTakeFirstOrThrow()).id;
    },

    /** Deletes a rule made here; the catalogue file's rules stay with the file. False when there is none such. */
    async deleteOwnRule(id: number): Promise<boolean> {
      const done = await db.deleteFrom('case_routing_rules').where('id', '=', id).where('from_catalogue', '=', false).executeTakeFirst();
      return Number(done.numDeletedRows) > 0;
    },

    /**
     * The county leader in charge of a unit from the division of labour, and the leader's AB角
     * partner as backup. 分管 comes first, then 主持: 县公安局 has no 分管 leader because 陈剑 主持
     * it (平政办发〔2023〕6号), and its notices go to him with 赵鹏 as backup. Only where neither is
     * written does 负责/联系 stand in. Between two leaders of the same duty, the county
     * government's seat (leader_posts) before the office's, then the notice's order.
     */
    async leaderInCharge(orgUnitId: number) {
      const duty = await db
        .selectFrom('leader_duties as d')
        .innerJoin('leaders as l', 'l.id', 'd.leader_id')
        .leftJoin('leader_posts as p', (join) => join.onRef('p.leader_id', '=', 'd.leader_id').onRef('p.source_doc', '=', 'd.source_doc'))
        .select(['l.id', 'l.name', 'd.duty'])
        .where('d.org_unit_id', '=', orgUnitId)
        .where('d.duty', 'in', ['in_charge', 'preside', 'responsible', 'liaison'])
        .orderBy((eb) =>
          eb
            .case()
            .when('d.duty', '=', 'in_charge')
            .then(0)
            .when('d.duty', '=', 'preside')
            .then(1)
            .when('d.duty', '=', 'responsible')
            .then(2)
            .else(3)
            .end(),
        )
        .orderBy((eb) => eb.case().when('p.body', '=', '县政府').then(0).else(1).end())
        .orderBy('p.rank')
        .orderBy('l.id')
        .executeTakeFirst();
      if (!duty) return null;
      const pair = await db
        .selectFrom('leader_ab_pairs')
        .select(['leader_a', 'leader_b'])
        .where((eb) => eb.or([eb('leader_a', '=', duty.id), eb('leader_b', '=', duty.id)]))
        .executeTakeFirst();
      const backupId = pair ? (pair.leader_a === duty.id ? pair.leader_b : pair.leader_a) : null;
      const backup = backupId
        ? await db.selectFrom('leaders').select(['id', 'name']).where('id', '=', backupId).executeTakeFirst()
        : undefined;
      return { leaderId: duty.id, leaderName: duty.name, backupId: backup?.id ?? null, backupName: backup?.name ?? null };
    },

    // ——— the catalogue file's sync (catalogue.ts), inside its transaction ———

    /** Unit ids by name and by each alias, as the catalogue names units. */
    async unitIdsByName(): Promise<Map<string, number>> {
      const units = await db.selectFrom('org_units').select(['id', 'name', 'aliases']).execute();
      return new Map(units.flatMap((u) => [[u.name, u.id] as const, ...u.aliases.map((a) => [a, u.id] as const)]));
    },

    /** A category by its code, made or brought up to date. */
    async upsertCategory(values: Insertable<CaseCategoryTable>): Promise<number> {
      return (
        await db
          .insertInto('case_categories')
          .values(values)
          .onConflict((oc) => oc.column('code').doUpdateSet(values))
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    },

    /** The catalogue's rules of a category, replaced by the file's. */
    async replaceCatalogueRules(categoryId: number, rules: Omit<Insertable<CaseRoutingRuleTable>, 'category_id' | 'from_catalogue'>[]) {
      await db.deleteFrom('case_routing_rules').where('category_id', '=', categoryId).where('from_catalogue', '=', true).execute();
      for (const rule of rules)
        await db
          .insertInto('case_routing_rules')
          .values({ ...rule, category_id: categoryId, from_catalogue: true })
          .execute();
    },

    /** Categories dropped from the file stay for their old cases but take no new ones. */
    async deactivateAllBut(codes: string[]) {
      await db.updateTable('case_categories').set({ active: false }).where('code', 'not in', codes).execute();
    },
  };
}
export type CatalogueRepository = ReturnType<typeof catalogueRepository>;
