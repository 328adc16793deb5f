import { secretMatches } from '../credentials.js';
import { acceptedTimes, addDays, dayOf, dayStart } from '../telemetry.days.js';
import type { BatchWriter, Outcome, Source } from './batch-writer.js';
import type { DeviceDirectory, KnownDevice } from './device-directory.js';
import {
  DEAD_LETTER_PAYLOAD_CHARS,
  isRefusal,
  judgeReading,
  judgeStatus,
  parseJson,
  type DeviceTypeShape,
  type Refusal,
  type TimeWindow,
} from './payload.js';
import { parseDeviceTopic, type MessageKind } from './topics.js';

export interface IngestDeps {
  writer: BatchWriter;
  devices: DeviceDirectory;
  /** The device types as this process keeps them (reloaded on change). */
  types: () => ReadonlyMap<string, DeviceTypeShape>;
  recordAuthFailure: (deviceId: number, at: Date) => Promise<void>;
  retentionDays: number;
  now: () => Date;
}

export interface Answer {
  outcome: Outcome;
  refusal?: Refusal;
}

/**
 * Every way a message reaches CivicGrid ends here: the embedded broker (device known from its
 * sign-in), an external broker (device known from the topic) and HTTP batches. A message is
 * judged against its device's type and either queued for the batch writer or refused into the
 * dead letters; the answer settles when the writer has committed.
 */
export class Ingest {
  /** The earliest time accepted, kept until the next Beijing midnight (it moves once a day; computing it took 3 % of ingest's CPU). */
  private earliest = { at: new Date(0), until: 0 };
  private window: { times: TimeWindow; until: number } | null = null;

  constructor(private readonly deps: IngestDeps) {}

  /** A device signing in: its credentials, or null (refused and counted, decision 027). A disabled device is refused too. */
  async signIn(username: string, password: string): Promise<KnownDevice | null> {
    const device = await this.deps.devices.withUsername(username);
    if (!device) {
      this.deps.writer.count('auth_refused');
      return null;
    }
    if (!secretMatches(password, device.secret_sha256)) {
      this.deps.writer.count('auth_refused');
      await this.deps.recordAuthFailure(device.id, this.deps.now());
      return null;
    }
    return device.status === 'disabled' ? null : device;
  }

  /** Whether a signed-in device may still send: not disabled, and its credentials not issued again since. */
  async stillValid(device: KnownDevice): Promise<boolean> {
    const now = await this.deps.devices.withSerial(device.serial);
    return !!now && now.status !== 'disabled' && now.mqtt_username === device.mqtt_username && now.secret_sha256 === device.secret_sha256;
  }

  /**
   * A message from an external broker: the device is the topic's, and must exist and not be
   * disabled (a device in maintenance still reports, as it may over the embedded broker). A
   * device this process holds is judged without waiting on anything: at 20 000 messages a
   * second, each promise and closure on this path shows in the garbage collector (decision 040).
   */
  fromBroker(topic: string, payload: Buffer): Promise<Answer> {
    const parsed = parseDeviceTopic(topic);
    const known = parsed && this.deps.devices.knownSerial(parsed.serial);
    if (known && parsed && known.status !== 'disabled') {
      return this.message(known, parsed.kind, { transport: 'mqtt', topic, serial: parsed.serial }, payload);
    }
    return this.fromBrokerLookedUp(topic, parsed, payload);
  }

  private async fromBrokerLookedUp(topic: string, parsed: ReturnType<typeof parseDeviceTopic>, payload: Buffer): Promise<Answer> {
    const source: Source = { transport: 'mqtt', topic, serial: parsed?.serial ?? '' };
    const device = parsed ? await this.deps.devices.withSerial(parsed.serial) : undefined;
    if (!parsed || !device || device.status === 'disabled') {
      const refusal: Refusal = {
        refused: 'UNKNOWN_DEVICE',
        detail: parsed ? `没有设备 ${parsed.serial}，或已停用` : `主题 ${topic.slice(0, 80)} 不是设备主题`,
      };
      return this.refuse(source, device?.id ?? null, refusal, payload);
    }
    return this.message(device, parsed.kind, source, payload);
  }

