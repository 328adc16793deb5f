import type { Insertable, Kysely } from 'kysely';
import type { DB, IotDeviceTable } from '../platform/db/schema.js';
import { demoCredentials } from '../domains/iot/index.js';
import { createRandom, deriveSeed } from './random.js';
import { devicesSeedRepository, type SeedBuilding, type SeedEstate } from './devices.repository.js';

/**
 * The demo county's sensors, placed as a county would install them: smoke detectors in every
 * stairwell, an elevator monitor and an e-bike camera in each building with a lift, a fire-lane
 * and a high-altitude-throwing camera per estate with tall buildings, gates, parking sensors,
 * bins and a hydrant per estate, manhole covers, septic-tank and water-pressure sensors per
 * community, and a gas detector, door magnet and emergency button in the homes of elderly people
 * living alone. Deterministic for a seed; the credentials are the demo's (credentials.ts), so
 * `civicgrid simulate` can sign in as any of them.
 */
export interface DeviceSummary {
  devices: number;
  byType: Record<string, number>;
}

/** Buildings this tall have a lift (GB 50096: seven floors and up). */
const LIFT_FLOORS = 7;
/** Homes of elderly people living alone that get the care set: a pilot, not every one. */
const CARE_HOMES = 40;

export async function generateDevices(db: Kysely<DB>, options: { seed: number; demoPassword: string }): Promise<DeviceSummary> {
  const repo = devicesSeedRepository(db);
  const r = createRandom(deriveSeed(options.seed, 'iot-devices'));
  const [estates, buildings, communities, careHomes, gridPaths] = await Promise.all([
    repo.estates(),
    repo.buildings(),
    repo.communities(),
    repo.elderlyLivingAloneHomes(CARE_HOMES),
    repo.gridPaths(),
  ]);
  const rows: Insertable<IotDeviceTable>[] = [];
  const serials = new Map<string, number>();
  const add = (typeCode: string, prefix: string, name: string, place: Omit<Placed, 'typeCode'>) => {
    const n = (serials.get(prefix) ?? 0) + 1;
    serials.set(prefix, n);
    const serial = `PY-${prefix}-${String(n).padStart(5, '0')}`;
    const credentials = demoCredentials(options.demoPassword, serial);
    rows.push({
      serial,
      type_code: typeCode,
      name,
      ...place,
      battery: ['smoke_detector', 'manhole_cover', 'parking_sensor', 'emergency_button', 'door_magnet'].includes(typeCode)
        ? r.int(35, 100)
        : null,
      firmware: `v${r.int(1, 3)}.${r.int(0, 9)}.${r.int(0, 20)}`,
      mqtt_username: credentials.username,
      secret_sha256: credentials.secretSha256,
      mosquitto_hash: credentials.mosquittoHash,
      credentials_issued_at: new Date(),
    });
  };
  const near = (lon: number | null, lat: number | null, metres: number) =>
    lon === null || lat === null
      ? { lon: null, lat: null }
      : {
          lon: round6(lon + r.float(-metres, metres) / (111_320 * Math.cos((lat * Math.PI) / 180))),
          lat: round6(lat + r.float(-metres, metres) / 110_540),
        };

  const estateById = new Map(estates.map((e) => [e.id, e]));
  for (const b of buildings) {
    const estate = estateById.get(b.estate_id)!;
    const at = { ...inBuilding(estate, b, gridPaths), ...near(b.lon ?? estate.lon, b.lat ?? estate.lat, 5) };
    for (let floor = 1; floor <= b.floors; floor += 3)
      add('smoke_detector', 'SD', `${estate.name}${b.name}${floor}层楼道烟感`, { ...at, floor, unit_name: '1单元' });
    if (b.floors >= LIFT_FLOORS) {
      add('elevator_monitor', 'EL', `${estate.name}${b.name}1号电梯`, { ...at, unit_name: '1单元' });
      add('ebike_camera', 'EB', `${estate.name}${b.name}电梯电动车识别`, { ...at, unit_name: '1单元', ...cameraUrls(r) });
    }
  }
  for (const e of estates) {
    const inEstate = { region_id: e.community_id, region_path: e.region_path, estate_id: e.id, building_id: null, house_id: null };
    const tall = buildings.some((b) => b.estate_id === e.id && b.floors >= LIFT_FLOORS);
    add('fire_lane_camera', 'FL', `${e.name}消防通道`, { ...inEstate, ...near(e.lon, e.lat, 60), ...cameraUrls(r) });
    if (tall) add('throw_camera', 'TC', `${e.name}高空抛物监控`, { ...inEstate, ...near(e.lon, e.lat, 60), ...cameraUrls(r) });
    add('access_gate', 'AG', `${e.name}主入口门禁`, { ...inEstate, ...near(e.lon, e.lat, 80) });
    for (let i = 1; i <= 2; i++) add('parking_sensor', 'PS', `${e.name}消防车道禁停点${i}`, { ...inEstate, ...near(e.lon, e.lat, 70) });
    add('garbage_bin', 'GB', `${e.name}垃圾分类投放点`, { ...inEstate, ...near(e.lon, e.lat, 70) });
    add('hydrant_pressure', 'HY', `${e.name}室外消火栓`, { ...inEstate, ...near(e.lon, e.lat, 90) });
  }
  for (const c of communities) {
    const inCommunity = { region_id: c.id, region_path: c.path, estate_id: null, building_id: null, house_id: null };
    for (let i = 1; i <= 2; i++) add('manhole_cover', 'MH', `${c.name}${i}号井盖`, { ...inCommunity, ...near(c.lon, c.lat, 300) });
    add('septic_gas', 'SG', `${c.name}公厕化粪池`, { ...inCommunity, ...near(c.lon, c.lat, 300) });
    add('water_pressure', 'WP', `${c.name}二次供水泵房`, { ...inCommunity, ...near(c.lon, c.lat, 300) });
  }
  for (const h of careHomes) {
    const home = {
      region_id: h.grid_id ?? h.community_id,
      region_path: h.region_path,
      estate_id: h.estate_id,
      building_id: h.building_id,
      house_id: h.house_id,
      floor: h.floor,
      ...near(h.lon, h.lat, 5),
    };
    add('gas_detector', 'GD', `${h.place}厨房燃气报警器`, home);
    add('door_magnet', 'DM', `${h.place}门磁`, home);
    add('emergency_button', 'EB2', `${h.place}一键呼叫`, home);
  }
  await repo.insertDevices(rows);
  const byType: Record<string, number> = {};
  for (const row of rows) byType[row.type_code] = (byType[row.type_code] ?? 0) + 1;
  return { devices: rows.length, byType };
}

