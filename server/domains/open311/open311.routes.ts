import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { typed, type App } from '../../platform/http.js';
import { AppError } from '../../platform/errors.js';
import { idempotencyKeyOf } from '../../platform/idempotency.js';
import { rateLimits } from '../../platform/rate-limit.js';
import {
  createdRequests,
  discovery,
  formatParams,
  mediaParams,
  requestParams,
  requestsQuery,
  serviceDefinition as serviceDefinitionSchema,
  serviceList,
  serviceParams,
  serviceRequests,
  tokenParams,
  tokenRequests,
  type Format,
} from '../../../common/contracts/open311.js';
import { fileResponse } from '../../../common/contracts/cases.js';
import { caseDeps, countyWide, photoFile, publicCasesRepository } from '../cases/index.js';
import { xmlDocument, type XmlValue } from './xml-writer.js';
import { FORM_BODY_LIMIT, installFormParser } from './form-body.js';
import { LIST_ITEMS, OPEN311_PREFIX, presentDiscovery } from './open311.presenter.js';
import {
  listRequests,
  listServices,
  requestById,
  requestOfToken,
  serviceDefinition,
  submitRequest,
  type Open311Deps,
} from './open311.service.js';
import { open311ClientsRepository } from './open311.repository.js';

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) at /open311/v2: other applications list
 * our public services, file requests with an api_key, and follow them. Its own context: the
 * form-body parser and the spec's error array stay inside it.
 */
export async function open311Routes(app: App) {
  await app.register(open311Api, { prefix: OPEN311_PREFIX });
}

/** The OpenAPI entry of a public route (no session): its summary, parameters, 200 answer, and what more it declares. */
const publicSchema = <P extends z.ZodType, R, M extends object = object>(summary: string, params: P, ok: R, more?: M) => ({
  tags: ['open311'],
  summary,
  params,
  ...more,
  security: [] as [],
  response: { 200: ok },
});

/**
 * A GeoReport answer: JSON or XML by the URL's format, the same data either way — both are made
 * from the value the response contract gives (common/contracts/open311.ts), so a field the
 * contract does not name is in neither.
 */
const answers = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema }, 'text/xml': { schema } },
});

/** A route's answer: the contract that shapes it, its description in the OpenAPI document, and its XML root element. */
interface Answer {
  schema: z.ZodType<XmlValue>;
  description: string;
  root: string;
}
const answer = (schema: z.ZodType<XmlValue>, description: string, root: string): Answer => ({ schema, description, root });

