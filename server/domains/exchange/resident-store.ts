import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, ImportRowError } from '../../platform/db/schema.js';
import { anyOf } from '../../platform/db/any-of.js';
import { insertStatement, tableSpec } from '../../platform/db/bulk-insert.js';
import type { ResidentRowValue } from './resident-rows.js';

export interface BatchOutcome { created: number; updated: number; unchanged: number; errors: ImportRowError[] }

// New people go in as one array per column (docs/decisions/006): a 1 000-row batch is 15
// parameters, not 15 000.
interface NewResident {
  id_card: string; name: string; gender: string; birth_date: string; phone: string | null; population_type: string;
  house_id: number; household_id: number | null; relation: string; community_id: number; grid_id: number | null;
  region_path: string; tags: string[]; ethnicity: string | null; employer: string | null; moved_in_on: string | null;
}
const NEW_RESIDENTS = tableSpec<NewResident>('residents', {
  id_card: 'text', name: 'text', gender: 'text', birth_date: 'date', phone: 'text', population_type: 'text',
  house_id: 'bigint', household_id: 'bigint', relation: 'text', community_id: 'bigint', grid_id: 'bigint',
  region_path: 'text', tags: 'text[]', ethnicity: 'text', employer: 'text', moved_in_on: 'date',
});

const reject = (r: { row: number }, field: string, code: string, message: string): ImportRowError => ({ row: r.row, field, code, message });
const sameTags = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((t, i) => t === [...b].sort()[i]);

/**
 * Stores one batch of checked resident rows, keyed by ID number: new people are inserted,
 * changed ones updated, identical ones left alone, so the same file imported twice changes
 * nothing the second time. Runs inside the caller's transaction.
 */
export async function storeResidentBatch(trx: Transaction<DB> | Kysely<DB>, scopePath: string, rows: ResidentRowValue[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
  if (rows.length === 0) return out;

  const houses = new Map((await trx.selectFrom('houses')
    .select(['id', 'community_id', 'grid_id', 'region_path', 'standard_address'])
    .where('standard_address', '=', anyOf([...new Set(rows.map((r) => r.address))])).execute())
    .map((h) => [h.standard_address, h]));
  const existing = new Map((await trx.selectFrom('residents').selectAll()
    .where('id_card', '=', anyOf(rows.map((r) => r.idCard))).execute()).map((r) => [r.id_card, r]));
  const householdNos = [...new Set(rows.map((r) => r.householdNo).filter((n): n is string => n !== null))];
  const households = new Map(householdNos.length === 0 ? [] : (await trx.selectFrom('households')
    .select(['id', 'household_no', 'house_id', 'region_path', 'householder_id'])
    .where('household_no', '=', anyOf(householdNos)).execute()).map((h) => [h.household_no, h]));

  const accepted: { row: ResidentRowValue; house: NonNullable<ReturnType<typeof houses.get>> }[] = [];
  for (const row of rows) {
    const house = houses.get(row.address);
    if (!house || !house.region_path.startsWith(scopePath)) {
      out.errors.push(reject(row, '房屋标准地址', 'HOUSE_NOT_FOUND', '房屋标准地址未登记或不在您的管辖范围内，请先导入房屋'));
      continue;
    }
    const current = existing.get(row.idCard);
    if (current && !current.region_path.startsWith(scopePath)) {
      out.errors.push(reject(row, '身份证号', 'RESIDENT_OTHER_REGION', '该居民已在其他区域登记，请联系所在社区办理迁移'));
      continue;
    }
    const household = row.householdNo ? households.get(row.householdNo) : undefined;
    if (household && !household.region_path.startsWith(scopePath)) {
      out.errors.push(reject(row, '户号', 'HOUSEHOLD_OTHER_REGION', '该户号属于其他区域'));
      continue;
    }
    accepted.push({ row, house });
  }

  // New household numbers become households in the house of their first member.
  for (const { row, house } of accepted) {
    if (!row.householdNo || households.has(row.householdNo)) continue;
    const created = await trx.insertInto('households')
      .values({ household_no: row.householdNo, house_id: house.id, region_path: house.region_path })
      .returning(['id', 'household_no', 'house_id', 'region_path', 'householder_id']).executeTakeFirstOrThrow();
    households.set(created.household_no, created);
  }

  const inserts: NewResident[] = [];
  for (const { row, house } of accepted) {
    const values = {
      name: row.name, phone: row.phone, population_type: row.populationType, house_id: house.id,
      household_id: row.householdNo ? households.get(row.householdNo)!.id : null, relation: row.relation,
      community_id: house.community_id, grid_id: house.grid_id, region_path: house.region_path,
      tags: row.tags, ethnicity: row.ethnicity, employer: row.employer, moved_in_on: row.movedInOn,
    };
    const current = existing.get(row.idCard);
    if (!current) {
      inserts.push({ ...values, id_card: row.idCard, gender: row.gender, birth_date: row.birthDate });
      continue;
    }
    const unchanged = current.name === values.name && current.phone === values.phone
      && current.population_type === values.population_type && current.house_id === values.house_id
      && current.household_id === values.household_id && current.relation === values.relation
      && sameTags(current.tags, values.tags) && current.ethnicity === values.ethnicity
      && current.employer === values.employer && current.moved_in_on === values.moved_in_on;
    if (unchanged) {
      out.unchanged++;
    } else {
      await trx.updateTable('residents').set({ ...values, updated_at: new Date() }).where('id', '=', current.id).execute();
      out.updated++;
    }
  }
  if (inserts.length > 0) {
    const { rows: ids } = await sql<{ id: number; moved_in_on: string | null; household_id: number | null; relation: string }>`
      ${insertStatement(NEW_RESIDENTS, inserts)} returning id, moved_in_on, household_id, relation`.execute(trx);
    const moves = ids.filter((r) => r.moved_in_on).map((r) => ({ resident_id: r.id, kind: 'move_in' as const, moved_on: r.moved_in_on!, place: null, note: '导入' }));
    if (moves.length > 0) await trx.insertInto('resident_moves').values(moves).execute();
    for (const r of ids.filter((x) => x.relation === 'self' && x.household_id)) {
      await trx.updateTable('households').set({ householder_id: r.id })
        .where('id', '=', r.household_id!).where('householder_id', 'is', null).execute();
    }
    out.created += ids.length;
  }
  return out;
}
