import type { CaseFormField } from '../../platform/db/schema.js';
import type { SlaUnit } from '../../../common/enums.js';
import { CASE_STATUS_ZH } from '../../../common/labels-zh.js';
import { gcj02ToWgs84 } from '../../../common/coordinates.js';
import type { Discovery, ServiceRequest } from '../../../common/contracts/open311.js';
import type { PublicCaseRow, PublicServiceRow as ServiceRow } from '../cases/index.js';

/**
 * Every Open311 answer is made here, in the field names and order of GeoReport v2
 * (wiki.open311.org/GeoReport_v2). What a public answer may carry is decided here too: public
 * form fields only, places without a home's address, notes without phone numbers or e-mail.
 */
export const SPEC_URL = 'http://wiki.open311.org/GeoReport_v2';
export const OPEN311_PREFIX = '/open311/v2';

/** The spec's list containers and the element each item takes in XML (Spark convention). */
export const LIST_ITEMS = {
  services: 'service',
  attributes: 'attribute',
  values: 'value',
  service_requests: 'request',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
} as const;

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** A W3C date-time in Beijing time with its offset, as the county reads it: 2026-11-30T10:00:00+08:00. */
export function w3cTime(at: Date): string {
  return `${new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/**
 * The category's promise, counted from acceptance (受理): on the working-day calendar, or for an
 * emergency in real hours round the clock (decision 037), where no holiday puts it off.
 */
export function serviceNotice(s: { sla_amount: number; sla_unit: SlaUnit }): string {
  switch (s.sla_unit) {
    case 'calendar_hours':
      return `受理后${s.sla_amount}小时内处置（全天候计时，节假日不顺延）`;
    case 'working_days':
      return `受理后${s.sla_amount}个工作日内办结（按工作日计算，遇法定节假日顺延）`;
    case 'working_hours':
      return `受理后${s.sla_amount}个工作小时内办结（按工作日计算，遇法定节假日顺延）`;
  }
}

export const publicFields = (form: CaseFormField[]) => form.filter((f) => f.public === true);

export function presentService(s: ServiceRow) {
  return {
    service_code: s.code,
    service_name: s.name,
    description: `${s.group_name ? `${s.group_name} · ` : ''}${s.name}。${serviceNotice(s)}`,
    metadata: publicFields(s.form).length > 0,
    type: 'realtime',
    keywords: s.keywords.join(', '),
    group: s.group_name,
  };
}

/** Our form field types in the spec's datatypes; a yes/no question is a two-value list. */
const DATATYPE: Record<CaseFormField['type'], string> = {
  text: 'string',
  number: 'number',
  date: 'datetime',
  boolean: 'singlevaluelist',
  select: 'singlevaluelist',
  multiselect: 'multivaluelist',
};
const DATATYPE_NOTE: Partial<Record<CaseFormField['type'], string>> = {
  text: '单行文字，不超过 200 字',
  number: '数字',
  date: '日期，如 2026-11-30（也可给带时区的日期时间）',
};
export const BOOLEAN_VALUES = [
  { key: 'true', name: '是' },
  { key: 'false', name: '否' },
];

export function presentServiceDefinition(s: ServiceRow) {
  return {
    service_code: s.code,
    attributes: publicFields(s.form).map((f, i) => ({
      variable: true,
      code: f.key,
      datatype: DATATYPE[f.type],
      required: f.required === true,
      datatype_description: DATATYPE_NOTE[f.type] ?? null,
      order: i + 1,
      description: f.label,
      ...(f.type === 'boolean'
        ? { values: BOOLEAN_VALUES }
        : f.options
          ? { values: f.options.map((o) => ({ key: o.value, name: o.label })) }
          : {}),
    })),
  };
}

export interface RequestExtras {
  step: { note: string | null; to_status: string | null } | undefined;
  photo: { id: number; media_url: string | null } | undefined;
  regionPlace: string;
  origin: string;
}

/** A stored point (GCJ-02) as the spec's WGS-84, to 1e-7° (about a centimetre). */
function wgs84Of(c: { lat: number | null; lon: number | null }) {
  if (c.lat === null || c.lon === null) return { lat: null, long: null };
  const p = gcj02ToWgs84({ lon: c.lon, lat: c.lat });
  const round = (v: number) => Math.round(v * 1e7) / 1e7;
  return { lat: round(p.lat), long: round(p.lon) };
}

export function presentRequest(c: PublicCaseRow, x: RequestExtras): ServiceRequest {
  const statusWord = (s: string | null) => (s ? ((CASE_STATUS_ZH as Record<string, string>)[s] ?? null) : null);
  const note = x.step ? (x.step.note ? redactPersonalData(x.step.note) : statusWord(x.step.to_status)) : statusWord(c.status);
  return {
    service_request_id: c.number,
    // 已结案, 已评价, 不予受理 and 已合并 are all "resolved" in the spec's two words.
    status: c.open ? ('open' as const) : ('closed' as const),
    status_notes: note,
    service_name: c.service_name,
    service_code: c.service_code,
    description: publicSummary(c.form, c.attributes),
    agency_responsible: c.unit_name ?? c.handler_region_name ?? null,
    service_notice: serviceNotice(c),
    requested_datetime: w3cTime(c.reported_at),
    updated_datetime: w3cTime(c.last_event_at),
    expected_datetime: c.due_at ? w3cTime(c.due_at) : null,
    address: publicPlace(c, x.regionPlace),
    address_id: c.region_code,
    zipcode: null,
    ...wgs84Of(c),
    media_url: x.photo ? (x.photo.media_url ?? `${x.origin}${OPEN311_PREFIX}/media/${x.photo.id}.jpg`) : null,
  };
}

/**
 * The description a public answer can carry: the category's public fields as "label：value".
 * Never the reporter's own words, which are theirs and the handlers' to read (as on the
 * public case map); null when the case has no public fields.
 */
export function publicSummary(form: CaseFormField[], attributes: Record<string, unknown>): string | null {
  const parts = publicFields(form).flatMap((f) => {
    const value = attributes[f.key];
    if (value === undefined || value === null || value === '') return [];
    const label = (v: unknown) => f.options?.find((o) => o.value === v)?.label ?? String(v);
    const shown = f.type === 'boolean' ? (value ? '是' : '否') : Array.isArray(value) ? value.map(label).join('、') : label(value);
    return [`${f.label}：${redactPersonalData(shown)}`];
  });
  return parts.length ? parts.join('；') : null;
}

// A home's address: a room (室/户), a unit of a building (单元), 3-2-301, or 5号楼 502.
const DWELLING = /\d\s*(?:室|户)|[\d一二三四五六七八九十]\s*单元|(?<!\d)\d{1,3}-\d{1,3}-\d{2,5}(?!\d)|号楼\s*\d{3,4}(?![\d号])/;

/**
 * Where the problem is, as the public may see it. A house's address names a home, so a case at
 * a house shows its region instead (as publicCaseMap does); so does a typed address that
 * reaches down to a unit or a room.
 */
export function publicPlace(c: { house_id: number | null; address: string | null }, regionPlace: string): string {
  if (c.house_id !== null || !c.address || DWELLING.test(c.address)) return regionPlace;
  return redactPersonalData(c.address);
}

/** Region names along a path ('/1/4/17/230/'), most specific first, as the spec orders an address. */
export function regionPlaceOf(path: string, names: ReadonlyMap<number, string>): string {
  const ids = path.split('/').filter(Boolean).map(Number).reverse();
  return ids
    .map((id) => names.get(id))
    .filter(Boolean)
    .join('，');
}

const PERSONAL_DATA: RegExp[] = [
  /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, // e-mail
  /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, // 身份证号
  /(?<!\d)(?:\+?86[- ]?)?1[3-9]\d(?:[- ]?\d{4}){2}(?!\d)/g, // mobile, 139 1234 5678 too
  /(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)/g, // landline
  /\d{1,5}\s*(?:室|户)/g, // a room
];

/** Phone numbers, ID numbers, e-mail addresses and room numbers in free text become ***. */
export function redactPersonalData(text: string): string {
  return PERSONAL_DATA.reduce((t, pattern) => t.replace(pattern, '***'), text);
}

export function presentDiscovery(p: { origin: string; changeset: Date; demo: boolean }): Discovery {
  const changeset = w3cTime(p.changeset).slice(0, 16).replace('T', ' ');
  return {
    changeset,
    contact: '平阴县智慧社区一体化综合服务平台（CivicGrid）管理员',
    key_service: 'API 密钥（api_key）由平台管理员发放；提交事件须带 api_key，查询无需密钥',
    endpoints: [
      {
        specification: SPEC_URL,
        url: `${p.origin}${OPEN311_PREFIX}`,
        changeset,
        // Demo data is not acted upon: the spec's "test".
        type: p.demo ? ('test' as const) : ('production' as const),
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