  /** A message from a device signed in to the embedded broker, on a topic the ACL let through. */
  fromDevice(device: KnownDevice, kind: MessageKind, topic: string, payload: Buffer): Promise<Answer> {
    return this.message(device, kind, { transport: 'mqtt', topic, serial: device.serial }, payload);
  }

  /** One reading of an HTTP batch, already parsed from the request's JSON. */
  fromHttp(device: KnownDevice, raw: unknown): Promise<Answer> {
    const source: Source = { transport: 'http', topic: null, serial: device.serial };
    return this.judged(device, source, raw, 'either', () => JSON.stringify(raw) ?? '');
  }

  get saturated() {
    return this.deps.writer.saturated;
  }

  whenRoom() {
    return this.deps.writer.whenRoom();
  }

  private message(device: KnownDevice, kind: MessageKind, source: Source, payload: Buffer): Promise<Answer> {
    const raw = parseJson(payload);
    if (isRefusal(raw)) return this.refuse(source, device.id, raw, payload);
    if (kind === 'status') {
      const status = judgeStatus(raw);
      if (isRefusal(status)) return this.refuse(source, device.id, status, payload);
      return this.deps.writer.report(device.id, source, status).then(answerOf);
    }
    return this.judged(device, source, raw, kind, payload);
  }

  private judged(
    device: KnownDevice,
    source: Source,
    raw: unknown,
    expect: 'telemetry' | 'event' | 'either',
    payload: Buffer | (() => string),
  ) {
    const type = this.deps.types().get(device.type_code);
    const now = this.deps.now();
    const reading = type
      ? judgeReading(raw, type, this.acceptedTimes(now), now, expect)
      : ({ refused: 'UNKNOWN_DEVICE', detail: `设备类型 ${device.type_code} 未加载` } satisfies Refusal);
    if (isRefusal(reading)) return this.refuse(source, device.id, reading, payload);
    return this.deps.writer.write(device.id, source, reading).then(answerOf);
  }

  /**
   * The window a reading's time must fall in, kept for a second: a new one for every message was
   * a Date and an object each. Its end (a day ahead) is then up to a second early, which refuses
   * nothing a device's clock can honestly say.
   */
  private acceptedTimes(now: Date): TimeWindow {
    const at = now.getTime();
    if (at >= this.earliest.until) {
      this.earliest = {
        at: acceptedTimes(now, this.deps.retentionDays).earliest,
        until: dayStart(addDays(dayOf(now), 1)).getTime(),
      };
      this.window = null;
    }
    if (!this.window || at >= this.window.until) {
      this.window = { times: { earliest: this.earliest.at, latest: new Date(at + 86_400_000) }, until: at + 1000 };
    }
    return this.window.times;
  }

  /** The dead letter keeps what came: the message's first bytes, or an HTTP reading written out again. */
  private async refuse(source: Source, deviceId: number | null, refusal: Refusal, payload: Buffer | (() => string)): Promise<Answer> {
    this.deps.writer.refuse({ deviceId, serial: source.serial || null, reason: refusal.refused }, () => {
      const text =
        typeof payload === 'function' ? payload() : payload.toString('utf8', 0, Math.min(payload.length, DEAD_LETTER_PAYLOAD_CHARS * 4));
      return {
        ...source,
        serial: source.serial || null,
        device_id: deviceId,
        reason: refusal.refused,
        detail: storable(refusal.detail),
        payload: storable(text.slice(0, DEAD_LETTER_PAYLOAD_CHARS)),
      };
    });
    return { outcome: 'refused', refusal };
  }
}

const answerOf = (outcome: Outcome): Answer => ({ outcome });

/** NUL cannot be stored in text (a field name may hold one); the dead letter shows where it stood. */
const storable = (text: string) => text.replaceAll('\u0000', '\\u0000');
