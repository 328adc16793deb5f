import { describe, expect, it } from 'vitest';
import { fakeViewer } from '../../test/fakes.js';
import type { Role } from '../../../common/enums.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { AuditEntry } from '../../platform/audit.js';
import { idCardCheckChar } from '../../../common/id-card.js';
import type { ResidentRow, ResidentsRepository } from './people.repository.js';
import {
  listResidents,
  myHome,
  readSpecialGroups,
  recordMove,
  registerResident,
  residentDetail,
  revealResidentNumber,
  type PeopleDeps,
} from './people.service.js';

/** The people services with fake repositories: the rules of registering, moving and reading residents. */
const viewer = (role: Role, residentId: number | null = null): Viewer =>
  fakeViewer(role, { userId: 1, regionId: 3, regionPath: '/1/2/3/', residentId });

const row = (over: Partial<ResidentRow> = {}): ResidentRow => ({
  id: 7,
  name: '王秀兰',
  gender: 'female',
  birth_date: '1966-12-05',
  id_card: '370124196612050020',
  phone: '13805311234',
  population_type: 'registered',
  relation: 'self',
  tags: [],
  household_id: null,
  house_id: 11,
  community_id: 3,
  grid_id: 4,
  ethnicity: null,
  employer: null,
  moved_in_on: '2020-01-01',
  moved_out_on: null,
  community_name: '锦源社区',
  grid_name: '第一网格',
  address: '锦绣花园1号楼1单元101室',
  ...over,
});

/** Fake dependencies over a few residents; what the services wrote is in `written`. */
function fake(residents: ResidentRow[], today = '2026-12-05') {
  const written: { audit: AuditEntry[]; inserted: unknown[]; updated: unknown[]; moves: unknown[]; transactions: number; reveals: number } =
    {
      reveals: 0,
      audit: [],
      inserted: [],
      updated: [],
      moves: [],
      transactions: 0,
    };
  const repo: ResidentsRepository = {
    list: async () => ({ rows: residents, total: residents.length }),
    after: async () => residents,
    byId: async (id) => residents.find((r) => r.id === id),
    ofHousehold: async (id) => residents.filter((r) => r.household_id === id),
    ofHouse: async (id) => residents.filter((r) => r.house_id === id),
    needingHelpInBuilding: async () => [],
    household: async (id) =>
      id === 21 ? { id: 21, household_no: 'HH-1', house_id: 11, region_path: '/1/2/3/4/', householder_id: 7 } : undefined,
    householdOf: async (r) =>
      r.household_id === 21 ? { id: 21, household_no: 'HH-1', house_id: 11, region_path: '/1/2/3/4/', householder_id: 7 } : undefined,
    movesOf: async () => [],
    specialGroupsOf: async () => [{ category: 'community_correction', since_on: '2023-01-01', supervisor: '司法所', note: null }],
    phonesOf: async (ids) => residents.filter((r) => ids.includes(r.id)).map((r) => ({ id: r.id, phone: r.phone })),
    idCardRegistered: async (idCard) => residents.some((r) => r.id_card === idCard),
    insert: async (values) => {
      written.inserted.push(values);
      return 99;
    },
    update: async (id, values) => {
      written.updated.push({ id, values });
      return [];
    },
    addMove: async (move) => {
      written.moves.push(move);
      return [];
    },
    followHouse: async () => [],
  };
  const deps: PeopleDeps = {
    residents: repo,
    places: {
      house: async (id) => (id === 11 ? { id: 11, community_id: 3, grid_id: 4, region_path: '/1/2/3/4/' } : undefined),
      community: async (id) => (id === 3 ? { id: 3, path: '/1/2/3/' } : undefined),
      names: async (ids) => ids.map((id) => ({ id, name: id === 3 ? '锦源社区' : '第一网格' })),
      gridWorkers: async () => [{ name: '钱网格', phone: '13600000002', employment: 'full_time' }],
    },
    vehiclesOf: async () => [{ id: 5, plate: '鲁A00001', vehicle_type: 'car' }],
    audit: async (entry) => {
      written.audit.push(entry);
    },
    countReveal: async () => {
      written.reveals++;
    },
    transaction: async (work) => {
      written.transactions++;
      return work(deps);
    },
    today,
  };
  return { deps, written };
}

