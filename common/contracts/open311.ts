import { z } from 'zod';

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2; server/domains/open311): what other
 * applications send and what they get back. Every resource answers JSON or XML by the URL's
 * format (…/services.json, …/services.xml); the XML is the same data as the JSON — the response
 * schemas below shape both (the XML writer takes the value these produce, lists as containers
 * of the spec's item elements). Times are W3C date-times in Beijing time (+08:00), as the spec
 * asks, not the API's UTC ISO strings.
 */
/**
 * What GeoReport v2 clients may send, checked before any service code runs. "Optional" in the
 * spec means an empty parameter counts as a missing one, so blanks become undefined first.
 */
export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];
const format = z.enum(FORMATS);

const blankIsMissing = (v: unknown) => (v === '' || v === null ? undefined : v);
const optionalText = (max: number) => z.preprocess(blankIsMissing, z.string().trim().max(max).optional());
const optionalNumber = (min: number, max: number) =>
  z.preprocess(
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
const w3cDateTime = z.preprocess(
  blankIsMissing,
  z
    .string()
    .max(40)
    .transform((text, ctx) => {
      const at = parseW3cDateTime(text);
      if (!at) {
        ctx.addIssue({ code: 'custom', message: '须为带时区的 W3C 日期时间，如 2026-11-30T00:00:00+08:00' });
        return z.NEVER;
      }
      return at;
    })
    .optional(),
);

/** "can be declared multiple times, comma delimited": a=1,2 and a=1&a=2 both. */
const commaList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z.preprocess(
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
export const postRequestBody = z
  .object({
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
    phone: z.preprocess(
      blankIsMissing,
      z
        .string()
        .trim()
        .regex(/^\+?[0-9][0-9 ()-]{2,29}$/, 'phone 格式不正确')
        .optional(),
    ),
    // The spec allows 4,000 characters; a case description holds 2,000 everywhere in CivicGrid.
    description: optionalText(2000),
    media_url: z.preprocess(
      blankIsMissing,
      z
        .url({ protocol: /^https?$/, error: 'media_url 须为 http(s) 地址' })
        .max(500)
        .optional(),
    ),
    attributes: z
      .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, '属性编码格式不正确'), attributeValue)
      .refine((a) => Object.keys(a).length <= MAX_ATTRIBUTES, `最多 ${MAX_ATTRIBUTES} 个属性`),
  })
  .refine((b) => (b.lat === undefined) === (b.long === undefined), { message: 'lat 和 long 须同时提供', path: ['lat'] })
  .refine((b) => b.lat !== undefined || b.address_string !== undefined || b.address_id !== undefined, {
    message: '须提供位置：lat 与 long、address_string 或 address_id 之一',
    path: ['lat'],
  });
export type PostRequestInput = z.infer<typeof postRequestBody>;

// ——— responses ———

const nullableText = z.string().nullable();

export const discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});
export type Discovery = z.infer<typeof discovery>;

export const service = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: nullableText,
});
export const serviceList = z.array(service);

export const serviceDefinition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
      required: z.boolean(),
      datatype_description: nullableText,
      order: z.number().int(),
      description: z.string(),
      /** Only for lists: the values a client may send. */
      values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
    }),
  ),
});

/** POST requests: the new request's id (the case number) and its token. */
export const createdRequests = z.array(
  z.object({
    service_request_id: z.string(),
    token: z.string(),
    service_notice: z.string(),
    account_id: z.null(),
  }),
);

export const serviceRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: nullableText,
  service_name: z.string(),
  service_code: z.string(),
  description: nullableText,
  agency_responsible: nullableText,
  service_notice: z.string(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: nullableText,
  address: z.string(),
  address_id: z.string(),
  zipcode: z.null(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: nullableText,
});
export type ServiceRequest = z.infer<typeof serviceRequest>;
export const serviceRequests = z.array(serviceRequest);

export const tokenRequests = z.array(z.object({ service_request_id: z.string(), token: z.string() }));

// ——— client applications, as the county administrator manages them (/api/open311-clients) ———

export const open311Client = z.object({ id: z.number().int(), name: z.string(), active: z.boolean(), createdAt: z.string() });
export type Open311Client = z.infer<typeof open311Client>;
export const open311ClientList = z.object({ items: z.array(open311Client) });
export const newOpen311ClientBody = z.object({ name: z.string().trim().min(1).max(60) });
/** The key is in this answer only: only its SHA-256 is kept. */
export const newOpen311Client = z.object({ id: z.number().int(), name: z.string(), apiKey: z.string() });
export const revokedOpen311Client = z.object({ client: open311Client, alreadyRevoked: z.boolean() });