type Placed = Pick<
  Insertable<IotDeviceTable>,
  | 'region_id'
  | 'region_path'
  | 'estate_id'
  | 'building_id'
  | 'house_id'
  | 'unit_name'
  | 'floor'
  | 'lon'
  | 'lat'
  | 'snapshot_url'
  | 'stream_url'
> & { typeCode?: string };

/** A building's devices stand in the building's grid, or the estate's community when it has none. */
function inBuilding(estate: SeedEstate, b: SeedBuilding, gridPaths: Map<number, string>) {
  const gridPath = b.grid_id === null ? undefined : gridPaths.get(b.grid_id);
  return {
    region_id: gridPath ? b.grid_id! : estate.community_id,
    region_path: gridPath ?? estate.region_path,
    estate_id: estate.id,
    building_id: b.id,
    house_id: null,
  };
}

/**
 * A camera's addresses on the county's video platform (GB/T 28181 behind an HTTP gateway). The
 * demo has no cameras, so the snapshot is the platform's own placeholder picture.
 */
function cameraUrls(r: ReturnType<typeof createRandom>) {
  const channel = String(r.int(1, 9999)).padStart(4, '0');
  return {
    snapshot_url: `/demo/camera-snapshot.svg?channel=${channel}`,
    stream_url: `rtsp://video.pingyin.example/live/${channel}`,
  };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;
