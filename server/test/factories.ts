import type { FastifyInstance } from 'fastify';
import type { Kysely, Selectable } from 'kysely';
import type { DB, HouseUse } from '../platform/db/schema.js';
import type { Role } from '../../common/enums.js';
import { idCardCheckChar } from '../../common/id-card.js';
import { hashPassword } from '../platform/auth/password.js';
import { readRegionFile, seedRegions, upsertRegion } from '../domains/regions/regions.seed.js';
import { GAZETTE_FILE, REGION_FILE } from '../cli/paths.js';
import { readFileSync } from 'node:fs';
import { importGazette } from '../domains/gazette/index.js';
import { syncCaseCatalogue } from '../domains/cases/catalogue.js';
import { syncDeviceTypes } from '../domains/iot/device-types.js';
import { issueCredentials } from '../domains/iot/credentials.js';
import { alarmStores, writeAlarmTransitions } from '../domains/iot/alarm-writer.js';
import { iotRule, type IotRule } from '../../common/iot/rules.js';

/**
 * Test data builders in the Outline style: each makes what it needs and creates missing
 * parents, so no test depends on another's rows.
 */
export const TEST_PASSWORD = 'Test@2023pass';
let counter = 0;
const next = () => ++counter;

export async function seedTestRegions(db: Kysely<DB>) {
  await seedRegions(db, readRegionFile(REGION_FILE));
}

/** How many cases there are (with this description): what a refused request must have left alone. */
export async function countCases(db: Kysely<DB>, description?: string) {
  let q = db.selectFrom('cases').select((eb) => eb.fn.countAll().as('n'));
  if (description !== undefined) q = q.where('description', '=', description);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** A user's audit lines of one action, oldest first: what a request should have recorded. */
export function auditLinesOf(db: Kysely<DB>, username: string, action: string) {
  return db.selectFrom('audit_log').selectAll().where('username', '=', username).where('action', '=', action).orderBy('id').execute();
}

export async function regionByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('regions').selectAll().where('name', '=', name).orderBy('id').executeTakeFirstOrThrow();
}

export async function buildGrid(db: Kysely<DB>, communityName: string, name = `第${next()}网格`) {
  const community = await regionByName(db, communityName);
  const { id, path } = await upsertRegion(db, community.id, community.path, {
    code: `LTEST${next()}`,
    name,
    level: 'grid',
    kind: '网格',
    sort: 0,
  });
  return { id, path, name, communityId: community.id };
}

