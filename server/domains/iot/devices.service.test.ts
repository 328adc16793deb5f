import { describe, expect, it } from 'vitest';
import type { DeviceRow } from './devices.repository.js';
import { deviceDetail, deviceTypes, listDevices, type DevicesDeps } from './devices.service.js';

/** The device reads with a fake repository: state, place in words, counts, and the type catalogue. */
const row = (over: Partial<DeviceRow>): DeviceRow =>
  ({
    id: 1,
    serial: 'SD-0001',
    name: '3号楼烟感',
    type_code: 'smoke_detector',
    type_name: '独立式烟感探测器',
    category: '消防安全',
    status: 'active',
    online: true,
    last_seen_at: new Date('2026-12-05T08:00:00Z'),
    battery: 87,
    estate_name: '锦绣花园',
    building_name: '3号楼',
    unit_name: '2单元',
    floor: 5,
    room: null,
    village_group: null,
    door_number: null,
    community_name: '锦源社区',
    open_alarms: '2',
    ...over,
  }) as DeviceRow;

const fake = (rows: DeviceRow[]): DevicesDeps & { asked: unknown[] } => {
  const asked: unknown[] = [];
  return {
    asked,
    devices: {
      list: async (f, page) => {
        asked.push({ f, page });
        return { rows, total: rows.length };
      },
      byId: async (id) => rows.find((r) => r.id === id),
      types: async () => [
        { code: 'smoke_detector', name: '独立式烟感探测器', category: '消防安全', fields: [], events: [], offline_minutes: 60 } as never,
      ],
      typeRules: async () => [
        { type_code: 'smoke_detector', definition: { code: 'smoke', name: '烟雾报警', kind: 'threshold', severity: 'critical' } },
        { type_code: 'gas_detector', definition: { code: 'lel_high', name: '可燃气体泄漏', kind: 'threshold', severity: 'critical' } },
      ],
    },
  };
};

describe('device reads', () => {
  it('says online or offline for a device in service, and maintenance or disabled otherwise', async () => {
    const page = await listDevices(
      fake([
        row({}),
        row({ id: 2, online: false }),
        row({ id: 3, status: 'maintenance' }),
        row({ id: 4, status: 'disabled', online: true }),
      ]),
      { page: 1, pageSize: 20 },
    );
    expect(page.items.map((d) => d.state)).toEqual(['online', 'offline', 'maintenance', 'disabled']);
    expect(page.items[0]).toMatchObject({
      placeWords: '锦绣花园 · 3号楼 · 2单元 · 5层',
      openAlarms: 2,
      lastSeenAt: '2026-12-05T08:00:00.000Z',
    });
  });

  it('names a place as far down as it goes, the room of a house last', async () => {
    const { items } = await listDevices(fake([row({ building_name: null, unit_name: null, floor: null }), row({ room: '502' })]), {
      page: 1,
      pageSize: 20,
    });
    expect(items.map((d) => d.placeWords)).toEqual(['锦绣花园', '锦绣花园 · 3号楼 · 2单元 · 5层 · 502']);
  });

  it('passes the filters and the page to the repository, a 状态 choice as its status and online, and answers 404 for a device outside the scope', async () => {
    const deps = fake([]);
    await listDevices(deps, { page: 2, pageSize: 50, q: 'SD', typeCode: 'smoke_detector', online: false, estateId: 5 });
    expect(deps.asked.slice(0, 1)).toEqual([
      { f: { q: 'SD', typeCode: 'smoke_detector', status: undefined, online: false, estateId: 5 }, page: { offset: 50, limit: 50 } },
    ]);
    await listDevices(deps, { page: 1, pageSize: 20, state: 'offline' });
    await listDevices(deps, { page: 1, pageSize: 20, state: 'maintenance', online: true });
    expect(deps.asked.slice(1).map((a) => (a as { f: object }).f)).toEqual([
      { q: undefined, typeCode: undefined, status: 'active', online: false, estateId: undefined },
      { q: undefined, typeCode: undefined, status: 'maintenance', online: undefined, estateId: undefined },
    ]);
    await expect(deviceDetail(deps, 7)).rejects.toMatchObject({ status: 404 });
  });

  it('gives each type its own rules only', async () => {
    const { items } = await deviceTypes(fake([]));
    expect(items[0].rules.map((r) => r.code)).toEqual(['smoke']);
  });
});
