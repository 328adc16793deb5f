import { connect, type Socket } from 'node:net';
import { createRandom } from '../server/seed/random.js';
import { nextMessage, type SimulatedDevice } from '../server/simulate/behaviour.js';

/**
 * The IoT benchmarks' load generator: many device connections, each publishing telemetry at
 * QoS 1 as the demo county's devices would (the simulator's values, server/simulate/behaviour.ts),
 * at a target rate between them, counting each message as acknowledged when its PUBACK arrives.
 *
 * It speaks MQTT 3.1.1 itself, over plain sockets, rather than through mqtt.js: on two cores the
 * generator shares the CPU with the broker, the server and PostgreSQL, and mqtt.js's per-message
 * work (its stores, streams and callbacks) would be counted against the server. A message is one
 * buffer write; a PUBACK is four bytes. A dropped connection is opened again after 250 ms and
 * what it had in flight is sent again with the DUP flag, as a device's MQTT client does, so a
 * broker or server restart in the middle of a run is survived the way devices survive it.
 */
export interface LoadDevice {
  serial: string;
  typeCode: string;
  username?: string;
  password?: string;
}

export interface LoadOptions {
  host: string;
  port: number;
  devices: LoadDevice[];
  /** Messages a second between all devices. */
  rate: number;
  /** Unacknowledged messages a connection may have at once; beyond it, that device waits. */
  window?: number;
  /** Share of messages sent as malformed payloads (0–1), for the flood test. */
  malformedShare?: number;
  /** Prefix of every msgId, so that one run's readings can be counted in the database. */
  runId: string;
  /** Keep the msgId of every valid acknowledged message (for the loss checks). */
  keepAcked?: boolean;
  /** Called at each PUBACK of a message sent with `publishNow`, with the milliseconds since it was written. */
  onAck?: (msgId: string, ms: number) => void;
}

export interface LoadStats {
  /** Messages written to a socket at least once. */
  sent: number;
  acked: number;
  ackedMalformed: number;
  /** Messages sent again after a reconnect. */
  resent: number;
  reconnects: number;
  /** Messages due by the rate that no connection could take yet (all windows full or down). */
  behind: number;
}

interface InFlight {
  packet: Buffer;
  msgId: string;
  malformed: boolean;
  sentAt: number;
  timed: boolean;
}

const KEEPALIVE_SECONDS = 60;

export class LoadGenerator {
  readonly stats: LoadStats = { sent: 0, acked: 0, ackedMalformed: 0, resent: 0, reconnects: 0, behind: 0 };
  readonly ackedIds: string[] = [];
  private readonly connections: DeviceConnection[];
  private timer: ReturnType<typeof setInterval> | null = null;
  private generated = 0;
  private startedAt = 0;
  private next = 0;
  private readonly random = createRandom(7);
  private stopped = false;
  private rate: number;

  constructor(private readonly options: LoadOptions) {
    this.rate = options.rate;
    this.connections = options.devices.map((d) => new DeviceConnection(d, this));
  }

  /** Connects every device (a few at a time, as a fleet coming online would). */
  async connect() {
    for (let i = 0; i < this.connections.length; i += 50) await Promise.all(this.connections.slice(i, i + 50).map((c) => c.open()));
  }