describe('reading residents', () => {
  it('ages people on today in Pingyin: sixty on their birthday, and 60岁以上 with it', async () => {
    const { items } = await listResidents(fake([row()]).deps, viewer('community_staff'), {
      page: 1,
      pageSize: 20,
      sort: 'id',
      order: 'asc',
      includeMovedOut: false,
    });
    expect(items[0]).toMatchObject({ age: 60, tags: ['over_60'] });
    const dayBefore = await listResidents(fake([row()], '2026-12-04').deps, viewer('community_staff'), {
      page: 1,
      pageSize: 20,
      sort: 'id',
      order: 'asc',
      includeMovedOut: false,
    });
    expect(dayBefore.items[0]).toMatchObject({ age: 59, tags: [] });
  });

  it("masks numbers for roles without personal_data.full, but never a resident's own", async () => {
    const [masked] = (
      await listResidents(fake([row()]).deps, viewer('county_admin'), {
        page: 1,
        pageSize: 20,
        sort: 'id',
        order: 'asc',
        includeMovedOut: false,
      })
    ).items;
    expect(masked).toMatchObject({ idCard: '370124********0020', phone: '138****1234' });
    expect((await residentDetail(fake([row()]).deps, viewer('resident', 7), 7)).idCard).toBe('370124196612050020');
  });

  it('shows a resident with household, house, cars and who may open 特殊人群; 404 outside the scope', async () => {
    const detail = await residentDetail(
      fake([row({ household_id: 21 }), row({ id: 8, name: '王小明', household_id: 21 })]).deps,
      viewer('community_staff'),
      7,
    );
    expect(detail).toMatchObject({
      house: { id: 11, address: '锦绣花园1号楼1单元101室' },
      household: { householdNo: 'HH-1', householderId: 7, members: [{ name: '王秀兰' }, { name: '王小明' }] },
      vehicles: [{ id: 5, plate: '鲁A00001', vehicleType: 'car' }],
      specialGroupsVisible: true,
    });
    await expect(residentDetail(fake([]).deps, viewer('community_staff'), 7)).rejects.toMatchObject({ status: 404 });
  });

  it('reads 特殊人群 records with their audit line in one transaction, and only for permitted roles', async () => {
    const { deps, written } = fake([row()]);
    expect(await readSpecialGroups(deps, viewer('community_staff'), 7)).toEqual([
      { category: 'community_correction', sinceOn: '2023-01-01', supervisor: '司法所', note: null },
    ]);
    expect(written).toMatchObject({ transactions: 1, audit: [{ action: 'read_special_groups', entityId: 7, detail: { records: 1 } }] });
    await expect(readSpecialGroups(deps, viewer('leader'), 7)).rejects.toMatchObject({ status: 403 });
  });

  it('gives a resident their home: community, grid and its workers', async () => {
    const home = await myHome(fake([row()]).deps, viewer('resident', 7));
    expect(home).toMatchObject({
      community: { id: 3, name: '锦源社区' },
      grid: { id: 4, name: '第一网格' },
      gridWorkers: [{ name: '钱网格', employment: 'full_time' }],
    });
    await expect(myHome(fake([row()]).deps, viewer('resident'))).rejects.toMatchObject({ status: 403 });
  });
});

