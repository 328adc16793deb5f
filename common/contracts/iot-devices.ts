import { z } from 'zod';
import { page, pagingQuery, timestamp } from './shared.js';
import { bothOrNeither, point, POINT_MESSAGE } from './regions.js';

/**
 * The device registry (设备管理, server/domains/iot/devices.*, docs/decisions/028): device types
 * with their default rules, devices registered on a place of the viewer's scope, and their
 * credentials, shown once. No response but the issuing ones carries a secret or its hash.
 */

export const DEVICE_STATUSES = ['active', 'maintenance', 'disabled'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** What a list shows for a device: its status, and online or offline while it is active. */
export const DEVICE_STATES = ['online', 'offline', 'maintenance', 'disabled'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

// ── device types ──────────────────────────────────────────────────────────

export const deviceTypeField = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string().optional(),
  type: z.enum(['number', 'boolean', 'string']),
  min: z.number().optional(),
  max: z.number().optional(),
});

export const deviceType = z.object({
  code: z.string(),
  name: z.string(),
  /** 消防安全, 燃气安全…: the register dialog groups its type choice by it. */
  category: z.string(),
  fields: z.array(deviceTypeField),
  events: z.array(z.object({ type: z.string(), label: z.string() })),
  offlineMinutes: z.number().int(),
  hasCamera: z.boolean(),
  /** The type's rules as stored (common/iot/rules.ts), an administrator's edits included. */
  rules: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string(), severity: z.string() }).passthrough()),
});
export type DeviceType = z.infer<typeof deviceType>;
export const deviceTypeList = z.object({ items: z.array(deviceType) });

// ── registering and editing ───────────────────────────────────────────────

/** 设备编号 as printed on the device: letters, digits and - _ . (it starts the MQTT user name). */
export const SERIAL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/;
export const serial = z.string().trim().regex(SERIAL_PATTERN, '设备编号须为 3–64 位字母、数字或 . _ -，以字母或数字开头');

/** A camera's address: http, https or rtsp only (a javascript: or file: URL is never stored). */
export const deviceUrl = z
  .string()
  .trim()
  .max(500)
  .url('地址格式不正确')
  .refine((u) => /^(https?|rtsp):\/\//i.test(u), '只接受 http、https 或 rtsp 地址');

/** Where it is installed: one of estate, building or house; the most precise given decides. */
const placeFields = {
  estateId: z.number().int().positive().optional(),
  buildingId: z.number().int().positive().optional(),
  houseId: z.number().int().positive().optional(),
};
export type DevicePlace = { estateId?: number; buildingId?: number; houseId?: number };
const hasPlace = (b: DevicePlace) => b.estateId !== undefined || b.buildingId !== undefined || b.houseId !== undefined;
const PLACE_MESSAGE = { message: '请选择安装位置（小区、楼栋或房屋）', path: ['estateId'] };

const detailFields = {
  name: z.string().trim().min(1).max(50).optional(),
  unitName: z.string().trim().max(20).nullable().optional(),
  floor: z.number().int().min(-10).max(200).nullable().optional(),
  ...point,
  /** The unit that owns and maintains it (org_units). */
  ownerUnitId: z.number().int().positive().nullable().optional(),
  snapshotUrl: deviceUrl.nullable().optional(),
  streamUrl: deviceUrl.nullable().optional(),
  firmware: z.string().trim().max(50).nullable().optional(),
};

export const registerDeviceBody = z
  .object({ serial, typeCode: z.string().min(1).max(50), ...placeFields, ...detailFields })
  .refine(hasPlace, PLACE_MESSAGE)
  .refine(bothOrNeither, POINT_MESSAGE);
export type RegisterDeviceInput = z.infer<typeof registerDeviceBody>;

/** The serial and type stay: the serial is in the device's MQTT user name and topics. */
export const updateDeviceBody = z
  .object({ ...placeFields, ...detailFields, status: z.enum(DEVICE_STATUSES).optional() })
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' })
  .refine((b) => !('lon' in b || 'lat' in b) || bothOrNeither(b), POINT_MESSAGE);
export type UpdateDeviceInput = z.infer<typeof updateDeviceBody>;

/** The secret, shown once: the answer to a registration or a re-issue, and nowhere else. */
export const deviceCredentials = z.object({
  username: z.string(),
  password: z.string(),
  /** `Authorization: Bearer <httpToken>` for HTTP ingest. */
  httpToken: z.string(),
});
export type DeviceCredentials = z.infer<typeof deviceCredentials>;

export const deviceIssued = z.object({ id: z.number().int(), credentials: deviceCredentials });
export type DeviceIssued = z.infer<typeof deviceIssued>;

/**
 * A registration retried with the same Idempotency-Key answers the device the first try made,
 * without its secret: only the first answer had it, and a retry must not silently invalidate what
 * that answer gave. A client that lost it re-issues (POST /api/iot/devices/:id/credentials).
 */
export const deviceReplayed = z.object({ id: z.number().int(), credentials: z.null(), replayed: z.literal(true) });

// ── reading ───────────────────────────────────────────────────────────────

export const deviceQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(64).optional(),
  typeCode: z.string().max(50).optional(),
  status: z.enum(DEVICE_STATUSES).optional(),
  /** The list's one 状态 choice: online and offline are of active devices (see deviceFilterOf). */
  state: z.enum(DEVICE_STATES).optional(),
  online: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  estateId: z.coerce.number().int().positive().optional(),
  regionId: z.coerce.number().int().positive().optional(),
});
export type DeviceQuery = z.infer<typeof deviceQuery>;

/** The status and online condition a 状态 choice stands for. */
export function stateFilter(state: DeviceState): { status: DeviceStatus; online?: boolean } {
  return state === 'online' || state === 'offline' ? { status: 'active', online: state === 'online' } : { status: state };
}

export const deviceItem = z.object({
  id: z.number().int(),
  serial: z.string(),
  name: z.string(),
  typeCode: z.string(),
  typeName: z.string(),
  category: z.string(),
  status: z.enum(DEVICE_STATUSES),
  state: z.enum(DEVICE_STATES),
  online: z.boolean(),
  lastSeenAt: timestamp.nullable(),
  battery: z.number().int().nullable(),
  /** 小区 · 楼栋 · 单元 · 楼层 (and the room of a house). */
  placeWords: z.string(),
  communityName: z.string().nullable(),
  openAlarms: z.number().int(),
});
export type DeviceItem = z.infer<typeof deviceItem>;
export const devicePage = page(deviceItem);

export const deviceDetail = deviceItem.extend({
  estateId: z.number().int().nullable(),
  buildingId: z.number().int().nullable(),
  houseId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  floor: z.number().int().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  ownerUnitId: z.number().int().nullable(),
  ownerUnitName: z.string().nullable(),
  snapshotUrl: z.string().nullable(),
  streamUrl: z.string().nullable(),
  firmware: z.string().nullable(),
  /** The MQTT user name is not a secret; the secret and its hash are never sent. */
  mqttUsername: z.string(),
  credentialsIssuedAt: timestamp,
  authFailures: z.number().int(),
  createdAt: timestamp,
});
export type DeviceDetail = z.infer<typeof deviceDetail>;
