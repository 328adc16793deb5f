import type { IotField, IotValue } from '../../../platform/db/schema.js';

/**
 * Judges one message against its device's type, purely: a reading to store, a status to apply,
 * or a refusal with a reason code (counted per day as `malformed:<code>`) and words for the
 * dead-letter table. Whatever the bytes are, it answers; it never throws (payload.test.ts fuzzes
 * it), so no payload can crash or stall ingest.
 */
export type RefusalReason =
  | 'TOO_LARGE'
  | 'NOT_JSON'
  | 'BAD_SHAPE'
  | 'BAD_MSG_ID'
  | 'BAD_TS'
  | 'TS_OUT_OF_WINDOW'
  | 'UNKNOWN_FIELD'
  | 'WRONG_TYPE'
  | 'OUT_OF_RANGE'
  | 'UNKNOWN_EVENT'
  | 'UNKNOWN_DEVICE'
  | 'STORE_FAILED';

export interface Refusal {
  refused: RefusalReason;
  detail: string;
}

export interface DeviceTypeShape {
  code: string;
  fields: IotField[];
  events: { type: string }[];
}

/**
 * A reading as stored: `values` are the type's fields; an event is stored as `_event` (its type),
 * with `_detail` and `_snapshot` when it carries them. Field keys start with a letter, so these
 * never meet a field.
 */
export interface Reading {
  ts: Date;
  /** The device's msgId, or '' (decision 027: duplicates meet on device, ts and this key). */
  msgKey: string;
  values: Record<string, IotValue>;
}

export interface StatusReport {
  online?: boolean;
  battery?: number;
  firmware?: string;
}

/** The times a reading may carry: from the oldest kept day to a day ahead of now. */
export interface TimeWindow {
  earliest: Date;
  latest: Date;
}

/** Largest message taken, in bytes; the dead letter keeps its first 4 KB. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
export const DEAD_LETTER_PAYLOAD_CHARS = 4096;

const refuse = (refused: RefusalReason, detail: string): Refusal => ({ refused, detail });
export const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'refused' in x;

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A message's bytes as JSON, or why not. */
export function parseJson(payload: Buffer | string): unknown {
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  if (size > MAX_PAYLOAD_BYTES) return refuse('TOO_LARGE', `报文 ${size} 字节，超过上限 ${MAX_PAYLOAD_BYTES} 字节`);
  try {
    return JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8'));
  } catch {
    return refuse('NOT_JSON', '报文不是合法的 JSON');
  }
}

/** A telemetry (`values`) or event (`event`) reading; `expect` is what the topic says it is. */
export function judgeReading(
  raw: unknown,
  type: DeviceTypeShape,
  window: TimeWindow,
  now: Date,
  expect: 'telemetry' | 'event' | 'either' = 'either',
): Reading | Refusal {
  if (!isObject(raw)) return refuse('BAD_SHAPE', '读数须为 JSON 对象');
  const hasValues = raw.values !== undefined;
  const hasEvent = raw.event !== undefined;
  if (hasValues === hasEvent) return refuse('BAD_SHAPE', '读数须有 values 或 event 之一');
  if (expect === 'telemetry' && !hasValues) return refuse('BAD_SHAPE', 'telemetry 主题的报文须有 values');
  if (expect === 'event' && !hasEvent) return refuse('BAD_SHAPE', 'event 主题的报文须有 event');
  const msgKey = msgKeyOf(raw.msgId);
  if (isRefusal(msgKey)) return msgKey;
  const ts = timeOf(raw.ts, window, now);
  if (isRefusal(ts)) return ts;
  const values = hasValues ? judgeValues(raw.values, type) : judgeEvent(raw.event, type);
  if (isRefusal(values)) return values;
  return { ts, msgKey, values };
}

/** `{online?, battery?, firmware?}` on the status topic. */
export function judgeStatus(raw: unknown): StatusReport | Refusal {
  if (!isObject(raw)) return refuse('BAD_SHAPE', '状态报文须为 JSON 对象');
  const status: StatusReport = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'online' && typeof value === 'boolean') status.online = value;
    else if (key === 'battery' && Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 100)
      status.battery = value as number;
    else if (key === 'firmware' && typeof value === 'string' && value.length >= 1 && value.length <= 64) status.firmware = value;
    else if (key === 'ts' || key === 'msgId') continue;
    else return refuse('BAD_SHAPE', `状态字段 ${clip(key)} 不认识或取值不对（online 布尔，battery 0–100 整数，firmware 至多 64 字）`);
  }
  return status;
}

