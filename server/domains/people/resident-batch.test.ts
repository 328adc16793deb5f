import { describe, expect, it } from 'vitest';
import type { ResidentBatchRepository, StoredResident } from './resident-batch.repository.js';
import { storeResidentBatch, type HouseAt, type ImportedResident } from './resident-batch.js';

/** A resident import's batch with a fake repository: what is created, updated, left alone or refused, and why. */
const house: HouseAt = { id: 11, community_id: 3, grid_id: 4, region_path: '/1/2/3/4/', standard_address: '锦绣花园1号楼1单元101室' };
const person = (row: number, idCard: string, over: Partial<ImportedResident> = {}): ImportedResident => ({
  row,
  name: `居民${row}`,
  idCard,
  gender: 'male',
  birthDate: '1980-01-01',
  phone: null,
  populationType: 'registered',
  address: house.standard_address,
  householdNo: null,
  relation: 'self',
  tags: [],
  ethnicity: null,
  employer: null,
  movedInOn: null,
  ...over,
});
const stored = (p: ImportedResident, id: number): StoredResident => ({
  id,
  id_card: p.idCard,
  name: p.name,
  gender: p.gender,
  birth_date: p.birthDate,
  phone: p.phone,
  population_type: p.populationType,
  household_id: null,
  relation: p.relation,
  house_id: house.id,
  community_id: 3,
  grid_id: 4,
  region_path: house.region_path,
  tags: ['veteran', 'party_member'],
  tag_regions: [],
  ethnicity: null,
  employer: null,
  moved_in_on: null,
  moved_out_on: null,
  updated_at: new Date(),
});

function fake(inScope: StoredResident[], elsewhere: string[], households: { inScope?: [string, number][]; elsewhere?: string[] } = {}) {
  const calls = { inserted: [] as unknown[], updated: [] as number[], households: [] as string[] };
  const residents: ResidentBatchRepository = {
    inScope: async (idCards) => inScope.filter((r) => idCards.includes(r.id_card)),
    registered: async (idCards) => new Set(idCards.filter((c) => elsewhere.includes(c))),
    householdsInScope: async (nos) =>
      (households.inScope ?? []).filter(([no]) => nos.includes(no)).map(([household_no, id]) => ({ id, household_no })),
    householdNosTaken: async (nos) => new Set(nos.filter((n) => households.elsewhere?.includes(n))),
    createHousehold: async (no) => {
      calls.households.push(no);
      return { id: 50 + calls.households.length, household_no: no };
    },
    insert: async (rows) => {
      calls.inserted.push(...rows);
      return rows.length;
    },
    update: async (id) => {
      calls.updated.push(id);
      return [];
    },
  };
  return {
    deps: { residents, housesByAddress: async (addresses: string[]) => (addresses.includes(house.standard_address) ? [house] : []) },
    calls,
  };
}

describe('a batch of imported residents', () => {
  it("inserts new people in their house's region, updates changed ones and leaves identical ones alone", async () => {
    const same = person(2, '370124198001010011', { tags: ['party_member', 'veteran'] });
    const changed = person(3, '370124198001010038');
    const { deps, calls } = fake([stored(same, 8), { ...stored(changed, 9), name: '旧名' }], []);
    const out = await storeResidentBatch(deps, [person(1, '370124198001010003'), same, changed]);
    expect(out).toEqual({ created: 1, updated: 1, unchanged: 1, errors: [] });
    expect(calls.inserted).toEqual([
      expect.objectContaining({ id_card: '370124198001010003', house_id: 11, grid_id: 4, region_path: '/1/2/3/4/' }),
    ]);
    expect(calls.updated).toEqual([9]);
  });

  it('refuses a house not in the scope, a person or household registered elsewhere, with the row and field', async () => {
    const { deps, calls } = fake([], ['370124198001010011'], { elsewhere: ['HH-9'] });
    const out = await storeResidentBatch(deps, [
      person(1, '370124198001010003', { address: '别处' }),
      person(2, '370124198001010011'),
      person(3, '370124198001010038', { householdNo: 'HH-9' }),
    ]);
    expect(out.errors).toEqual([
      expect.objectContaining({ row: 1, field: '房屋标准地址', code: 'HOUSE_NOT_FOUND' }),
      expect.objectContaining({ row: 2, field: '身份证号', code: 'RESIDENT_OTHER_REGION' }),
      expect.objectContaining({ row: 3, field: '户号', code: 'HOUSEHOLD_OTHER_REGION' }),
    ]);
    expect(calls.inserted).toEqual([]);
  });

  it('makes a new household once, in the house of its first member, and joins a known one', async () => {
    const { deps, calls } = fake([], [], { inScope: [['HH-1', 21]] });
    await storeResidentBatch(deps, [
      person(1, '370124198001010003', { householdNo: 'HH-2' }),
      person(2, '370124198001010011', { householdNo: 'HH-2', relation: 'spouse' }),
      person(3, '370124198001010038', { householdNo: 'HH-1' }),
    ]);
    expect(calls.households).toEqual(['HH-2']);
    expect(calls.inserted.map((r) => (r as { household_id: number }).household_id)).toEqual([51, 51, 21]);
  });
});
