import cluster, { type Worker } from 'node:cluster';
import type { Config } from '../platform/config.js';

/** The worker's slot (1…N), in its environment: the log prefix, and slot 1 runs the embedded broker. */
export const WORKER_SLOT_ENV = 'CIVICGRID_WORKER_SLOT';

/** What a worker tells the primary once it listens. */
export interface WorkerReady {
  ready: true;
  mqttPort: number | null;
}

/** A worker that dies sooner than this after starting waits longer each time before the next try. */
const STEADY_MS = 10_000;
const MAX_DELAY_MS = 30_000;
/** How long SIGTERM waits for workers to finish their requests and batches before killing them. */
const DRAIN_MS = 60_000;

/**
 * Each worker's own settings (docs/decisions/033). With an external broker (MQTT_URL) every
 * worker consumes the shared subscription, each as its own client id, kept by slot so a restarted
 * worker gets its broker session back; without a share group (a plain subscription, decision 038)
 * only slot 1 consumes, since a plain subscription gives every subscriber every message. Without
 * a broker of its own, only slot 1 runs the embedded broker: Aedes has no shared subscriptions,
 * and a second broker would be a second, separate one.
 */
export function workerEnv(config: Config, slot: number): Record<string, string> {
  const env: Record<string, string> = { [WORKER_SLOT_ENV]: String(slot) };
  if (config.iot.mqttUrl && (config.iot.mqttShareGroup || slot === 1)) {
    env.MQTT_CLIENT_ID = `${config.iot.mqttClientId.slice(0, 58)}-w${slot}`;
  } else if (slot > 1) {
    env.MQTT_URL = '';
    env.MQTT_EMBEDDED = 'false';
  }
  return env;
}

/**
 * The primary of `civicgrid start --workers N`: forks N workers sharing the HTTP port (node:cluster
 * hands connections round-robin), starts again a worker that dies (at once, or after a growing
 * pause when it keeps dying young), and on SIGTERM or SIGINT passes the signal on and waits for
 * the workers to drain. `onReady` is called once, when every worker first listens.
 */
export function runWorkers(config: Config, count: number, log: (line: string) => void, onReady: (mqttPort: number | null) => void) {
  const slots = new Map<Worker, { slot: number; startedAt: number }>();
  const delays = new Map<number, number>();
  const ready = new Set<number>();
  let announced = false;
  /** The embedded broker's TCP port, as slot 1 reports it. */
  let mqttPort: number | null = null;
  let stopping = false;

  const fork = (slot: number) => {
    const worker = cluster.fork(workerEnv(config, slot));
    slots.set(worker, { slot, startedAt: Date.now() });
    worker.on('message', (message: WorkerReady) => {
      if (!message?.ready) return;
      ready.add(slot);
      if (slot === 1) mqttPort = message.mqttPort;
      if (!announced && ready.size === count) {
        announced = true;
        onReady(mqttPort);
      }
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const { slot, startedAt } = slots.get(worker)!;
    slots.delete(worker);
    if (stopping) {
      if (slots.size === 0) process.exit(0);
      return;
    }
    const young = Date.now() - startedAt < STEADY_MS;
    const delay = young ? Math.min((delays.get(slot) ?? 500) * 2, MAX_DELAY_MS) : 0;
    delays.set(slot, young ? delay : 500);
    log(
      `工作进程 ${slot}（pid ${worker.process.pid}）退出（${signal ?? `退出码 ${code}`}），${delay ? `${delay / 1000} 秒后` : '立即'}重新启动`,
    );
    setTimeout(() => !stopping && fork(slot), delay);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`收到 ${signal}，正在停止 ${slots.size} 个工作进程：等待进行中的请求和批次完成…`);
    if (slots.size === 0) process.exit(0);
    for (const worker of slots.keys()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      log(`工作进程 ${DRAIN_MS / 1000} 秒内未停止，强制结束`);
      for (const worker of slots.keys()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, DRAIN_MS).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  log(
    `启动 ${count} 个工作进程，共用端口 ${config.port}；` +
      (!config.iot.mqttUrl
        ? '内嵌 MQTT 代理只在 1 号工作进程运行（Aedes 不支持共享订阅）'
        : config.iot.mqttShareGroup
          ? '每个进程经共享订阅消费外部 MQTT 代理'
          : '只有 1 号工作进程消费外部 MQTT 代理（MQTT_SHARE_GROUP 为空：普通订阅）'),
  );
  for (let slot = 1; slot <= count; slot++) fork(slot);
}