  /** Publishes at the rate (or `rate`) until `stop`. */
  start(rate = this.options.rate) {
    this.rate = rate;
    this.startedAt = performance.now();
    this.generated = 0;
    this.timer = setInterval(() => this.tick(), 5);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Unacknowledged messages across all connections. */
  get inFlight() {
    return this.connections.reduce((n, c) => n + c.inFlight.size, 0);
  }

  /** Waits until every message sent is acknowledged, or `ms` passed. */
  async drain(ms: number) {
    const until = performance.now() + ms;
    while (this.inFlight > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
    return this.inFlight;
  }

  async close() {
    this.stop();
    this.stopped = true;
    await Promise.all(this.connections.map((c) => c.close()));
  }

  /** One message now from `device`, its PUBACK reported to onAck with the time it took. */
  publishNow(serial: string, body: object) {
    const connection = this.connections.find((c) => c.device.serial === serial);
    if (!connection) throw new Error(`no connection for ${serial}`);
    return connection.publish(JSON.stringify(body), (body as { msgId: string }).msgId, false, true);
  }

  get closing() {
    return this.stopped;
  }

  get window() {
    return this.options.window ?? 64;
  }

  get host() {
    return this.options.host;
  }

  get port() {
    return this.options.port;
  }

  acknowledged(flight: InFlight) {
    if (flight.malformed) this.stats.ackedMalformed++;
    else {
      this.stats.acked++;
      if (this.options.keepAcked) this.ackedIds.push(flight.msgId);
    }
    if (flight.timed) this.options.onAck?.(flight.msgId, performance.now() - flight.sentAt);
  }

  private tick() {
    const due = Math.floor((this.rate * (performance.now() - this.startedAt)) / 1000) - this.generated;
    let sent = 0;
    for (let tried = 0; sent < due && tried < this.connections.length;) {
      const connection = this.connections[this.next++ % this.connections.length];
      if (!connection.ready || connection.inFlight.size >= this.window) {
        tried++;
        continue;
      }
      tried = 0;
      this.sendFrom(connection);
      sent++;
    }
    this.generated += sent;
    this.stats.behind = due - sent;
  }

  private sendFrom(connection: DeviceConnection) {
    const simulated = connection.simulated;
    const message = nextMessage(simulated, Date.now(), this.random)!;
    const msgId = `${this.options.runId}:${simulated.serial}:${simulated.sent}`;
    if (this.options.malformedShare && this.random.chance(this.options.malformedShare)) {
      connection.publish(malformedPayload(msgId, simulated.sent), msgId, true, false);
      return;
    }
    if ('raw' in message) throw new Error('the bench devices play no faults');
    connection.publish(JSON.stringify({ ...message.body, msgId }), msgId, false, false, message.topic);
  }
}

/** Refused for three different reasons, in turn: not JSON, a field the type has not, a value of the wrong type. */
function malformedPayload(msgId: string, n: number) {
  if (n % 3 === 0) return `{"msgId":"${msgId}","values":{"smoke":tru`;
  if (n % 3 === 1) return JSON.stringify({ msgId, values: { not_a_field: 1 } });
  return JSON.stringify({ msgId, values: { battery: 'full' } });
}

class DeviceConnection {
  readonly inFlight = new Map<number, InFlight>();
  readonly simulated: SimulatedDevice;
  ready = false;
  private socket: Socket | null = null;
  private packetId = 0;
  private pending: Buffer = Buffer.alloc(0);
  private opened: (() => void) | null = null;
  private pinger: ReturnType<typeof setInterval> | null = null;

  constructor(
    readonly device: LoadDevice,
    private readonly load: LoadGenerator,
  ) {
    this.simulated = { serial: device.serial, typeCode: device.typeCode, memory: {}, sent: 0 };
  }

  open(): Promise<void> {
    return new Promise((resolve) => {
      this.opened = resolve;
      const socket = connect({ host: this.load.host, port: this.load.port, noDelay: true });
      this.socket = socket;
      socket.on('connect', () => socket.write(connectPacket(`bench-${this.device.serial}`, this.device.username, this.device.password)));
      socket.on('data', (chunk) => this.receive(chunk));
      socket.on('error', () => {});
      socket.on('close', () => this.dropped(socket));
    });
  }

  publish(payload: string, msgId: string, malformed: boolean, timed: boolean, topic = 'telemetry') {
    this.packetId = (this.packetId % 65535) + 1;
    while (this.inFlight.has(this.packetId)) this.packetId = (this.packetId % 65535) + 1;
    const packet = publishPacket(`civicgrid/v1/${this.device.serial}/${topic}`, this.packetId, payload);
    this.inFlight.set(this.packetId, { packet, msgId, malformed, sentAt: performance.now(), timed });
    this.load.stats.sent++;
    this.socket!.write(packet);
  }

  async close() {
    if (this.pinger) clearInterval(this.pinger);
    this.ready = false;
    const socket = this.socket;
    this.socket = null;
    if (socket && !socket.destroyed) {
      socket.end(Buffer.from([0xe0, 0x00])); // DISCONNECT
      await new Promise((r) => socket.once('close', r));
    }
  }

  private dropped(socket: Socket) {
    if (this.socket !== socket) return;
    this.ready = false;
    if (this.pinger) clearInterval(this.pinger);
    if (this.load.closing) return;
    this.load.stats.reconnects++;
    setTimeout(() => void this.open(), 250);
  }

  private receive(chunk: Buffer) {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 2) {
      // Every packet a broker sends a publisher here is short: one length byte.
      const length = this.pending[1];
      if (this.pending.length < 2 + length) break;
      const type = this.pending[0] >> 4;
      if (type === 2) this.connected(this.pending[3]);
      else if (type === 4) this.acked(this.pending.readUInt16BE(2));
      this.pending = this.pending.subarray(2 + length);
    }
  }

  private connected(returnCode: number) {
    if (returnCode !== 0) {
      this.socket?.destroy();
      throw new Error(`${this.device.serial}: CONNACK ${returnCode}`);
    }
    this.ready = true;
    this.pinger = setInterval(() => this.socket?.write(Buffer.from([0xc0, 0x00])), (KEEPALIVE_SECONDS / 2) * 1000);
    // A clean session: what was in flight on the old connection goes again, marked DUP.
    for (const flight of this.inFlight.values()) {
      flight.packet[0] |= 0x08;
      this.load.stats.resent++;
      this.socket!.write(flight.packet);
    }
    this.opened?.();
    this.opened = null;
  }

  private acked(packetId: number) {
    const flight = this.inFlight.get(packetId);
    if (!flight) return;
    this.inFlight.delete(packetId);
    this.load.acknowledged(flight);
  }
}

function remainingLength(n: number) {
  const bytes: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    bytes.push(byte);
  } while (n > 0);
  return Buffer.from(bytes);
}

const mqttString = (s: string) => {
  const bytes = Buffer.from(s, 'utf8');
  const length = Buffer.alloc(2);
  length.writeUInt16BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

function connectPacket(clientId: string, username?: string, password?: string) {
  const flags = 0x02 | (username ? 0x80 : 0) | (password ? 0x40 : 0); // clean session
  const keepalive = Buffer.alloc(2);
  keepalive.writeUInt16BE(KEEPALIVE_SECONDS);
  const body = Buffer.concat([
    mqttString('MQTT'),
    Buffer.from([4, flags]),
    keepalive,
    mqttString(clientId),
    ...(username ? [mqttString(username)] : []),
    ...(password ? [mqttString(password)] : []),
  ]);
  return Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]);
}

function publishPacket(topic: string, packetId: number, payload: string) {
  const id = Buffer.alloc(2);
  id.writeUInt16BE(packetId);
  const body = Buffer.concat([mqttString(topic), id, Buffer.from(payload, 'utf8')]);
  return Buffer.concat([Buffer.from([0x32]), remainingLength(body.length), body]); // PUBLISH, QoS 1
}
