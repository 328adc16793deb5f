import type { IotDeviceStatus } from '../../../platform/db/schema.js';
import type { Listen } from '../../../platform/db/broadcast.js';
import type { IngestRepository } from './ingest.repository.js';

export interface KnownDevice {
  id: number;
  serial: string;
  type_code: string;
  status: IotDeviceStatus;
  mqtt_username: string;
  secret_sha256: string;
}

/**
 * The devices this process has heard from, by sign-in name and by serial, so that a message
 * costs no lookup (decision 029). Emptied whenever any process changes a device's status,
 * type or credentials (`civicgrid_iot_devices`, migrations/0019) and, as a backstop for a
 * notice missed while the listening connection was down, entries live at most `ttlMs`.
 * Unknown names and serials are never kept, so made-up ones cannot fill it.
 */
export class DeviceDirectory {
  private byUsername = new Map<string, { device: KnownDevice; until: number }>();
  private bySerial = new Map<string, { device: KnownDevice; until: number }>();
  /**
   * Lookups on their way, by map and key: the first message of a device after a (re)start comes
   * with hundreds more from it before the answer, and each asking the database again put
   * thousands of queries in the pool ahead of the batch writer's (decision 034).
   */
  private loading = new Map<string, Promise<KnownDevice | undefined>>();
  /**
   * Serials asked for since the last turn of the event loop, looked up in one statement: one
   * query each, after a start or when the entries of a few hundred devices ran out together, held
   * the pool's connections for seconds while the batch writer waited behind them (decision 034).
   */
  private wanted: { serial: string; answer: (device: KnownDevice | undefined) => void; fail: (error: Error) => void }[] = [];
  private readonly changeListeners = new Set<() => void>();

  constructor(
    private readonly repo: Pick<IngestRepository, 'deviceByUsername' | 'devicesBySerial'>,
    private readonly ttlMs = 60_000,
  ) {}

  /** Empties the directory on every change notice; returns the unsubscribe. */
  listenTo(listen: Listen) {
    return listen('civicgrid_iot_devices', () => this.forget());
  }

  /** Tells `onChange` whenever devices changed (the embedded broker checks its connections again). */
  onChange(onChange: () => void) {
    this.changeListeners.add(onChange);
    return () => this.changeListeners.delete(onChange);
  }

  forget() {
    this.byUsername.clear();
    this.bySerial.clear();
    this.loading.clear();
    this.changeListeners.forEach((f) => f());
  }

  withUsername(username: string) {
    return this.lookup(this.byUsername, `u:${username}`, username, () => this.repo.deviceByUsername(username));
  }

  /** The device of this serial if this process holds it now, without waiting: the path of nearly every message. */
  knownSerial(serial: string): KnownDevice | undefined {
    const kept = this.bySerial.get(serial);
    return kept && kept.until > Date.now() ? kept.device : undefined;
  }

  withSerial(serial: string) {
    return this.lookup(this.bySerial, `s:${serial}`, serial, () => this.loadSerial(serial));
  }

  private loadSerial(serial: string) {
    return new Promise<KnownDevice | undefined>((answer, fail) => {
      if (this.wanted.length === 0) setImmediate(() => void this.loadWanted());
      this.wanted.push({ serial, answer, fail });
    });
  }

  private async loadWanted() {
    const wanted = this.wanted.splice(0);
    try {
      const found = new Map((await this.repo.devicesBySerial(wanted.map((w) => w.serial))).map((d) => [d.serial, d]));
      for (const w of wanted) w.answer(found.get(w.serial));
    } catch (error) {
      for (const w of wanted) w.fail(error as Error);
    }
  }

  private lookup(map: DeviceDirectory['bySerial'], loadingKey: string, key: string, load: () => Promise<KnownDevice | undefined>) {
    const kept = map.get(key);
    if (kept && kept.until > Date.now()) return Promise.resolve(kept.device);
    const loading = this.loading.get(loadingKey);
    if (loading) return loading;
    const loaded = load()
      .then((device) => {
        // Forgotten meanwhile (a change notice): this answer may be the old one, so it is not kept.
        if (device && this.loading.get(loadingKey) === loaded) {
          const until = Date.now() + this.ttlMs;
          this.byUsername.set(device.mqtt_username, { device, until });
          this.bySerial.set(device.serial, { device, until });
        }
        return device;
      })
      .finally(() => {
        if (this.loading.get(loadingKey) === loaded) this.loading.delete(loadingKey);
      });
    this.loading.set(loadingKey, loaded);
    return loaded;
  }
}
