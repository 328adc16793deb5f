import { z } from 'zod';

/**
 * What GeoReport v2 clients may send, checked before any service code runs. "Optional" in the
 * spec means an empty parameter counts as a missing one, so blanks become undefined first.
 */
export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];
const format = z.enum(FORMATS);

const blankIsMissing = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalText = (max: number) => z.preprocess(blankIsMissing, z.string().trim().max(max).optional());
const optionalNumber = (min: number, max: number) => z.preprocess(
  (v) => (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : blankIsMissing(v)),
  z.number().min(min).max(max).optional(),
);

export const formatParams = z.object({ format });
export const serviceParams = z.object({ service_code: z.string().max(64), format });
export const requestParams = z.object({ service_request_id: z.string().regex(/^[A-Za-z0-9]{1,40}$/, '受理编号格式不正确'), format });
export const tokenParams = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'token 格式不正确'), format });
export const mediaParams = z.object({ photo_id: z.coerce.number().int().positive(), format: z.literal('jpg') });

/**
 * A W3C date-time (www.w3.org/TR/NOTE-datetime) with its zone, as the spec requires; a bare
 * date means midnight in Beijing. In a query string '+' decodes to a space, so "…T00:00:00 08:00"
 * is read as the +08:00 the client meant.
 */
const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+\- ]\d{2}:\d{2}))?$/;
export function parseW3cDateTime(text: string): Date | null {
  const m = W3C.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const day = new Date(Date.UTC(+y, +mo - 1, +d));
  if (day.getUTCFullYear() !== +y || day.getUTCMonth() !== +mo - 1 || day.getUTCDate() !== +d) return null;
  if (h !== undefined && (+h > 23 || +mi > 59 || +(s ?? 0) > 59)) return null;
  const iso = h === undefined ? `${y}-${mo}-${d}T00:00:00+08:00` : `${text.trim().slice(0, -zone.length)}${zone.replace(' ', '+')}`;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at;
}
const w3cDateTime = z.preprocess(blankIsMissing, z.string().max(40).transform((text, ctx) => {
  const at = parseW3cDateTime(text);
  if (!at) {
    ctx.addIssue({ code: 'custom', message: '须为带时区的 W3C 日期时间，如 2026-11-30T00:00:00+08:00' });
    return z.NEVER;
  }
  return at;
}).optional());

/** "can be declared multiple times, comma delimited": a=1,2 and a=1&a=2 both. */
const commaList = <T extends z.ZodType<string>>(item: T, max: number) => z.preprocess(
  (v) => {
    const parts = (Array.isArray(v) ? v : [v]).filter((p): p is string => typeof p === 'string').flatMap((p) => p.split(','));
    const items = parts.map((p) => p.trim()).filter(Boolean);
    return items.length ? items : undefined;
  },
  z.array(item).max(max, `最多 ${max} 项`).optional(),
);

export const requestsQuery = z.object({
  jurisdiction_id: optionalText(100),
  service_request_id: commaList(z.string().regex(/^[A-Za-z0-9]{1,40}$/, '受理编号格式不正确'), 200),
  service_code: commaList(z.string().max(64), 50),
  start_date: w3cDateTime,
  end_date: w3cDateTime,
  status: commaList(z.enum(['open', 'closed']), 2),
});
export type RequestsQuery = z.infer<typeof requestsQuery>;

export const MAX_ATTRIBUTES = 20;
const attributeValue = z.union([z.string().trim().max(200), z.array(z.string().trim().max(200)).max(20)]);

/** POST requests: the fields the spec names, the api_key aside (checked first, for the 403). */
export const postRequestBody = z.object({
  jurisdiction_id: optionalText(100),
  service_code: z.preprocess(blankIsMissing, z.string({ error: '缺少 service_code' }).trim().min(1).max(64)),
  lat: optionalNumber(-90, 90),
  long: optionalNumber(-180, 180),
  address_string: optionalText(200),
  address_id: optionalText(64),
  email: z.preprocess(blankIsMissing, z.email('email 格式不正确').max(254).optional()),
  device_id: optionalText(100),
  account_id: optionalText(100),
  first_name: optionalText(40),
  last_name: optionalText(40),
  phone: z.preprocess(blankIsMissing, z.string().trim().regex(/^\+?[0-9][0-9 ()-]{2,29}$/, 'phone 格式不正确').optional()),
  // The spec allows 4,000 characters; a case description holds 2,000 everywhere in CivicGrid.
  description: optionalText(2000),
  media_url: z.preprocess(blankIsMissing, z.url({ protocol: /^https?$/, error: 'media_url 须为 http(s) 地址' }).max(500).optional()),
  attributes: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '属性编码格式不正确'), attributeValue)
    .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, `最多 ${MAX_ATTRIBUTES} 个属性`),
})
  .refine((b) => (b.lat === undefined) === (b.long === undefined), { message: 'lat 和 long 须同时提供', path: ['lat'] })
  .refine((b) => b.lat !== undefined || b.address_string !== undefined || b.address_id !== undefined, {
    message: '须提供位置：lat 与 long、address_string 或 address_id 之一', path: ['lat'],
  });
export type PostRequestInput = z.infer<typeof postRequestBody>;

/** A form body as sent: name/value pairs in order, repeated names kept (see form-body.ts). */
export class FormFields {
  constructor(readonly pairs: readonly [string, string][]) {}
}

const ATTRIBUTE_FIELD = /^attribute\[([^\][]*)\](\[\])?$/;
export const MAX_FIELDS = 200;

/**
 * The body's fields with the spec's attribute[code]=v and attribute[code][]=v gathered into
 * `attributes`. A form body or a JSON object (whose `attribute` may also be an object). Other
 * repeated fields stay arrays, which the schema then refuses.
 */
export function fieldsOf(body: unknown): { api_key: unknown; fields: Record<string, unknown> } {
  const pairs: [string, unknown][] = body instanceof FormFields ? [...body.pairs]
    : body && typeof body === 'object' && !Array.isArray(body) ? Object.entries(body) : [];
  const fields = new Map<string, unknown>();
  const attributes = new Map<string, unknown>();
  const addAttribute = (code: string, value: unknown, list: boolean) => {
    // A JSON client may send numbers and booleans where a form sends their text.
    const values = (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : v));
    const earlier = attributes.get(code);
    if (earlier === undefined && !list && values.length === 1) attributes.set(code, values[0]);
    else attributes.set(code, [...(earlier === undefined ? [] : Array.isArray(earlier) ? earlier : [earlier]), ...values]);
  };
  for (const [name, value] of pairs) {
    const attribute = ATTRIBUTE_FIELD.exec(name);
    if (attribute) addAttribute(attribute[1], value, attribute[2] !== undefined);
    else if (name === 'attribute' && value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [code, v] of Object.entries(value)) addAttribute(code, v, Array.isArray(v));
    } else if (fields.has(name)) fields.set(name, [fields.get(name), value].flat());
    else fields.set(name, value);
  }
  const apiKey = fields.get('api_key');
  fields.delete('api_key');
  return { api_key: apiKey, fields: { ...Object.fromEntries(fields), attributes: Object.fromEntries(attributes) } };
}
