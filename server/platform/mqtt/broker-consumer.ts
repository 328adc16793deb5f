import mqtt, { type IClientOptions, type ISubscriptionMap, type MqttClient } from 'mqtt';
import { AckQueue, type SendPacket } from './ack-queue.js';

/**
 * CivicGrid as a client of an external broker (Mosquitto, EMQX), consuming a shared
 * subscription at QoS 1 with a persistent session: a stable client id, clean start off and a
 * session that outlives a restart, so what the broker queued while this process was away
 * arrives when it is back.
 *
 * The PUBACK for a message goes only after `receive` resolves (the reading is committed). mqtt.js
 * has a hook for this, handleMessage, but it takes one message at a time: its next packet is read
 * only after the PUBACK is written, which would make every reading wait for a whole batch commit.
 * So handleMessage hands the message over and lets the next one in at once, and the PUBACK that
 * mqtt.js then sends is held back here until that message's `receive` has resolved. (This
 * replaces mqtt.js's private _sendPacket for PUBACK packets only; decision 029.)
 */
export interface ConsumerOptions {
  url: string;
  clientId: string;
  username?: string;
  password?: string;
  subscription: string;
  /** Settles when the message is safe (its answer, if any, is not read). */
  receive(topic: string, payload: Buffer): Promise<unknown>;
  /** True while the receiver wants no more (its queue is full); `whenRoom` resolves when it does again. */
  saturated(): boolean;
  whenRoom(): Promise<void>;
  log(line: string): void;
}

/**
 * Messages the broker may have sent us unacknowledged at once (MQTT 5 Receive Maximum), the most
 * MQTT allows. Each is acknowledged only after its batch commits, so this caps the consumer at
 * RECEIVE_MAXIMUM readings per commit time: at 4 000 and a batch taking half a second on a busy
 * machine, 8 000 readings/s whatever the database could do (decision 034).
 */
const RECEIVE_MAXIMUM = 65_535;
/** How long the broker keeps our session (and queues for it) while we are away: a day. */
const SESSION_EXPIRY_SECONDS = 86_400;
/** Between attempts while the broker is away (decision 038: the shorter, the fewer readings a restart loses). */
const RECONNECT_MS = 100;

export async function startBrokerConsumer(options: ConsumerOptions): Promise<{ client: MqttClient; stop(): Promise<void> }> {
  const connectOptions: IClientOptions = {
    clientId: options.clientId,
    username: options.username,
    password: options.password,
    clean: false,
    protocolVersion: 5,
    properties: { sessionExpiryInterval: SESSION_EXPIRY_SECONDS, receiveMaximum: RECEIVE_MAXIMUM },
    // Soon: a restarted Mosquitto has no shared subscription until our SUBSCRIBE, and drops what
    // devices publish before it (decision 038). Ten attempts a second cost a broker nothing.
    reconnectPeriod: RECONNECT_MS,
    manualConnect: true,
  };
  const client = mqtt.connect(options.url, connectOptions);
  const handled = new Map<number, { done: Promise<unknown>; stream: unknown }>();
  const acks = new AckQueue(client, options.log);

  client.handleMessage = (packet, callback) => {
    const done = options.receive(packet.topic, packet.payload as Buffer);
    if (packet.qos > 0 && packet.messageId !== undefined) handled.set(packet.messageId, { done, stream: client.stream });
    else done.catch(() => {});
    // Back-pressure: while the writer is full, the next message waits, and with it the broker.
    if (options.saturated()) void options.whenRoom().then(() => callback());
    else callback();
  };

  const internals = client as unknown as { _sendPacket: SendPacket };
  const send = internals._sendPacket.bind(client);
  internals._sendPacket = (packet, cb, ...rest) => {
    const message = packet.cmd === 'puback' && packet.messageId !== undefined ? handled.get(packet.messageId) : undefined;
    if (!message) return send(packet, cb, ...rest);
    handled.delete(packet.messageId!);
    cb?.();
    acks.push(packet, message.done, message.stream, send);
  };

  // Once per outage: at ten attempts a second, every refusal would fill the log.
  let told = false;
  client.on('error', (error) => {
    if (!told) options.log(`MQTT 代理连接错误：${error.message}`);
    told = true;
  });
  client.on('offline', () => {
    if (!told) options.log(`MQTT 代理 ${options.url} 已断开，正在重连…`);
    told = true;
  });
  // SUBSCRIBE on every connection, sent for real (`resubscribe`): mqtt.js leaves out a topic it
  // believes it holds, and after "session present" it believes the broker kept it. Mosquitto 2.0
  // keeps a session over a restart but not its *shared* subscription, which it never writes to its
  // persistence file (decision 038). A repeated SUBSCRIBE to a subscription the broker did keep
  // only replaces it, and the session's queue stays; UNSUBSCRIBE first would drop it (decision 034).
  // (mqtt.js's own flag; its type cannot say that one key is a boolean and the others topics.)
  const everyTime = { [options.subscription]: { qos: 1 }, resubscribe: true } as ISubscriptionMap;
  client.on('connect', () => {
    told = false;
    client.subscribe({ ...everyTime }, (error) => {
      if (error) options.log(`MQTT 订阅 ${options.subscription} 失败：${error.message}`);
      else options.log(`已连接 MQTT 代理 ${options.url}（客户端 ${options.clientId}，订阅 ${options.subscription}）`);
    });
  });
  // The server starts whether or not the broker is up; the client keeps trying.
  await new Promise<void>((resolve) => {
    client.once('connect', () => resolve());
    client.once('error', () => resolve());
    client.connect();
  });
  return {
    client,
    /** Sends the acknowledgements of what was committed, then leaves (the session stays with the broker). */
    stop: async () => {
      await Promise.allSettled([...handled.values()].map((m) => m.done));
      await acks.drained();
      await client.endAsync();
    },
  };
}
