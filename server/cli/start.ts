import cluster from 'node:cluster';
import { parseArgs } from 'node:util';
import type { Config } from '../platform/config.js';
import { buildApp } from '../app.js';
import { openConfiguredDatabase, type CommandDatabase } from './command-database.js';
import { ensureWebBuilt } from './web-build.js';
import { installState, loadBaseData, loadDemoCounty, markLoaded } from './demo-county.js';
import { DEMO_ACCOUNTS } from '../domains/identity/index.js';
import { startImportWorker } from '../domains/exchange/index.js';
import { startSupervisionSweep, syncCaseCatalogue } from '../domains/cases/index.js';
import { prepareTelemetry, startIotSweep, startRuleTimers, syncDeviceTypes } from '../domains/iot/index.js';
import { ensureDemoOpen311Client, retireDemoOpen311Client } from '../domains/open311/index.js';
import { progressOutput } from './progress-bar.js';
import { assertPortFree, portTaken } from './port-check.js';
import { runWorkers, WORKER_SLOT_ENV, type WorkerReady } from './start-workers.js';
import { startDemoSimulation } from '../simulate/demo-simulation.js';

const out = progressOutput(process.stdout, cluster.isWorker ? `[civicgrid w${process.env[WORKER_SLOT_ENV]}] ` : '[civicgrid] ');
const log = out.line;

/**
 * `civicgrid start [--workers N]`: one server process, or with N > 1 a primary that prepares the
 * database once and then keeps N identical workers on the one HTTP port (node:cluster,
 * start-workers.ts, docs/decisions/033). A worker runs this same file and only serves.
 */
export async function start(config: Config, args: string[] = []) {
  if (cluster.isWorker) return serveAsWorker(config);
  const workers = workerCount(args);
  if (workers > 1 && !config.databaseUrl)
    throw new Error(
      `--workers ${workers} 需要 PostgreSQL（DATABASE_URL）：内嵌 PGlite 的数据目录只能由一个进程打开，` +
        '多个进程无法共用。单进程请去掉 --workers；多进程请配置 DATABASE_URL=postgres://…（见 docs/OPERATIONS.md）',
    );
  // Before anything slow: a taken port would otherwise fail only after migrating, building the
  // web clients and generating a demo county, a minute or more on a first start.
  await assertPortFree(config.port, config.host);
  const database = await prepareDatabase(config);
  if (workers > 1) {
    // The workers open their own connections; the primary keeps none.
    await database.close();
    return runWorkers(config, workers, log, (mqttPort) => printBanner(config, mqttPort, workers));
  }
  const server = await serve(config, database);
  printBanner(config, server.mqttPort, 1);
  stopOnSignals(server.stop);
}

function workerCount(args: string[]): number {
  const { values } = parseArgs({ args, options: { workers: { type: 'string' } } });
  if (values.workers === undefined) return 1;
  const n = Number(values.workers);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error('--workers 须为 1 到 64 之间的整数（通常不超过 CPU 核数）');
  return n;
}

/** Everything done once per start, before any process serves: migrations, first install, catalogues, partitions. */
async function prepareDatabase(config: Config): Promise<CommandDatabase> {
  log(config.databaseUrl ? '数据库：PostgreSQL' : `数据库：内嵌 PGlite（${config.pgliteDir}）`);
  // Next, so that a second server on the same data directory is refused before building anything.
  let database = await openConfiguredDatabase(config, { name: 'start', whenBlocked: '或用 DATA_DIR 指定另一个数据目录' });
  await ensureWebBuilt(log);

  let state = await installState(database.db);
  if (state === 'partial' && database.startOver) {
    // An earlier first start was stopped half way: nothing of value is in it, so start over.
    log('上次初始化未完成，正在重新初始化…');
    database = await database.startOver();
    state = 'empty';
  }
  if (state === 'partial') {
    throw new Error('数据库中有未完成的初始化数据；请清空该数据库后重新启动');
  }
  if (state === 'empty') {
    if (config.mode === 'demo') {
      log(`正在生成演示县数据（${config.demoResidents} 位居民，种子 ${config.demoSeed}）…`);
      await loadDemoCounty(
        database.db,
        { residents: config.demoResidents, seed: config.demoSeed, password: config.demoPassword, cases: config.cases },
        out,
      );
    } else {
      await loadBaseData(database.db, log);
      await markLoaded(database.db, 'production');
      log('生产模式：未创建任何账号，请用 `civicgrid user create` 创建管理员');
    }
  }

  // The category file is the catalogue's source: an edited file takes effect at each start.
  await syncCaseCatalogue(database.db);
  // Device types and their default rules, likewise (an administrator's edited rule is kept).
  await syncDeviceTypes(database.db);
  // Telemetry's day partitions before the first reading can arrive (decision 027).
  const made = await prepareTelemetry(database.db, config.iot);
  if (made?.created) log(`物联网读数分区：新建 ${made.created} 个（${made.partitions}）`);
  // Demo mode lets the demo application file requests; anywhere else its well-known key opens nothing.
  if (config.mode === 'demo') await ensureDemoOpen311Client(database.db, config.demoOpen311Key);
  else await retireDemoOpen311Client(database.db);
  return database;
}

