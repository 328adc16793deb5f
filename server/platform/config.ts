import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/**
 * Everything the server reads from its environment, checked once at start. Defaults are the
 * embedded ones (PGlite under ./data), so `npm start` needs nothing installed.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 须为 postgres:// 地址')
      .optional(),
  ),
  // demo: fresh installs load the demo county and demo accounts; production creates no accounts.
  CIVICGRID_MODE: z.enum(['demo', 'production']).default('demo'),
  DEMO_PASSWORD: z.string().min(8).default('Civic@2023'),
  DEMO_RESIDENTS: z.coerce.number().int().min(100).max(2_000_000).default(6000),
  DEMO_SEED: z.coerce.number().int().default(20230919),
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\d+(kB|MB|GB)$/, '形如 32MB')
    .default('32MB'),
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  // Secure cookies need HTTPS; a deployment behind TLS sets COOKIE_SECURE=true.
  COOKIE_SECURE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // Only behind a reverse proxy may X-Forwarded-For be believed: trusted blindly, any client
  // could claim a new address on each try and slip past the login slowdown.
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  // Pages of other origins allowed to change state through the session API (comma-separated,
  // e.g. https://pingyin.example.gov.cn when a proxy rewrites Host). The server's own origin
  // always is; everything else is refused (request-guards.ts).
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine((list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), '须为逗号分隔的 http(s)://主机[:端口]，不带路径'),
  // Casework: a new report this close (metres) to an open case of its category, within this
  // many days, is offered as "is it this one?".
  CASE_DUPLICATE_METRES: z.coerce.number().int().min(1).max(5000).default(50),
  CASE_DUPLICATE_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  // Days after closing when reporters are asked "was it really fixed?".
  CASE_QUESTIONNAIRE_DAYS: z.coerce.number().min(0).max(90).default(3),
  // Working hours a unit has after a 督办单 before the case goes to the leader in charge.
  CASE_ESCALATE_HOURS: z.coerce.number().int().min(1).max(200).default(7),
  SUPERVISION_SWEEP_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  // Demo mode registers one Open311 client application with this key.
  DEMO_OPEN311_KEY: z.string().min(16).default('pingyin-open311-demo-key'),
  // The base map under the platform's own layers (server/platform/geo/tiles.ts): a 天地图 key, or
  // any XYZ tile URL ({z}/{x}/{y}, optional {s}) and the coordinate system its tiles are drawn in.
  // Neither: the maps draw only the county's own places, as the demo and offline installs do.
  MAP_TIANDITU_KEY: z
    .string()
    .regex(/^[0-9a-f]{32}$/i, '天地图 key 为 32 位十六进制')
    .optional(),
  MAP_TILE_URL: z
    .string()
    .regex(/^https:\/\/[^\s]*\{z\}[^\s]*$/, '须为 https:// 开头、含 {z} {x} {y} 的瓦片地址')
    .optional(),
  MAP_TILE_CRS: z.enum(['gcj02', 'wgs84', 'cgcs2000']).default('wgs84'),
  MAP_TILE_ATTRIBUTION: z.string().max(200).default(''),
  // 物联感知 ingest (decisions 027, 029). No MQTT_URL: an embedded broker on MQTT_PORT (0: none,
  // MQTT over WebSocket at /mqtt still answers); with one, CivicGrid consumes that broker's
  // shared subscription as client MQTT_CLIENT_ID (stable per process, so its session and the
  // readings queued while it was away survive a restart).
  MQTT_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^(mqtts?|wss?):\/\//, 'MQTT_URL 须为 mqtt:// mqtts:// ws:// 或 wss:// 地址')
      .optional(),
  ),
  MQTT_PORT: z.coerce.number().int().min(0).max(65535).default(1883),
  MQTT_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, '字母、数字、- 和 _，至多 64 个')
    .optional(),
  // The shared subscription's group: processes of one CivicGrid share it; another install on the same broker takes another.
  // Empty: one process consumes through a plain subscription, which Mosquitto keeps over its restart (decision 038).
  MQTT_SHARE_GROUP: z
    .string()
    .regex(/^[A-Za-z0-9_-]{0,64}$/, '留空，或字母、数字、- 和 _，至多 64 个')
    .default('civicgrid'),
  MQTT_USERNAME: z.string().optional(),
  MQTT_PASSWORD: z.string().optional(),
  // The secret an external broker (EMQX's HTTP authenticator and authorizer) sends as
  // `Authorization: Bearer …` to /api/iot/broker/*; unset, those endpoints refuse (docs/decisions/033).
  BROKER_AUTH_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(24, 'BROKER_AUTH_SECRET 至少 24 个字符（可用 openssl rand -hex 24 生成）').optional(),
  ),
  // Whether this process runs the embedded broker when there is no MQTT_URL. `civicgrid start
  // --workers N` turns it off in all workers but one: Aedes has no shared subscriptions.
  MQTT_EMBEDDED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  // The batch writer: a batch is written when it has this many readings or is this old.
  IOT_BATCH_READINGS: z.coerce.number().int().min(1).max(20_000).default(2000),
  IOT_BATCH_MS: z.coerce.number().int().min(1).max(10_000).default(20),
  // Readings waiting beyond this stop being acknowledged (MQTT) or are answered 503 (HTTP). A few
  // batches' worth: at 50 000, a flood from the broker sat in memory and the server stored a
  // fifth as much in the first seconds as at 4 000–8 000 (decision 034).
  IOT_QUEUE_LIMIT: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  IOT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  // The hourly roll-up of telemetry (long chart ranges) is kept this long, beyond the raw readings.
  IOT_HOURLY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3660).default(731),
  IOT_DEAD_LETTER_CAP: z.coerce.number().int().min(100).max(1_000_000).default(10_000),
  IOT_SWEEP_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  // The rule timers (what only the clock proves: silence, a hold no reading completes, an event
  // alarm's quiet period): how often every device's rules are ticked, in one process at a time.
  IOT_RULE_TICK_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
  // The live event stream (GET /api/events, docs/decisions/025): open streams allowed per account
  // and per process, and how often a quiet stream is sent a keep-alive comment.
  EVENTS_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
  EVENTS_STREAMS_MAX: z.coerce.number().int().min(1).max(100_000).default(2000),
  EVENTS_HEARTBEAT_SECONDS: z.coerce.number().min(0.05).max(300).default(25),
  // The demo's own small simulation (server/simulate/demo-simulation.ts): a few readings a second
  // from the demo county's devices and now and then a smoke alarm, so the alarm centre has life.
  // Only in demo mode; `off` turns it off (the end-to-end tests do).
  DEMO_SIMULATION: z.enum(['on', 'off']).default('on'),
  DEMO_SIMULATION_RATE: z.coerce.number().min(0.1).max(50).default(3),
  DEMO_SIMULATION_FAULT_MINUTES: z.coerce.number().min(0.1).max(1440).default(5),
  // Unset: debug in demo mode (a line per request, platform/request-log.ts), info in production (none).
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (configuration error):\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    pgliteDir: path.join(dataDir, 'pgdata'),
    filesDir: path.join(dataDir, 'files'),
    databaseUrl: e.DATABASE_URL,
    pgliteSharedBuffers: e.PGLITE_SHARED_BUFFERS,
    mode: e.CIVICGRID_MODE,
    demoPassword: e.DEMO_PASSWORD,
    demoResidents: e.DEMO_RESIDENTS,
    demoSeed: e.DEMO_SEED,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    allowedOrigins: e.ALLOWED_ORIGINS,
    logLevel: e.LOG_LEVEL ?? (e.CIVICGRID_MODE === 'production' ? 'info' : 'debug'),
    cases: {
      duplicateMetres: e.CASE_DUPLICATE_METRES,
      duplicateDays: e.CASE_DUPLICATE_DAYS,
      questionnaireDays: e.CASE_QUESTIONNAIRE_DAYS,
      escalateHours: e.CASE_ESCALATE_HOURS,
      sweepSeconds: e.SUPERVISION_SWEEP_SECONDS,
    },
    events: {
      perUser: e.EVENTS_STREAMS_PER_USER,
      perProcess: e.EVENTS_STREAMS_MAX,
      heartbeatMs: e.EVENTS_HEARTBEAT_SECONDS * 1000,
      retryMs: 3000,
    },
    demoOpen311Key: e.DEMO_OPEN311_KEY,
    demoSimulation: {
      enabled: e.CIVICGRID_MODE === 'demo' && e.DEMO_SIMULATION === 'on',
      rate: e.DEMO_SIMULATION_RATE,
      faultEveryMs: e.DEMO_SIMULATION_FAULT_MINUTES * 60_000,
    },
    iot: {
      mqttUrl: e.MQTT_URL,
      mqttPort: e.MQTT_PORT,
      // A process's own id, kept across restarts on one host: the host name and the HTTP port.
      mqttClientId:
        e.MQTT_CLIENT_ID ??
        `civicgrid-${hostname()
          .replace(/[^A-Za-z0-9_-]/g, '')
          .slice(0, 40)}-${e.PORT}`,
      mqttShareGroup: e.MQTT_SHARE_GROUP,
      mqttUsername: e.MQTT_USERNAME,
      mqttPassword: e.MQTT_PASSWORD,
      embeddedBroker: e.MQTT_EMBEDDED,
      brokerAuthSecret: e.BROKER_AUTH_SECRET,
      batchReadings: e.IOT_BATCH_READINGS,
      batchMs: e.IOT_BATCH_MS,
      queueLimit: e.IOT_QUEUE_LIMIT,
      retentionDays: e.IOT_RETENTION_DAYS,
      hourlyRetentionDays: e.IOT_HOURLY_RETENTION_DAYS,
      deadLetterCap: e.IOT_DEAD_LETTER_CAP,
      sweepSeconds: e.IOT_SWEEP_SECONDS,
      ruleTickSeconds: e.IOT_RULE_TICK_SECONDS,
    },
    map: { tiandituKey: e.MAP_TIANDITU_KEY, tileUrl: e.MAP_TILE_URL, tileCrs: e.MAP_TILE_CRS, tileAttribution: e.MAP_TILE_ATTRIBUTION },
  };
}
