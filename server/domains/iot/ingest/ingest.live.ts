import type { Server as HttpServer } from 'node:http';
import type { Database } from '../../../platform/db/database.js';
import { reloadOnBroadcast } from '../../../platform/db/broadcast.js';
import type { Config } from '../../../platform/config.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../platform/mqtt/embedded-broker.js';
import { startBrokerConsumer } from '../../../platform/mqtt/broker-consumer.js';
import { BatchWriter } from './batch-writer.js';
import { DeviceDirectory, type KnownDevice } from './device-directory.js';
import { ingestRepository } from './ingest.repository.js';
import { Ingest } from './ingest.service.js';
import { evaluateNothing, type EvaluateBatch } from './rules-hook.js';
import { consumerSubscription, mayPublish, maySubscribe, parseDeviceTopic } from './topics.js';

export interface IngestOptions {
  settings: Config['iot'];
  host: string;
  log: (line: string) => void;
  /** The rule engine; until it is merged, nothing is evaluated (rules-hook.ts). */
  evaluate?: EvaluateBatch;
}

/**
 * A process's ingest, running: the device types and devices it keeps, the batch writer, and one
 * MQTT transport — the embedded broker, or with MQTT_URL a consumer of the external broker's
 * shared subscription (decision 029). HTTP ingest uses `ingest` through its route.
 */
export async function startIngest(database: Database, options: IngestOptions) {
  const { settings, log } = options;
  const repo = ingestRepository(database.db);
  const types = await reloadOnBroadcast({
    listen: database.listen,
    channel: 'civicgrid_iot_types',
    load: async () => new Map((await repo.deviceTypes()).map((t) => [t.code, t])),
    onError: (e) => log(`设备类型重新加载失败（稍后重试）：${e.message}`),
  });
  const devices = new DeviceDirectory(repo);
  const stopListening = await devices.listenTo(database.listen);
  const writer = new BatchWriter(
    database.db,
    { ...settings, concurrentBatches: database.kind === 'postgres' ? 2 : 1 },
    options.evaluate ?? evaluateNothing,
    log,
  );
  const ingest = new Ingest({
    writer,
    devices,
    types: () => types.current(),
    recordAuthFailure: (id, at) => repo.recordAuthFailure(id, at),
    retentionDays: settings.retentionDays,
    now: () => new Date(),
  });

  let broker: EmbeddedBroker<KnownDevice> | null = null;
  const consumer = settings.mqttUrl
    ? await startBrokerConsumer({
        url: settings.mqttUrl,
        clientId: settings.mqttClientId,
        username: settings.mqttUsername,
        password: settings.mqttPassword,
        subscription: consumerSubscription(settings.mqttShareGroup),
        receive: (topic, payload) => ingest.fromBroker(topic, payload),
        saturated: () => ingest.saturated,
        whenRoom: () => ingest.whenRoom(),
        log,
      })
    : null;
  // MQTT_EMBEDDED=false: another process of this install runs the broker (start --workers, decision 033).
  if (!consumer && settings.embeddedBroker) {
    broker = await startEmbeddedBroker<KnownDevice>(
      {
        authenticate: (username, password) => ingest.signIn(username, password),
        mayPublish: (device, topic) => mayPublish(device.serial, topic),
        maySubscribe: (device, topic) => maySubscribe(device.serial, topic),
        receive: async (device, topic, payload) => void (await ingest.fromDevice(device, parseDeviceTopic(topic)!.kind, topic, payload)),
      },
      { port: settings.mqttPort, host: options.host, log },
    );
    // A device disabled or given new credentials is signed out at once, not at its next reconnect.
    devices.onChange(() => void broker?.disconnect(async (device) => !(await ingest.stillValid(device))));
  }

  return {
    ingest,
    /** The embedded broker's TCP port, when it listens on one. */
    mqttPort: broker?.port ?? null,
    attachWebSocket: (server: HttpServer) => broker?.attachWebSocket(server, '/mqtt'),
    /** Takes no more messages, writes what waits, then acknowledges it. */
    async stop() {
      await broker?.close();
      await writer.stop();
      await consumer?.stop();
      await stopListening();
      await types.stop();
    },
  };
}

export type RunningIngest = Awaited<ReturnType<typeof startIngest>>;
