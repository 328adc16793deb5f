import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { errorHandler } from './platform/error-handler.js';
import { SESSION_COOKIE, typed } from './platform/http.js';
import { unauthenticated } from './platform/errors.js';
import { acceptJsonBodiesOnly, notFoundHandler, originGuard, refuseNulCharacters } from './platform/request-guards.js';
import { auditRoutes, identityRoutes, sessionOf, sessionViewers, viewerFromSession } from './domains/identity/index.js';
import {
  gridWorkersRoutes,
  mapImportRoutes,
  mapRoutes,
  placeEditsRoutes,
  placesRoutes,
  regionsRoutes,
  startCountyPlaces,
} from './domains/regions/index.js';
import { tileOrigins } from './platform/geo/tiles.js';
import { peopleRoutes } from './domains/people/index.js';
import { vehiclesRoutes } from './domains/vehicles/index.js';
import { documentsRoutes, openDocumentsRoutes, OPEN_DOCUMENT_ROUTES } from './domains/documents/index.js';
import { devicesRoutes } from './domains/iot/index.js';
import { orgsRoutes } from './domains/orgs/index.js';
import { gazetteRoutes } from './domains/gazette/index.js';
import { proposalsRoutes } from './domains/proposals/index.js';
import { tasksRoutes } from './domains/tasks/index.js';
import { exchangeRoutes } from './domains/exchange/index.js';
import {
  caseTypeRegistry,
  casesDeskRoutes,
  casesRoutes,
  reporterContactRoutes,
  worksCases,
  type CaseContext,
} from './domains/cases/index.js';
import { calendarRoutes, startCalendar } from './domains/calendar/index.js';
import { notificationsRoutes } from './domains/notifications/index.js';
import { decisionsRoutes, disclosureRoutes } from './domains/disclosure/index.js';
import { health } from '../common/contracts/platform.js';
import { abandonedVehicleCaseType } from './domains/abandoned-vehicles/index.js';
import { open311ClientsRoutes, open311Routes } from './domains/open311/index.js';
import { FileStore } from './platform/files.js';
import { systemClock, type Clock } from './platform/clock.js';
import { ConciseRequestLog, loggerOptions } from './platform/request-log.js';
import { registerRateLimit } from './platform/rate-limit-store.js';
import {
  alarmCasePolicy,
  alarmsRoutes,
  deviceHealthRoutes,
  alarmOverviewRoutes,
  evaluateWithRules,
  followAlarms,
  iotAlarmCaseType,
  readDeviceTypeFile,
  startAlarmCases,
  iotIngestRoutes,
  iotTelemetryRoutes,
  brokerAuthRoutes,
  ruleSettingsRoutes,
  startIngest,
  type AlarmChange,
  type EvaluateBatch,
  type RunningIngest,
} from './domains/iot/index.js';
import { startEventHub } from './platform/events/event-hub.js';
import { EventStreams } from './platform/events/event-streams.js';
import { eventStreamRoutes } from './platform/events/events.routes.js';

/** The only API routes that answer without a session. */
const PUBLIC_API = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/login-challenge',
  'POST /api/auth/logout',
  'GET /api/public/case-map',
  // The base map and the county's areas: the public case map draws them.
  'GET /api/map/config',
  'GET /api/map/areas',
  // Devices sign in with their own token (iot/ingest/ingest.routes.ts), not a session.
  'POST /api/iot/telemetry',
  // An external broker asks with its shared secret (iot/broker-auth.routes.ts), not a session.
  'POST /api/iot/broker/authenticate',
  'POST /api/iot/broker/authorize',
  // 依申请公开: anyone may apply and follow their application (tracking code + contact), no account.
  'POST /api/open/disclosure/challenge',
  'POST /api/open/disclosure/applications',
  'POST /api/open/disclosure/status',
  'POST /api/open/disclosure/reply-letter',
  // 重大决策预公开: the catalogue and the drafts are read by everyone (a comment needs a session).
  'GET /api/open/decisions',
  'GET /api/open/decisions/:id',
  // 政府信息公开专栏: the public column's published documents and gazette issues.
  ...OPEN_DOCUMENT_ROUTES,
]);

const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');

export interface AppOptions {
  config: Config;
  database: Database;
  logger?: boolean;
  clock?: Clock;
  /** The IoT rule engine, called inside each ingest batch (domains/iot/ingest/rules-hook.ts); none yet. */
  evaluateIotBatch?: EvaluateBatch;
}