describe('registering a resident', () => {
  const first17 = '37012419920315002'; // born 15 March 1992; an even sequence digit: female
  const input = {
    idCard: first17 + idCardCheckChar(first17),
    name: '赵敏',
    populationType: 'floating' as const,
    relation: 'self' as const,
    tags: [],
  };

  it('derives birth date and gender from the ID number and the region from the house', async () => {
    const { deps, written } = fake([row({ id: 99 })]);
    await registerResident(deps, viewer('community_staff'), { ...input, houseId: 11, movedInOn: '2024-05-01' });
    expect(written.inserted).toEqual([
      expect.objectContaining({ gender: 'female', birth_date: '1992-03-15', house_id: 11, grid_id: 4, region_path: '/1/2/3/4/' }),
    ]);
    expect(written.moves).toEqual([{ residentId: 99, kind: 'move_in', movedOn: '2024-05-01', place: null, note: null }]);
    expect(written.audit).toEqual([{ action: 'create_resident', entity: 'resident', entityId: 99 }]);
  });

  it('refuses a wrong check digit, a house or community outside the scope, no place, and a registered ID number', async () => {
    const bad = input.idCard.slice(0, 17) + (input.idCard[17] === '0' ? '1' : '0');
    const staff = viewer('community_staff');
    await expect(registerResident(fake([]).deps, staff, { ...input, idCard: bad, houseId: 11 })).rejects.toMatchObject({
      status: 400,
      code: 'ID_CARD_CHECK_DIGIT',
    });
    await expect(registerResident(fake([]).deps, staff, { ...input, houseId: 12 })).rejects.toMatchObject({
      status: 404,
      code: 'HOUSE_NOT_FOUND',
      details: { field: 'houseId' },
    });
    await expect(registerResident(fake([]).deps, staff, { ...input, communityId: 30 })).rejects.toMatchObject({
      status: 404,
      code: 'COMMUNITY_NOT_FOUND',
    });
    await expect(registerResident(fake([]).deps, staff, input)).rejects.toMatchObject({ status: 400, code: 'PLACE_REQUIRED' });
    await expect(registerResident(fake([row({ id_card: input.idCard })]).deps, staff, { ...input, houseId: 11 })).rejects.toMatchObject({
      status: 409,
      code: 'RESIDENT_EXISTS',
    });
  });
});

describe('moves', () => {
  it("takes a move on today's date in Pingyin, and refuses the day after", async () => {
    const { deps, written } = fake([row({ moved_out_on: '2025-01-02' })]);
    await recordMove(deps, viewer('community_staff'), 7, { kind: 'move_in', movedOn: '2026-12-05' });
    expect(written.updated).toEqual([{ id: 7, values: { moved_in_on: '2026-12-05', moved_out_on: null } }]);
    await expect(recordMove(deps, viewer('community_staff'), 7, { kind: 'move_in', movedOn: '2026-12-06' })).rejects.toMatchObject({
      code: 'DATE_IN_FUTURE',
    });
  });

  it('moves a resident out once, and in again only after moving out', async () => {
    const staff = viewer('community_staff');
    await expect(
      recordMove(fake([row({ moved_out_on: '2025-01-02' })]).deps, staff, 7, { kind: 'move_out', movedOn: '2025-02-01' }),
    ).rejects.toMatchObject({ status: 409, code: 'ALREADY_MOVED_OUT' });
    await expect(recordMove(fake([row()]).deps, staff, 7, { kind: 'move_in', movedOn: '2025-02-01' })).rejects.toMatchObject({
      status: 409,
      code: 'ALREADY_MOVED_IN',
    });
  });
});

describe('查看完整号码', () => {
  it('gives a county administrator one number in full, counted and audited with the reason in one transaction', async () => {
    const { deps, written } = fake([row()]);
    const admin = viewer('county_admin');
    expect((await residentDetail(deps, admin, 7)).idCard).toBe('370124********0020');
    expect((await residentDetail(deps, admin, 7)).numbersRevealable).toBe(true);
    const revealed = await revealResidentNumber(deps, admin, 7, { field: 'idCard', reason: '核实低保申请材料' });
    expect(revealed).toEqual({ value: '370124196612050020' });
    expect(written).toMatchObject({
      reveals: 1,
      transactions: 1,
      audit: [{ action: 'reveal_personal_data', entity: 'resident', entityId: 7, detail: { field: 'idCard', reason: '核实低保申请材料' } }],
    });
  });

  it('refuses roles without the permission, residents out of scope and numbers never recorded, auditing nothing', async () => {
    const { deps, written } = fake([row({ phone: null })]);
    await expect(revealResidentNumber(deps, viewer('leader'), 7, { field: 'idCard', reason: '核实身份信息' })).rejects.toMatchObject({
      status: 403,
    });
    await expect(revealResidentNumber(deps, viewer('county_admin'), 8, { field: 'idCard', reason: '核实身份信息' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(revealResidentNumber(deps, viewer('county_admin'), 7, { field: 'phone', reason: '回访联系居民' })).rejects.toMatchObject({
      status: 409,
      code: 'NUMBER_NOT_RECORDED',
    });
    expect(written.audit).toEqual([]);
    expect((await residentDetail(deps, viewer('community_staff'), 7)).numbersRevealable).toBe(false);
  });
});
