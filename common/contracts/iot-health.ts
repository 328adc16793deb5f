import { z } from 'zod';
import { timestamp } from './shared.js';
import { deviceTypeField } from './iot-devices.js';

/**
 * 设备健康 (server/domains/iot/device-health.*, docs/decisions/032): how the devices of the
 * viewer's scope are doing — online and offline by type and by area, batteries running low, the
 * devices silent longest, false-alarm rates and flapping devices — and one device's latest state
 * for its page.
 */

/** Below this a battery is worth a visit: the types' battery rules warn at 20 % (data/iot/device-types.json). */
export const LOW_BATTERY_PERCENT = 20;
/** A device that raised this many alarms in the period is listed with the flapping ones, flagged or not. */
export const FREQUENT_RAISES = 10;
/** Rows in each of the report's device lists: the worst first, the rest are one filter away in 设备管理. */
export const HEALTH_LIST_LIMIT = 20;

export const healthQuery = z.object({
  regionId: z.coerce.number().int().positive().optional(),
  /** The period of the alarm figures, ending now. */
  days: z.coerce
    .number({ error: '统计天数须为 1 到 366 之间的整数' })
    .int('统计天数须为 1 到 366 之间的整数')
    .min(1, '统计天数须为 1 到 366 之间的整数')
    .max(366, '统计天数须为 1 到 366 之间的整数')
    .default(30),
});
export type HealthQuery = z.infer<typeof healthQuery>;

const counts = {
  devices: z.number().int(),
  online: z.number().int(),
  /** In service and not heard from within its type's offline time. */
  offline: z.number().int(),
  /** In service and never heard from (未上线): installed, not yet reporting. */
  neverSeen: z.number().int(),
  maintenance: z.number().int(),
  disabled: z.number().int(),
};

const deviceRef = {
  id: z.number().int(),
  serial: z.string(),
  name: z.string(),
  typeName: z.string(),
  placeWords: z.string(),
};

/** False alarms among the alarms closed in the period: those closed as 误报. */
const falseAlarmFigures = {
  closed: z.number().int(),
  falseAlarms: z.number().int(),
  /** falseAlarms ÷ closed; null when none was closed. */
  rate: z.number().nullable(),
};

export const healthReport = z.object({
  from: timestamp,
  to: timestamp,
  days: z.number().int(),
  totals: z.object(counts),
  byType: z.array(z.object({ typeCode: z.string(), typeName: z.string(), category: z.string(), ...counts })),
  /** By the regions one level below the viewer's (towns for the county, grids for a community); null: placed on the viewer's own level. */
  byArea: z.array(z.object({ regionId: z.number().int().nullable(), regionName: z.string(), ...counts })),
  lowBattery: z.array(z.object({ ...deviceRef, battery: z.number().int() })),
  lowBatteryTotal: z.number().int(),
  /** Devices in service gone quiet, longest first (never-heard devices are counted in neverSeen instead). */
  silent: z.array(z.object({ ...deviceRef, lastSeenAt: timestamp })),
  falseAlarmsByType: z.array(z.object({ typeCode: z.string(), typeName: z.string(), ...falseAlarmFigures })),
  falseAlarmsByDevice: z.array(z.object({ ...deviceRef, ...falseAlarmFigures })),
  flapping: z.array(z.object({ ...deviceRef, raises: z.number().int(), flappingAlarms: z.number().int(), lastRaisedAt: timestamp })),
});
export type HealthReport = z.infer<typeof healthReport>;

/** One device's latest values as its type words them, for the device page. */
export const deviceLatest = z.object({
  deviceId: z.number().int(),
  /** When the latest reading was taken; null: nothing stored yet. */
  ts: timestamp.nullable(),
  fields: z.array(deviceTypeField.extend({ value: z.union([z.number(), z.boolean(), z.string()]).nullable() })),
  hasCamera: z.boolean(),
});
export type DeviceLatest = z.infer<typeof deviceLatest>;

export const eventsQuery = z
  .object({
    from: z.string().datetime({ offset: true, error: '开始时间格式不正确' }).optional(),
    to: z.string().datetime({ offset: true, error: '结束时间格式不正确' }).optional(),
  })
  .describe('默认最近 24 小时');
export type EventsQuery = z.infer<typeof eventsQuery>;

/** A device's events (a camera's 高空抛物, a button pressed) in a range, newest first: its charts mark them. */
export const deviceEvents = z.object({
  deviceId: z.number().int(),
  from: timestamp,
  to: timestamp,
  items: z.array(z.object({ ts: timestamp, type: z.string(), label: z.string(), snapshotUrl: z.string().nullable() })),
  /** More events than the list holds: the oldest are left out. */
  truncated: z.boolean(),
});
export type DeviceEvents = z.infer<typeof deviceEvents>;