function msgKeyOf(msgId: unknown): string | Refusal {
  if (msgId === undefined) return '';
  if (typeof msgId === 'number' && Number.isSafeInteger(msgId)) return String(msgId);
  if (typeof msgId === 'string' && msgId.length >= 1 && msgId.length <= 64) return msgId;
  return refuse('BAD_MSG_ID', 'msgId 须为 1–64 字的字符串或整数');
}

/** The reading's time: ISO 8601 or milliseconds since 1970; without one, the time it arrived. */
function timeOf(ts: unknown, window: TimeWindow, now: Date): Date | Refusal {
  if (ts === undefined) return now;
  const at = typeof ts === 'number' && Number.isFinite(ts) ? new Date(ts) : typeof ts === 'string' && ts.length <= 40 ? new Date(ts) : null;
  if (!at || Number.isNaN(at.getTime())) return refuse('BAD_TS', 'ts 须为 ISO 8601 时间或毫秒时间戳');
  if (at < window.earliest) return refuse('TS_OUT_OF_WINDOW', `ts ${at.toISOString()} 早于保留期（${window.earliest.toISOString()} 起）`);
  if (at >= window.latest) return refuse('TS_OUT_OF_WINDOW', `ts ${at.toISOString()} 比服务器时间超前一天以上`);
  return at;
}

function judgeValues(values: unknown, type: DeviceTypeShape): Record<string, IotValue> | Refusal {
  if (!isObject(values)) return refuse('BAD_SHAPE', 'values 须为 JSON 对象');
  const entries = Object.entries(values);
  if (entries.length === 0) return refuse('BAD_SHAPE', 'values 不能为空');
  const judged: Record<string, IotValue> = {};
  for (const [key, value] of entries) {
    const field = type.fields.find((f) => f.key === key);
    if (!field) return refuse('UNKNOWN_FIELD', `设备类型 ${type.code} 没有字段 ${clip(key)}`);
    const wrong = wrongValue(field, value);
    if (wrong) return wrong;
    judged[key] = value as IotValue;
  }
  return judged;
}

function wrongValue(field: IotField, value: unknown): Refusal | null {
  const ofType = field.type === 'number' ? typeof value === 'number' && Number.isFinite(value) : typeof value === field.type;
  if (!ofType) return refuse('WRONG_TYPE', `字段 ${field.key} 须为${{ number: '数值', boolean: '布尔值', string: '字符串' }[field.type]}`);
  if (typeof value === 'string' && value.length > 256) return refuse('WRONG_TYPE', `字段 ${field.key} 超过 256 字`);
  if (typeof value !== 'number') return null;
  if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))
    return refuse('OUT_OF_RANGE', `字段 ${field.key} 的值 ${value} 超出范围 ${field.min ?? '-∞'}–${field.max ?? '∞'}`);
  return null;
}

function judgeEvent(event: unknown, type: DeviceTypeShape): Record<string, IotValue> | Refusal {
  if (!isObject(event) || typeof event.type !== 'string') return refuse('BAD_SHAPE', 'event 须为含 type 的对象');
  if (!type.events.some((e) => e.type === event.type)) return refuse('UNKNOWN_EVENT', `设备类型 ${type.code} 没有事件 ${clip(event.type)}`);
  const stored: Record<string, IotValue> = { _event: event.type };
  for (const [key, value] of Object.entries(event)) {
    if (key === 'type') continue;
    const column = key === 'detail' ? '_detail' : key === 'snapshotUrl' ? '_snapshot' : null;
    if (!column || typeof value !== 'string' || value.length > 1024)
      return refuse('BAD_SHAPE', `event 只可带 type、detail 和 snapshotUrl（字符串，至多 1024 字），不认识 ${clip(key)}`);
    stored[column] = value;
  }
  return stored;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
