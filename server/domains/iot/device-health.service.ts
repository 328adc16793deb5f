import {
  FREQUENT_RAISES,
  HEALTH_LIST_LIMIT,
  LOW_BATTERY_PERCENT,
  type DeviceLatest,
  type HealthQuery,
  type HealthReport,
} from '../../../common/contracts/iot-health.js';
import type { DeviceEvents, EventsQuery } from '../../../common/contracts/iot-health.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { DeviceHealthRepository, NamedDeviceRow } from './device-health.repository.js';
import { placeWords } from './devices.presenter.js';

const DAY_MS = 86_400_000;
/** The events a chart marks at most: a camera reporting every minute for a month would hide the lines. */
export const EVENTS_LIMIT = 500;

/** The report over the viewer's scope (region and, for property staff, their estates) at `scopePath`. */
export async function healthReport(repo: DeviceHealthRepository, scopePath: string, query: HealthQuery, now: Date): Promise<HealthReport> {
  const from = new Date(now.getTime() - query.days * DAY_MS);
  // '/1/4/17/'.split('/') has 5 parts; split_part counts from 1, so part 5 is the next level's id.
  const depth = scopePath.split('/').length;
  const [byType, byAreaRows, lowBattery, lowBatteryTotal, silent, falseByType, falseByDevice, flapping] = await Promise.all([
    repo.countsByType(),
    repo.countsByArea(depth),
    repo.lowBattery(LOW_BATTERY_PERCENT, HEALTH_LIST_LIMIT),
    repo.lowBatteryCount(LOW_BATTERY_PERCENT),
    repo.silent(HEALTH_LIST_LIMIT),
    repo.falseAlarmsByType(from),
    repo.falseAlarmsByDevice(from, HEALTH_LIST_LIMIT),
    repo.flapping(from, FREQUENT_RAISES, HEALTH_LIST_LIMIT),
  ]);
  const areaIds = byAreaRows.map((a) => Number(a.area)).filter((id) => id > 0);
  const names = new Map((await repo.regionNames(areaIds)).map((r) => [r.id, r.name]));
  return {
    from: from.toISOString(),
    to: now.toISOString(),
    days: query.days,
    totals: byType.reduce((sum, row) => addCounts(sum, counts(row)), counts({})),
    byType: byType.map((row) => ({ typeCode: row.code, typeName: row.name, category: row.category, ...counts(row) })),
    byArea: byAreaRows.map((row) => {
      const id = row.area ? Number(row.area) : null;
      return { regionId: id, regionName: id === null ? '本级' : (names.get(id) ?? String(id)), ...counts(row) };
    }),
    lowBattery: lowBattery.map((d) => ({ ...deviceRef(d), battery: d.battery ?? 0 })),
    lowBatteryTotal,
    silent: silent.map((d) => ({ ...deviceRef(d), lastSeenAt: d.last_seen_at!.toISOString() })),
    falseAlarmsByType: falseByType.map((row) => ({
      typeCode: row.code,
      typeName: row.name,
      ...falseFigures(row.closed, row.false_alarms),
    })),
    falseAlarmsByDevice: falseByDevice.map((d) => ({ ...deviceRef(d), ...falseFigures(d.closed, d.false_alarms) })),
    flapping: flapping.map((d) => ({
      ...deviceRef(d),
      raises: d.raises,
      flappingAlarms: d.flapping_alarms,
      lastRaisedAt: new Date(d.last_raised_at).toISOString(),
    })),
  };
}

type Counts = HealthReport['totals'];
type CountRow = Partial<Record<'devices' | 'online' | 'offline' | 'never_seen' | 'maintenance' | 'disabled', number>>;
const counts = (row: CountRow): Counts => ({
  devices: row.devices ?? 0,
  online: row.online ?? 0,
  offline: row.offline ?? 0,
  neverSeen: row.never_seen ?? 0,
  maintenance: row.maintenance ?? 0,
  disabled: row.disabled ?? 0,
});
const addCounts = (a: Counts, b: Counts): Counts => ({
  devices: a.devices + b.devices,
  online: a.online + b.online,
  offline: a.offline + b.offline,
  neverSeen: a.neverSeen + b.neverSeen,
  maintenance: a.maintenance + b.maintenance,
  disabled: a.disabled + b.disabled,
});
const falseFigures = (closed: number, falseAlarms: number) => ({ closed, falseAlarms, rate: closed > 0 ? falseAlarms / closed : null });
const deviceRef = (d: NamedDeviceRow) => ({ id: d.id, serial: d.serial, name: d.name, typeName: d.type_name, placeWords: placeWords(d) });

/** A device's latest value of each of its type's fields, null where it has not reported one. */
export async function latestOf(repo: DeviceHealthRepository, deviceId: number): Promise<DeviceLatest> {
  const row = await repo.latest(deviceId);
  if (!row) throw notFound('设备');
  const values = row.values ?? {};
  return {
    deviceId,
    ts: row.ts?.toISOString() ?? null,
    fields: row.fields.map((f) => ({ ...f, value: values[f.key] ?? null })),
    hasCamera: row.has_camera,
  };
}

/** A device's events from `from` to `to` (default: the last day), with the type's words for each. */
export async function eventsOf(repo: DeviceHealthRepository, deviceId: number, query: EventsQuery, now: Date): Promise<DeviceEvents> {
  const device = await repo.latest(deviceId);
  if (!device) throw notFound('设备');
  const to = query.to ? new Date(query.to) : now;
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - DAY_MS);
  if (!(from < to)) throw invalid('PERIOD', '开始时间须早于结束时间');
  const labels = new Map(device.events.map((e) => [e.type, e.label]));
  const rows = await repo.events(deviceId, from, to, EVENTS_LIMIT + 1);
  return {
    deviceId,
    from: from.toISOString(),
    to: to.toISOString(),
    truncated: rows.length > EVENTS_LIMIT,
    items: rows.slice(0, EVENTS_LIMIT).map((r) => {
      const type = String(r.values._event);
      const snapshot = r.values._snapshot;
      return {
        ts: r.ts.toISOString(),
        type,
        label: labels.get(type) ?? type,
        snapshotUrl: typeof snapshot === 'string' ? snapshot : null,
      };
    }),
  };
}
