import type { BatchOutcome, ImportRowError } from '../../../common/contracts/exchange.js';
import type { NewResident, ResidentBatchRepository, StoredResident } from './resident-batch.repository.js';

/** A resident as a row of the county's resident sheet describes them, checked (server/domains/exchange/resident-rows.ts). */
export interface ImportedResident {
  /** The sheet row, for the import report. */
  row: number;
  name: string;
  idCard: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  populationType: 'registered' | 'resident' | 'floating';
  /** The 标准地址 of the house they live in. */
  address: string;
  householdNo: string | null;
  relation: string;
  tags: string[];
  ethnicity: string | null;
  employer: string | null;
  movedInOn: string | null;
}

/** A house of the scope, as the regions domain gives it by its address. */
export interface HouseAt {
  id: number;
  community_id: number;
  grid_id: number | null;
  region_path: string;
  standard_address: string;
}

export interface ResidentBatchDeps {
  residents: ResidentBatchRepository;
  /** The scope's houses with these addresses (the regions domain's). */
  housesByAddress(addresses: string[]): Promise<HouseAt[]>;
}

const reject = (r: { row: number }, field: string, code: string, message: string): ImportRowError => ({ row: r.row, field, code, message });
const sameTags = (a: string[], b: string[]) => a.length === b.length && [...a].sort().every((t, i) => t === [...b].sort()[i]);
const distinct = <T>(values: T[]) => [...new Set(values)];

/**
 * Stores one batch of checked resident rows, keyed by ID number: new people are inserted,
 * changed ones updated, identical ones left alone, so the same file imported twice changes
 * nothing the second time. A person or household registered outside the importer's scope is
 * refused, not moved. Runs inside the caller's transaction.
 */
export async function storeResidentBatch(deps: ResidentBatchDeps, rows: ImportedResident[]): Promise<BatchOutcome> {
  const out: BatchOutcome = { created: 0, updated: 0, unchanged: 0, errors: [] };
  if (rows.length === 0) return out;
  const { residents } = deps;

  const houses = new Map((await deps.housesByAddress(distinct(rows.map((r) => r.address)))).map((h) => [h.standard_address, h]));
  const idCards = rows.map((r) => r.idCard);
  const existing = new Map((await residents.inScope(idCards)).map((r) => [r.id_card, r]));
  const unknown = idCards.filter((c) => !existing.has(c));
  const elsewhere = unknown.length === 0 ? new Set<string>() : await residents.registered(unknown);
  const households = await householdsOf(residents, rows);

  const accepted: { row: ImportedResident; house: HouseAt }[] = [];
  for (const row of rows) {
    const house = houses.get(row.address);
    if (!house) {
      out.errors.push(reject(row, '房屋标准地址', 'HOUSE_NOT_FOUND', '房屋标准地址未登记或不在您的管辖范围内，请先导入房屋'));
    } else if (elsewhere.has(row.idCard)) {
      out.errors.push(reject(row, '身份证号', 'RESIDENT_OTHER_REGION', '该居民已在其他区域登记，请联系所在社区办理迁移'));
    } else if (row.householdNo && households.elsewhere.has(row.householdNo)) {
      out.errors.push(reject(row, '户号', 'HOUSEHOLD_OTHER_REGION', '该户号属于其他区域'));
    } else {
      accepted.push({ row, house });
    }
  }

  // New household numbers become households in the house of their first member.
  for (const { row, house } of accepted) {
    if (!row.householdNo || households.ids.has(row.householdNo)) continue;
    const created = await residents.createHousehold(row.householdNo, house);
    households.ids.set(created.household_no, created.id);
  }

  const inserts: NewResident[] = [];
  for (const { row, house } of accepted) {
    const values = {
      name: row.name,
      phone: row.phone,
      population_type: row.populationType,
      house_id: house.id,
      household_id: row.householdNo ? households.ids.get(row.householdNo)! : null,
      relation: row.relation,
      community_id: house.community_id,
      grid_id: house.grid_id,
      region_path: house.region_path,
      tags: row.tags,
      ethnicity: row.ethnicity,
      employer: row.employer,
      moved_in_on: row.movedInOn,
    };
    const current = existing.get(row.idCard);
    if (!current) {
      inserts.push({ ...values, id_card: row.idCard, gender: row.gender, birth_date: row.birthDate });
    } else if (isUnchanged(current, values)) {
      out.unchanged++;
    } else {
      await residents.update(current.id, values);
      out.updated++;
    }
  }
  if (inserts.length > 0) out.created += await residents.insert(inserts);
  return out;
}

/** The batch's household numbers: those of the scope by id, and those registered outside it. */
async function householdsOf(residents: ResidentBatchRepository, rows: ImportedResident[]) {
  const numbers = distinct(rows.map((r) => r.householdNo).filter((n): n is string => n !== null));
  if (numbers.length === 0) return { ids: new Map<string, number>(), elsewhere: new Set<string>() };
  const ids = new Map((await residents.householdsInScope(numbers)).map((h) => [h.household_no, h.id]));
  const unknown = numbers.filter((n) => !ids.has(n));
  return { ids, elsewhere: unknown.length === 0 ? new Set<string>() : await residents.householdNosTaken(unknown) };
}

function isUnchanged(current: StoredResident, values: Omit<NewResident, 'id_card' | 'gender' | 'birth_date'>) {
  return (
    current.name === values.name &&
    current.phone === values.phone &&
    current.population_type === values.population_type &&
    current.house_id === values.house_id &&
    current.household_id === values.household_id &&
    current.relation === values.relation &&
    sameTags(current.tags, values.tags) &&
    current.ethnicity === values.ethnicity &&
    current.employer === values.employer &&
    current.moved_in_on === values.moved_in_on
  );
}