declare module 'fastify' {
  interface FastifyInstance {
    casework: CaseContext;
    iot: RunningIngest;
    /** What follows committed alarm changes, wherever they come from: the stream and the alarm → case pick-up. */
    followAlarms: (changes: AlarmChange[]) => void;
  }
}

/** Builds the HTTP app: platform plugins first, then the session hook, then each domain. */
export async function buildApp({ config, database, logger = false, clock = systemClock, evaluateIotBatch }: AppOptions) {
  const app = Fastify({
    logger: logger ? loggerOptions(config) : false,
    logController: new ConciseRequestLog(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.decorate('db', database.db);
  app.decorate('dbKind', database.kind);
  app.decorate('config', config);
  // The working-day calendar as this process keeps it: reloaded whenever any process changes it
  // (LISTEN/NOTIFY), so every request and every sweep round counts on the current one.
  const calendar = await startCalendar(database, { onError: (e) => app.log.error(`工作日历重新加载失败（稍后重试）：${e.message}`) });
  app.addHook('onClose', () => calendar.stop());
  // The county's places, likewise: every report at a point is put in words from them.
  const places = await startCountyPlaces(database, { onError: (e) => app.log.error(`地点数据重新加载失败（稍后重试）：${e.message}`) });
  app.addHook('onClose', () => places.stop());
  // Sessions' viewers, kept briefly; emptied whenever any process changes sessions or accounts.
  const sessions = sessionViewers(database.db);
  const stopSessions = await sessions.listenTo(database.listen);
  app.addHook('onClose', () => stopSessions());
  // The live event stream: one LISTEN for the process, its streams ended with their sessions
  // (whenever the session cache empties) and before the server closes, so app.close() never
  // waits on a stream (docs/decisions/025).
  const hub = await startEventHub(database.listen, { onError: (message) => app.log.error(message) });
  const streams = new EventStreams(
    hub,
    { sessionOf: (token) => sessionOf(sessions, token), onChange: (listener) => sessions.onClear(listener) },
    config.events,
  );
  app.addHook('preClose', async () => {
    await streams.stop();
    await hub.stop();
  });
  app.decorate('casework', {
    db: database.db,
    clock,
    calendar,
    places,
    files: new FileStore(config.filesDir),
    settings: config.cases,
    // The case types the engine hosts (docs/decisions/013); each brings its own API and rules.
    caseTypes: caseTypeRegistry([abandonedVehicleCaseType, iotAlarmCaseType]),
  } satisfies CaseContext);
  app.decorateRequest('viewer', null);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  acceptJsonBodiesOnly(app);

  // Security headers, helmet's middleware built once: @fastify/helmet builds it again for every
  // request, a seventh of the server's own work on a report (docs/BENCHMARKS.md, issue 9).
  const securityHeaders = helmet({
    contentSecurityPolicy: { directives: contentSecurityPolicy(tileOrigins(config.map)) },
    hsts: config.cookieSecure,
    xFrameOptions: { action: 'deny' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  await app.register(cookie);
  // Request limits counted in the database, shared by every process (decision 008).
  await registerRateLimit(app, database.db, clock);
  await app.register(multipart, { limits: { fileSize: 50 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'CivicGrid API', description: '智慧社区一体化综合服务平台 接口', version: VERSION },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          // A device's HTTP token, `用户名:密钥` (iot/credentials.ts), for HTTP ingest.
          deviceToken: { type: 'http', scheme: 'bearer' },
          // BROKER_AUTH_SECRET, sent by an external EMQX to /api/iot/broker/* (iot/broker-auth.routes.ts).
          brokerSecret: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Swagger UI's page sets its own policy with its scripts' hashes. Its styles are set as
  // attributes, which no hash covers: inline styles, as for our own pages. No upgrade of requests
  // to https: a county intranet often serves plain http, where the upgrade breaks the page.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, transformStaticCSP: swaggerCsp });

  app.addHook('onRequest', originGuard(config.allowedOrigins));
  // Every request learns who is asking; routes decide what that viewer may do.
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.viewer = await viewerFromSession(sessions, token, request.ip);
  });
  // A signed-out caller learns nothing of a route's request shape: 401 comes before validation.
  app.addHook('preValidation', async (request) => {
    const url = request.routeOptions.url ?? '';
    if (url.startsWith('/api/') && !url.startsWith('/api/docs') && !PUBLIC_API.has(`${request.method} ${url}`) && !request.viewer)
      throw unauthenticated();
  });
  app.addHook('preValidation', refuseNulCharacters);

  typed(app).get('/api/health', { schema: { tags: ['platform'], summary: '健康检查', response: { 200: health } } }, async () => ({
    status: 'ok' as const,
    db: app.dbKind,
    mode: config.mode,
    version: VERSION,
  }));

  await app.register(identityRoutes, { sessions });
  await app.register(eventStreamRoutes, { streams });
  await app.register(auditRoutes);
  await app.register(regionsRoutes);
  await app.register(placesRoutes);
  await app.register(mapRoutes, { places });
  await app.register(mapImportRoutes);
  await app.register(placeEditsRoutes);
  await app.register(gridWorkersRoutes);
  await app.register(peopleRoutes);
  await app.register(vehiclesRoutes);
  await app.register(documentsRoutes);
  await app.register(openDocumentsRoutes);
  await app.register(devicesRoutes);
  await app.register(orgsRoutes);
  await app.register(gazetteRoutes);
  await app.register(proposalsRoutes);
  await app.register(tasksRoutes);
  await app.register(exchangeRoutes);
  await app.register(casesRoutes);
  await app.register(casesDeskRoutes);
  await app.register(reporterContactRoutes);
  await app.register(calendarRoutes, { calendar, clock });
  await app.register(notificationsRoutes, { readsStaffMessages: worksCases, clock });
  await app.register(disclosureRoutes, { calendar, clock });
  await app.register(decisionsRoutes, { clock });
  await app.register(open311Routes);
  await app.register(open311ClientsRoutes);
  await app.register(alarmsRoutes);
  await app.register(alarmOverviewRoutes);
  // Alarms that open cases (docs/decisions/030): taken right after the ingest commits them, and
  // swept behind that, by every process at once (each alarm claimed by one).
  const alarmCases = startAlarmCases(
    {
      db: database.db,
      casework: app.casework,
      policy: alarmCasePolicy(readDeviceTypeFile()),
      now: () => clock.now(),
      log: (line) => app.log.warn(line),
    },
    config.iot.sweepSeconds * 1000,
  );
  app.addHook('onClose', () => alarmCases.stop());
  app.decorate('followAlarms', followAlarms({ db: database.db, log: (line) => app.log.error(line), wake: alarmCases.wake }));
  // 物联感知 ingest: MQTT (embedded broker, or an external one's shared subscription) and HTTP.
  const iot = await startIngest(database, {
    settings: config.iot,
    host: config.host,
    log: (line) => app.log.warn(line),
    evaluate:
      evaluateIotBatch ??
      evaluateWithRules({
        log: (line) => app.log.warn(line),
        onAlarms: app.followAlarms,
        listen: database.listen,
      }),
  });
  iot.attachWebSocket(app.server);
  app.decorate('iot', iot);
  app.addHook('onClose', () => iot.stop());
  await app.register(iotIngestRoutes, { ingest: iot.ingest });
  await app.register(brokerAuthRoutes, { ingest: iot.ingest, settings: config.iot });
  await app.register(iotTelemetryRoutes);
  await app.register(deviceHealthRoutes);
  await app.register(ruleSettingsRoutes);

  await registerWebClients(app);
  return app;
}

/**
 * What the clients' pages may load: everything from this server, styles inline too (Element
 * Plus and Vant set style attributes), pictures from data: and blob: URLs (photo previews),
 * workers from blob: (the login challenge), and the configured base map's tiles. No other site,
 * no plugins, no framing.
 */
function contentSecurityPolicy(tiles: string[]) {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:', ...tiles],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: null,
  };
}

const swaggerCsp = (header: string) =>
  header.replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';").replace(/\s*upgrade-insecure-requests;?/, '');

/** Serves the built Vue clients: /admin, /m and /open are single-page apps with history routing. */
async function registerWebClients(app: FastifyInstance) {
  const hasBuild = existsSync(path.join(WEB_DIST, 'admin/index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', index: false, wildcard: false });
    app.get('/assets/*', (request, reply) => reply.sendFile(request.url.slice(1).split('?')[0]));
  }
  const page = (file: string) => async (_request: FastifyRequest, reply: FastifyReply) =>
    hasBuild
      ? reply.type('text/html').sendFile(file)
      : reply.status(503).type('text/plain; charset=utf-8').send('前端尚未构建：请运行 npm run build:web');
  app.get('/', async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin', async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin/*', page('admin/index.html'));
  app.get('/m', async (_request, reply) => reply.redirect('/m/'));
  app.get('/m/*', page('resident/index.html'));
  // 政府信息公开专栏: read without signing in.
  app.get('/open', async (_request, reply) => reply.redirect('/open/'));
  app.get('/open/*', page('open/index.html'));
}
