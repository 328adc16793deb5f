import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Clock } from '../../platform/clock.js';
import { AppError, invalid } from '../../platform/errors.js';
import { addressBucket, rateLimited, type RateLimits, type RateWindow } from '../../platform/rate-limit.js';
import { reportCase, type CaseDeps, type PublicCaseRow, type PublicCasesRepository } from '../cases/index.js';
import { wgs84ToGcj02 } from '../../../common/coordinates.js';
import { postRequestBody, type RequestsQuery } from '../../../common/contracts/open311.js';
import { fieldsOf } from './form-body.js';
import type { Open311ClientsRepository } from './open311.repository.js';
import { presentRequest, presentService, presentServiceDefinition, regionPlaceOf, serviceNotice } from './open311.presenter.js';
import { clientOf } from './clients.js';
import { caseAttributes } from './attributes.js';

/** What Open311 needs: the case engine (to report, over the whole county) and its public read model, its clients, a rate counter, the time. */
export interface Open311Deps {
  casework: CaseDeps;
  publicCases: PublicCasesRepository;
  clients: Open311ClientsRepository;
  /** The filing rates, counted across processes (platform/rate-limit.ts). */
  limits: Pick<RateLimits, 'hit'>;
  clock: Clock;
}

/**
 * GeoReport v2 over the casework engine. A request becomes a case through reportCase, like any
 * other report; reads show public categories' cases with nothing personal in them.
 */
const DAY_MS = 86_400_000;
// "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest."
export const REQUESTS_SPAN_DAYS = 90;
export const REQUESTS_LIMIT = 1000;

const serviceNotFound = (code: string) => new AppError(404, 'SERVICE_NOT_FOUND', `服务 ${code} 不存在`);
const requestNotFound = () => new AppError(404, 'REQUEST_NOT_FOUND', '该受理编号不存在或不公开');

export async function listServices(deps: Pick<Open311Deps, 'publicCases'>) {
  return (await deps.publicCases.publicServices()).map(presentService);
}

export async function serviceDefinition(deps: Pick<Open311Deps, 'publicCases'>, code: string) {
  const service = await deps.publicCases.publicService(code);
  if (!service) throw serviceNotFound(code);
  return presentServiceDefinition(service);
}

/**
 * How many requests an application may file: per address before the key is checked (so keys
 * cannot be guessed at speed), per application after. An application filing for a whole city
 * files a few a minute; a hundred in five seconds is a loop or an attack (issue 7, finding 11).
 */
export const OPEN311_LIMITS = {
  perAddress: { windowMs: 60_000, limit: 60 },
  perClient: { windowMs: 60_000, limit: 30 },
} as const;

/** POST requests: rate and api_key first (429, 403), then the fields (400), then the service (404), then the case. */
export async function submitRequest(deps: Open311Deps, body: unknown, idempotencyKey?: string, address = 'unknown') {
  await withinLimit(deps, `open311.address:${addressBucket(address)}`, OPEN311_LIMITS.perAddress);
  // The key is a POST field, never a query parameter: URLs end up in access logs.
  const { api_key, fields } = fieldsOf(body);
  const client = await clientOf(deps.clients, api_key);
  await withinLimit(deps, `open311.client:${client.id}`, OPEN311_LIMITS.perClient);
  const input = parsed(postRequestBody, fields);
  const service = await deps.publicCases.publicService(input.service_code);
  // A private category (燃气, 矛盾纠纷 …) is not a service here: the same 404 as an unknown code.
  if (!service) throw serviceNotFound(input.service_code);
  const attributes = caseAttributes(service.form, input.attributes);
  const regionId = input.address_id === undefined ? undefined : await regionOfAddressId(deps.publicCases, input.address_id);
  // GeoReport's lat/long are WGS-84 (GPS); the case API, the map and the county outline are GCJ-02.
  const point = input.lat === undefined ? undefined : wgs84ToGcj02({ lon: input.long!, lat: input.lat });
  const token = `o311-${randomBytes(16).toString('base64url')}`;
  const result = await reportCase(
    deps.casework,
    { kind: 'open311', clientId: client.id, clientName: client.name },
    {
      categoryId: service.id,
      // The spec makes the description optional; a case needs one, and the service names the problem.
      description: input.description || service.name,
      attributes,
      lat: point?.lat,
      lon: point?.lon,
      address: input.address_string,
      regionId,
      photoIds: [],
      anonymous: false,
      urgent: false,
      reporterName: reporterName(input.first_name, input.last_name),
      reporterPhone: input.phone,
      reference: token,
      mediaUrl: input.media_url,
    },
    idempotencyKey,
  );
  // A retried POST answers with the first try's token, so the client's token stays good.
  const issued = result.replayed ? ((await deps.publicCases.tokenOfCase(result.caseId)) ?? token) : token;
  return {
    replayed: result.replayed,
    response: [{ service_request_id: result.number, token: issued, service_notice: serviceNotice(service), account_id: null }],
  };
}