async function open311Api(app: App) {
  const r = typed(app);
  const ctx = app.casework;
  // Open311 acts for the whole county: its reports, its public reads.
  const deps = (): Open311Deps => ({
    casework: caseDeps(ctx, countyWide(app.db)),
    publicCases: publicCasesRepository(app.db),
    clients: open311ClientsRepository(app.db),
    limits: rateLimits(app.db),
    clock: ctx.clock,
  });
  // The catalogue is synced from its file at each start, so services change only across starts.
  const changeset = ctx.clock.now();

  installFormParser(app);
  // Open311 answers are public and meant for other applications' pages (a media_url in an
  // <img>): not held to this site's own origin like the session API's.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, errors } = open311Errors(error);
    if (status >= 500) request.log.error(error);
    const wait = error instanceof AppError ? error.details?.retryAfterSeconds : undefined;
    if (typeof wait === 'number') reply.header('Retry-After', String(wait));
    return send(reply, formatOfUrl(request.url), 'errors', errors, status);
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, formatOfUrl(request.url), 'errors', [{ code: 404, description: '没有这个 Open311 接口（NOT_FOUND）' }], 404),
  );

  /**
   * A public GeoReport route (a GET unless `options` says otherwise): in the OpenAPI document as
   * `options` describe it, answered in the URL's format with what `produce` gives, shaped by the
   * contract in `shape` and written under its root element.
   */
  function route<P extends z.ZodType<{ format: Format }>, Q extends z.ZodType>(
    url: string,
    options: { method?: 'POST'; summary: string; params: P; querystring?: Q; consumes?: string[]; bodyLimit?: number },
    shape: Answer,
    produce: (request: FastifyRequest<{ Params: z.infer<P>; Querystring: z.infer<Q> }>) => unknown,
  ) {
    const { method = 'GET', summary, params, bodyLimit, ...more } = options;
    r.route({
      method,
      url,
      bodyLimit,
      schema: publicSchema(summary, params, answers(shape.schema, shape.description), more),
      handler: async (request, reply) => {
        const asked = request as FastifyRequest<{ Params: z.infer<P>; Querystring: z.infer<Q> }>;
        const { format } = request.params as { format: Format };
        return send(reply, format, shape.root, shape.schema.parse(await produce(asked)));
      },
    });
  }

  route(
    '/discovery.:format',
    { summary: 'Open311 服务发现', params: formatParams },
    answer(discovery, '服务发现', 'discovery'),
    (request) => presentDiscovery({ origin: originOf(request), changeset, demo: app.config.mode === 'demo' }),
  );
  route(
    '/services.:format',
    { summary: 'Open311 服务列表（公开的事件分类）', params: formatParams },
    answer(serviceList, '服务列表', 'services'),
    () => listServices(deps()),
  );
  route(
    '/services/:service_code.:format',
    { summary: 'Open311 服务定义（分类的公开填写项）', params: serviceParams },
    answer(serviceDefinitionSchema, '服务定义', 'service_definition'),
    (request) => serviceDefinition(deps(), request.params.service_code),
  );
  // 200 for a new request and for a replay alike: the spec shows no other status, and clients
  // written from it look for 200.
  route(
    '/requests.:format',
    {
      method: 'POST',
      summary: 'Open311 提交事件（application/x-www-form-urlencoded，须带 api_key）',
      params: formatParams,
      consumes: ['application/x-www-form-urlencoded', 'application/json'],
      bodyLimit: FORM_BODY_LIMIT,
    },
    answer(createdRequests, '新事件的受理编号（service_request_id）和 token', 'service_requests'),
    async (request) => (await submitRequest(deps(), request.body, idempotencyKeyOf(request), request.ip)).response,
  );
  route(
    '/requests.:format',
    { summary: 'Open311 查询事件（默认最近 90 天，至多 1000 条）', params: formatParams, querystring: requestsQuery },
    answer(serviceRequests, '事件（公开分类的，不含个人信息）', 'service_requests'),
    (request) => listRequests(deps(), request.query, originOf(request)),
  );
  route(
    '/requests/:service_request_id.:format',
    { summary: 'Open311 查询一件事件', params: requestParams },
    answer(serviceRequests, '一件事件', 'service_requests'),
    (request) => requestById(deps(), request.params.service_request_id, originOf(request)),
  );
  route(
    '/tokens/:token.:format',
    { summary: 'Open311 由 token 查受理编号', params: tokenParams },
    answer(tokenRequests, 'token 对应的受理编号', 'service_requests'),
    (request) => requestOfToken(deps(), request.params.token),
  );

  // The media_url of a request with one of our photos: its display copy (no metadata at all),
  // for public cases only. The staff photo route needs a session, which an Open311 app has not.
  r.get(
    '/media/:photo_id.:format',
    { schema: publicSchema('Open311 公开事件的展示照片', mediaParams, fileResponse(['image/jpeg'], '展示图（无元数据）')) },
    async (request, reply) => {
      const d = deps();
      const photo = await d.publicCases.publicPhoto(request.params.photo_id);
      if (!photo) throw new AppError(404, 'MEDIA_NOT_FOUND', '照片不存在或不公开');
      const { path } = await photoFile(d.casework, photo.id, 'display');
      return reply
        .type('image/jpeg')
        .header('Cache-Control', 'public, max-age=3600')
        .send(await ctx.files.open(path));
    },
  );
}

/** Writes the answer as the URL asked: the value (already shaped by its contract) as JSON or as the spec's XML. */
function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  reply.status(status);
  if (format === 'xml') return reply.type('text/xml; charset=utf-8').send(xmlDocument(root, value, LIST_ITEMS));
  return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

/** The format of the resource asked for: errors answer in it too (JSON when it is not XML). */
function formatOfUrl(url: string): Format {
  return url.split('?')[0].toLowerCase().endsWith('.xml') ? 'xml' : 'json';
}

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * The spec's error array. HTTP 404 for what does not exist, 403 for a missing or wrong api_key,
 * 429 (with Retry-After) for too many requests, 400 for any other refusal; each error's code is the HTTP status, and its description ends with
 * our stable code in brackets so a program can tell OUTSIDE_COUNTY from FIELD_REQUIRED.
 */
export function open311Errors(error: FastifyError | AppError): { status: number; errors: { code: number; description: string }[] } {
  if (error instanceof AppError) {
    const status = [403, 404, 429].includes(error.status) ? error.status : error.status >= 500 ? 500 : 400;
    const issues = error.details?.issues;
    const descriptions = Array.isArray(issues) && issues.length ? issues.map(String) : [error.message];
    return { status, errors: descriptions.map((d) => ({ code: status, description: `${d}（${error.code}）` })) };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    return {
      status: 400,
      errors: error.validation.map((v) => {
        const field = v.instancePath.split('/').filter(Boolean).join('.') || error.validationContext || '请求';
        return { code: 400, description: `参数 ${field} 无效：${v.message}（VALIDATION）` };
      }),
    };
  }
  if (error.statusCode && error.statusCode < 500) {
    return { status: 400, errors: [{ code: 400, description: `请求无效：${error.message}（${error.code ?? 'BAD_REQUEST'}）` }] };
  }
  return { status: 500, errors: [{ code: 500, description: '服务器内部错误，请稍后重试（INTERNAL）' }] };
}