export async function buildHouse(
  db: Kysely<DB>,
  communityName: string,
  overrides: { houseUse?: HouseUse; estate?: string; room?: string } = {},
) {
  const grid = await buildGrid(db, communityName);
  const town = await db
    .selectFrom('regions')
    .select('name')
    .where('id', '=', (await regionByName(db, communityName)).parent_id!)
    .executeTakeFirstOrThrow();
  const estateName = overrides.estate ?? `${communityName.replace('社区', '')}测试小区${next()}`;
  const estate = await db
    .insertInto('estates')
    .values({
      community_id: grid.communityId,
      region_path: grid.path.replace(/\d+\/$/, ''),
      name: estateName,
      address: `平阴县${town.name}${communityName}${estateName}`,
    })
    .onConflict((oc) => oc.columns(['community_id', 'name']).doUpdateSet({ name: estateName }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const building = await db
    .insertInto('buildings')
    .values({ estate_id: estate.id, name: `${next()}号楼`, floors: 6, grid_id: grid.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const unit = await db
    .insertInto('building_units')
    .values({ building_id: building.id, name: '1单元' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const room = overrides.room ?? `${100 + next()}`;
  const house = await db
    .insertInto('houses')
    .values({
      unit_id: unit.id,
      estate_id: estate.id,
      community_id: grid.communityId,
      grid_id: grid.id,
      region_path: grid.path,
      room,
      floor: 1,
      area: 88.5,
      house_use: overrides.houseUse ?? 'owner_occupied',
      standard_address: `山东省济南市平阴县${town.name}${communityName}${estateName}${building.id}号楼1单元${room}室`,
    })
    .returning(['id', 'standard_address', 'region_path', 'community_id', 'grid_id', 'room', 'unit_id'])
    .executeTakeFirstOrThrow();
  return { ...house, estateId: estate.id, gridPath: grid.path };
}

/** A village (村) of a town, as the demo generator adds them: a community-level region of kind 村. */
export async function buildVillage(db: Kysely<DB>, townName = '孝直镇', name = `测试${next()}村`) {
  const town = await regionByName(db, townName);
  const { id, path } = await upsertRegion(db, town.id, town.path, {
    code: `LTESTV${next()}`,
    name,
    level: 'community',
    kind: '村',
    sort: 0,
  });
  return { id, path, name, townName };
}

/**
 * A village house (农村房屋, migration 0036) of a village (or of any community): its 组, 门牌号 and
 * point, in the grid given or a new grid of the community.
 */
export async function buildVillageHouse(
  db: Kysely<DB>,
  village: { id: number; name: string; townName: string },
  overrides: { group?: string; doorNumber?: string; grid?: { id: number; path: string } } = {},
) {
  const grid = overrides.grid ?? (await buildGrid(db, village.name));
  const group = overrides.group ?? '3组';
  const doorNumber = overrides.doorNumber ?? `${next()}号`;
  const house = await db
    .insertInto('houses')
    .values({
      community_id: village.id,
      grid_id: grid.id,
      region_path: grid.path,
      village_group: group,
      door_number: doorNumber,
      lon: 116.39,
      lat: 36.2,
      area: 130,
      house_use: 'owner_occupied',
      standard_address: `山东省济南市平阴县${village.townName}${village.name}${group}${doorNumber}`,
    })
    .returning(['id', 'standard_address', 'region_path', 'community_id', 'grid_id'])
    .executeTakeFirstOrThrow();
  return { ...house, gridPath: grid.path };
}

/** A valid ID number, unique per call: born 1950–2005, sequence from the counter. */
export function makeIdCard(birth = '19800101', gender: 'male' | 'female' = 'male') {
  const seq = (next() % 500) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `370124${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

export async function buildResident(
  db: Kysely<DB>,
  house: Pick<Awaited<ReturnType<typeof buildHouse>>, 'id' | 'community_id' | 'grid_id' | 'region_path'>,
  overrides: Partial<{ name: string; idCard: string; phone: string; tags: string[]; birth: string }> = {},
) {
  const idCard = overrides.idCard ?? makeIdCard(overrides.birth ?? '19800101');
  const birth = idCard.slice(6, 14);
  return db
    .insertInto('residents')
    .values({
      id_card: idCard,
      name: overrides.name ?? `测试${next()}`,
      gender: Number(idCard[16]) % 2 ? 'male' : 'female',
      birth_date: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
      phone: overrides.phone ?? `139${String(next()).padStart(8, '0')}`,
      population_type: 'registered',
      house_id: house.id,
      community_id: house.community_id,
      grid_id: house.grid_id,
      region_path: house.region_path,
      tags: overrides.tags ?? [],
    })
    .returning(['id', 'id_card', 'phone', 'name', 'region_path'])
    .executeTakeFirstOrThrow();
}

let passwordHash: Promise<string> | undefined;
export async function buildUser(
  db: Kysely<DB>,
  role: Role,
  regionId: number,
  extra: { residentId?: number; propertyCompanyId?: number; username?: string } = {},
) {
  const username = extra.username ?? `${role}.${next()}`;
  await db
    .insertInto('users')
    .values({
      username,
      password_hash: await (passwordHash ??= hashPassword(TEST_PASSWORD)),
      display_name: username,
      role,
      region_id: regionId,
      resident_id: extra.residentId ?? null,
      property_company_id: extra.propertyCompanyId ?? null,
    })
    .execute();
  return username;
}

/** Regions, the gazette's units and leaders, and the case catalogue: what casework runs on. */
export async function seedCasework(db: Kysely<DB>) {
  await seedTestRegions(db);
  await importGazette(db, readFileSync(GAZETTE_FILE, 'utf8'), { source: 'pingyin-2023-gazette.txt', actor: null });
  await syncCaseCatalogue(db);
}

/**
 * A device in a new house's building in `communityName` (its estate, building, grid and path),
 * with credentials issued as the registry issues them: the row and the secret, shown once.
 * Loads the device types first if they are not there.
 */
export async function buildDevice(db: Kysely<DB>, communityName: string, typeCode = 'smoke_detector') {
  const known = await db.selectFrom('iot_device_types').select('code').where('code', '=', typeCode).executeTakeFirst();
  if (!known) await syncDeviceTypes(db);
  const house = await buildHouse(db, communityName);
  const building = await db.selectFrom('building_units').select('building_id').where('id', '=', house.unit_id).executeTakeFirstOrThrow();
  const serial = `T${typeCode.slice(0, 3).toUpperCase()}-${String(next()).padStart(6, '0')}`;
  const credentials = issueCredentials(serial);
  const device = await db
    .insertInto('iot_devices')
    .values({
      serial,
      type_code: typeCode,
      name: `${serial} 测试设备`,
      region_id: house.grid_id ?? house.community_id,
      region_path: house.region_path,
      estate_id: house.estateId,
      building_id: building.building_id,
      unit_name: '1单元',
      floor: 1,
      mqtt_username: credentials.username,
      secret_sha256: credentials.secretSha256,
      mosquitto_hash: credentials.mosquittoHash,
      credentials_issued_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { device, credentials, house };
}

/**
 * A smoke alarm of the device at `at` (epoch ms), written as the rules write it (its storm
 * incident included), with the device placed in `buildingId`: two devices given one building
 * raise into one incident.
 */
export function raiseSmokeAlarm(db: Kysely<DB>, device: Selectable<DB['iot_devices']>, buildingId: number | null, at: number) {
  return db.transaction().execute((trx) =>
    writeAlarmTransitions(
      alarmStores(trx),
      {
        id: device.id,
        typeCode: 'smoke_detector',
        regionPath: device.region_path,
        estateId: device.estate_id,
        buildingId,
        snapshotUrl: null,
        values: { smoke: true },
      },
      new Map([['smoke', SMOKE_RULE]]),
      new Map([['smoke', [{ kind: 'raise' as const, at, severity: 'critical' as const, detail: '烟雾 是' }]]]),
    ),
  );
}

/** The smoke detector's smoke rule as data/iot/device-types.json has it, for tests that write alarms directly. */
export const SMOKE_RULE: IotRule = iotRule.parse({
  id: 1,
  enabled: true,
  code: 'smoke',
  name: '烟雾报警',
  kind: 'threshold',
  severity: 'critical',
  field: 'smoke',
  operator: '=',
  value: true,
});

export async function categoryByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('case_categories').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
}

export async function orgUnitByName(db: Kysely<DB>, name: string) {
  return db.selectFrom('org_units').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

/** A user of a role in a region; a department handler belongs to a unit. */
export async function buildStaff(db: Kysely<DB>, role: Role, regionName: string, extra: { orgUnit?: string; residentId?: number } = {}) {
  const region = await regionByName(db, regionName);
  const username = await buildUser(db, role, region.id, { residentId: extra.residentId });
  if (extra.orgUnit)
    await db
      .updateTable('users')
      .set({ org_unit_id: (await orgUnitByName(db, extra.orgUnit)).id })
      .where('username', '=', username)
      .execute();
  return username;
}

/** A photo of a case as an upload leaves it (one 1×1 file for all three copies); returns its id. */
export async function buildCasePhoto(
  app: FastifyInstance,
  db: Kysely<DB>,
  bytes: Buffer,
  photo: { case_id: number; event_id?: number; uploaded_by?: number },
) {
  const stored = app.casework.files.save('case-photos', bytes, '.jpg');
  const values = { ...photo, kind: 'jpeg' as const, original_sha: stored.sha256, display_sha: stored.sha256, thumb_sha: stored.sha256 };
  return (
    await db
      .insertInto('case_photos')
      .values({ ...values, width: 1, height: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** A 网格员 of a grid (its region is the grid's own path), full-time unless told. */
export async function buildGridWorker(
  db: Kysely<DB>,
  grid: { id: number; path: string },
  overrides: Partial<{ name: string; phone: string; employment: 'full_time' | 'part_time'; userId: number }> = {},
) {
  return db
    .insertInto('grid_workers')
    .values({
      grid_id: grid.id,
      region_path: grid.path,
      name: overrides.name ?? `网格员${next()}`,
      phone: overrides.phone ?? `136${String(next()).padStart(8, '0')}`,
      employment: overrides.employment ?? 'full_time',
      user_id: overrides.userId ?? null,
    })
    .returning(['id', 'name', 'phone'])
    .executeTakeFirstOrThrow();
}