async function withinLimit(deps: Pick<Open311Deps, 'limits' | 'clock'>, key: string, window: RateWindow) {
  const count = await deps.limits.hit(key, window, deps.clock.now());
  if (count.exceeded) {
    throw rateLimited(count, `提交过于频繁：每分钟至多 ${window.limit} 件，请 ${count.retryAfterSeconds} 秒后再试`);
  }
}

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '请求'}：${i.message}`);
  throw invalid('VALIDATION', `请求参数有误：${issues.join('；')}`, { issues });
}

/** 姓 then 名 for Chinese names (赵 + 丽华), "given family" otherwise. */
function reporterName(first?: string, last?: string): string | undefined {
  if (!first && !last) return undefined;
  const han = /\p{Script=Han}/u;
  const name = han.test(first ?? '') || han.test(last ?? '') ? `${last ?? ''}${first ?? ''}` : [first, last].filter(Boolean).join(' ');
  return name.slice(0, 40);
}

/** address_id is a region's code (统计用区划代码 or the county's local code): a town, community or grid. */
async function regionOfAddressId(publicCases: PublicCasesRepository, code: string): Promise<number | undefined> {
  const region = await publicCases.regionByCode(code);
  if (!region) throw invalid('UNKNOWN_ADDRESS_ID', `address_id ${code} 不是本县的区划代码`);
  return region.level === 'county' ? undefined : region.id;
}

export async function listRequests(deps: Pick<Open311Deps, 'publicCases' | 'clock'>, q: RequestsQuery, origin: string) {
  if (q.service_request_id) {
    // "This overrides all other arguments."
    return presentCases(
      deps,
      await deps.publicCases.publicCases({ numbers: q.service_request_id.map((n) => n.toUpperCase()), limit: REQUESTS_LIMIT }),
      origin,
    );
  }
  const span = REQUESTS_SPAN_DAYS * DAY_MS;
  const to = q.end_date ?? (q.start_date ? new Date(q.start_date.getTime() + span) : deps.clock.now());
  const from = q.start_date ?? new Date(to.getTime() - span);
  if (from > to) throw invalid('DATE_RANGE', 'start_date 不能晚于 end_date');
  if (to.getTime() - from.getTime() > span) throw invalid('DATE_RANGE', `查询时间跨度不能超过 ${REQUESTS_SPAN_DAYS} 天`);
  const statuses = new Set(q.status ?? []);
  const rows = await deps.publicCases.publicCases({
    serviceCodes: q.service_code,
    from,
    to,
    open: statuses.size === 1 ? statuses.has('open') : undefined,
    limit: REQUESTS_LIMIT,
  });
  return presentCases(deps, rows, origin);
}

export async function requestById(deps: Pick<Open311Deps, 'publicCases'>, number: string, origin: string) {
  const rows = await deps.publicCases.publicCases({ numbers: [number.toUpperCase()], limit: 1 });
  if (!rows.length) throw requestNotFound();
  return presentCases(deps, rows, origin);
}

export async function requestOfToken(deps: Pick<Open311Deps, 'publicCases'>, token: string) {
  const row = await deps.publicCases.caseOfToken(token);
  if (!row) throw new AppError(404, 'TOKEN_NOT_FOUND', '该 token 不存在');
  return [{ service_request_id: row.number, token }];
}

async function presentCases(deps: Pick<Open311Deps, 'publicCases'>, rows: PublicCaseRow[], origin: string) {
  const ids = rows.map((r) => r.id);
  const regionIds = [...new Set(rows.flatMap((r) => r.region_path.split('/').filter(Boolean).map(Number)))];
  const [steps, photos, names] = await Promise.all([
    deps.publicCases.latestStatusSteps(ids),
    deps.publicCases.firstPublicPhotos(ids),
    deps.publicCases.regionNames(regionIds),
  ]);
  return rows.map((c) =>
    presentRequest(c, {
      step: steps.get(c.id),
      photo: photos.get(c.id),
      regionPlace: regionPlaceOf(c.region_path, names),
      origin,
    }),
  );
}
