import type { DeviceDetail, DeviceItem, DeviceState, DeviceType } from '../../../common/contracts/iot-devices.js';
import type { DeviceRow, DeviceTypeRow, TypeRuleRow } from './devices.repository.js';

/**
 * Devices and their types as the contract sends them (common/contracts/iot-devices.ts). The row
 * has no secret hash to forget: the repository never reads it.
 */

/** 在线/离线 only means something for a device in service; maintenance and disabled say more. */
const stateOf = (d: Pick<DeviceRow, 'status' | 'online'>): DeviceState =>
  d.status !== 'active' ? d.status : d.online ? 'online' : 'offline';

/**
 * '锦绣花园 · 3号楼 · 2单元 · 5层 · 502': as far down the places tree as the device is placed; in a
 * village house (decision 049) '西韩营村 · 9组15号', by its village when the row has it.
 */
export function placeWords(
  d: Pick<DeviceRow, 'estate_name' | 'building_name' | 'unit_name' | 'floor' | 'room' | 'village_group' | 'door_number'> &
    Partial<Pick<DeviceRow, 'community_name'>>,
): string {
  const floor = d.floor === null ? null : `${d.floor}层`;
  const door = villageDoor(d);
  return [door ? d.community_name : d.estate_name, d.building_name, d.unit_name, floor, d.room, door].filter((part) => part).join(' · ');
}

/** A village house's 组 and 门牌号 ('9组15号'), as the map names it; null for a house in an estate. */
const villageDoor = (h: { village_group: string | null; door_number: string | null }) =>
  h.door_number ? `${h.village_group ?? ''}${h.door_number}` : null;

export function presentDevice(d: DeviceRow): DeviceItem {
  return {
    id: d.id,
    serial: d.serial,
    name: d.name,
    typeCode: d.type_code,
    typeName: d.type_name,
    category: d.category,
    status: d.status,
    state: stateOf(d),
    online: d.online,
    lastSeenAt: d.last_seen_at?.toISOString() ?? null,
    battery: d.battery,
    placeWords: placeWords(d),
    communityName: d.community_name,
    openAlarms: Number(d.open_alarms ?? 0),
  };
}

export function presentDeviceDetail(d: DeviceRow): DeviceDetail {
  return {
    ...presentDevice(d),
    estateId: d.estate_id,
    buildingId: d.building_id,
    houseId: d.house_id,
    unitName: d.unit_name,
    floor: d.floor,
    lon: d.lon,
    lat: d.lat,
    ownerUnitId: d.owner_unit_id,
    ownerUnitName: d.owner_unit_name,
    snapshotUrl: d.snapshot_url,
    streamUrl: d.stream_url,
    firmware: d.firmware,
    mqttUsername: d.mqtt_username,
    credentialsIssuedAt: d.credentials_issued_at.toISOString(),
    authFailures: d.auth_failures,
    createdAt: d.created_at.toISOString(),
  };
}

export function presentDeviceType(t: DeviceTypeRow, rules: TypeRuleRow[]): DeviceType {
  return {
    code: t.code,
    name: t.name,
    category: t.category,
    fields: t.fields,
    events: t.events,
    offlineMinutes: t.offline_minutes,
    hasCamera: t.has_camera,
    rules: rules.filter((r) => r.type_code === t.code).map((r) => r.definition as DeviceType['rules'][number]),
  };
}