/**
 * One serving process: the app, the import worker and the periodic sweeps, listening. Every
 * process of an install runs all of them; each sweep round runs in one process at a time (an
 * advisory lock) and the import worker claims its jobs with SKIP LOCKED.
 */
export async function serve(config: Config, database: CommandDatabase) {
  const app = await buildApp({ config, database, logger: true });
  const worker = startImportWorker(app.db, { soleProcess: database.kind === 'pglite', clock: app.casework.clock });
  const sweep = startSupervisionSweep(app.casework, log);
  const iotSweep = startIotSweep(database.db, config.iot, log);
  const ruleTimers = startRuleTimers(database.db, config.iot, { log, onAlarms: app.followAlarms });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw portTaken(config.port);
    }
    throw e;
  }
  // The demo's devices play once per install: in the only process, or in the first worker.
  const simulation = cluster.isWorker && process.env[WORKER_SLOT_ENV] !== '1' ? null : startDemoSimulation(config, log);
  return {
    app,
    mqttPort: app.iot.mqttPort,
    async stop() {
      sweep.stop();
      iotSweep.stop();
      ruleTimers.stop();
      await simulation?.stop();
      await app.close();
      await worker.stop();
      await database.close(); // and with it the data-directory lock
    },
  };
}

async function serveAsWorker(config: Config) {
  const server = await serve(config, await openConfiguredDatabase(config, { name: 'start' }));
  stopOnSignals(server.stop);
  process.send!({ ready: true, mqttPort: server.mqttPort } satisfies WorkerReady);
}

function stopOnSignals(stop: () => Promise<void>) {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，正在停止：不再接受新请求，等待进行中的请求和导入批次完成…`);
    await stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function printBanner(config: Config, mqttPort: number | null, workers: number) {
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const base = `http://${host}:${config.port}`;
  const embedded = config.iot.embeddedBroker
    ? `${mqttPort ? `mqtt://${host}:${mqttPort}，` : ''}ws://${host}:${config.port}/mqtt`
    : '本进程未运行内嵌代理（MQTT_EMBEDDED=false）';
  console.log(`
CivicGrid 智慧社区一体化综合服务平台 已启动${workers > 1 ? `（${workers} 个工作进程）` : ''}
  管理端:     ${base}/admin/
  居民端 H5:  ${base}/m/
  信息公开:   ${base}/open/
  接口文档:   ${base}/api/docs
  Open311:    ${base}/open311/v2/discovery.json
  MQTT:       ${config.iot.mqttUrl ? `外部代理 ${config.iot.mqttUrl}` : workers > 1 ? `${mqttPort ? `mqtt://${host}:${mqttPort}` : '内嵌代理未监听 TCP'}（仅 1 号工作进程）` : embedded}
`);
  if (config.mode === 'demo') {
    console.log(`演示账号（密码均为 ${config.demoPassword}，可用 DEMO_PASSWORD 设置）：`);
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(18)} ${a.displayName}`);
    console.log(`Open311 演示 api_key：${config.demoOpen311Key}（可用 DEMO_OPEN311_KEY 设置）`);
    console.log('');
  }
}
