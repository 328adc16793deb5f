import type { Kysely } from 'kysely';
import type { DB, IotValue } from '../../../platform/db/schema.js';
import { telemetryRepository, type StoredKey } from '../telemetry.repository.js';
import { dayOf } from '../telemetry.days.js';
import { ingestRepository, type DeadLetterRow, type DeviceStateRow, type DeviceTouch } from './ingest.repository.js';
import type { Reading, StatusReport } from './payload.js';
import type { DeviceBatch, EvaluateBatch, LockedDevice } from './rules-hook.js';

/**
 * Readings wait in memory and are written in batches (decision 029): at `batchReadings` readings
 * or `batchMs` after the first, whichever comes first, in one transaction that inserts them all
 * with one statement, locks their devices' state rows in id order, lets the rules judge them,
 * saves the devices' state, and counts. Each reading's promise settles only after that commit,
 * so the MQTT acknowledgement and the HTTP answer promise nothing the database does not hold.
 *
 * Nothing is dropped: a failed batch is tried again, and one that keeps failing is split in
 * halves until the reading that cannot be stored stands alone and is refused (STORE_FAILED)
 * instead of stalling everything behind it. Above `queueLimit` waiting readings, `saturated`
 * tells the transports to stop taking more (MQTT: no acknowledgements, so devices hold on; HTTP: 503).
 */
export type Outcome = 'stored' | 'duplicate' | 'refused';

export interface WriterOptions {
  batchReadings: number;
  batchMs: number;
  queueLimit: number;
  /**
   * Batches in flight at once, each from its own lane of devices (device id modulo the lanes), so
   * that they never wait for each other's device rows (decision 034). Two on PostgreSQL, one on
   * PGlite, which has one connection.
   */
  concurrentBatches: number;
}

/** Where a message came from, for its dead letter should it be refused. */
export interface Source {
  transport: 'mqtt' | 'http';
  topic: string | null;
  serial: string;
}

interface Waiting {
  deviceId: number;
  source: Source;
  /** A reading to store, or a status report (battery, firmware, online) that only touches the device. */
  reading: Reading | null;
  status: StatusReport | null;
  settle: (outcome: Outcome) => void;
  attempts: number;
  /** When it was queued (performance.now()), for "batchMs after the first". */
  queuedAt: number;
}

const RETRY_MS = [50, 200, 1000, 5000];
/** Dead letters kept per device and reason each minute; the rest are counted only. */
export const DEAD_LETTERS_PER_MINUTE = 10;
const DEAD_LETTER_KEYS_PER_MINUTE = 10_000;
const ATTEMPTS_BEFORE_SPLIT = 3;

export class BatchWriter {
  private readonly lanes: Lane[];
  private deadLetters: DeadLetterRow[] = [];
  /** Dead letters kept this minute, by device (or serial) and reason. */
  private kept = { minute: 0, byKey: new Map<string, number>() };
  private counts = new Map<string, number>();
  private roomWaiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: WriterOptions,
    private readonly evaluate: EvaluateBatch,
    private readonly onError: (message: string) => void,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.lanes = Array.from({ length: Math.max(1, options.concurrentBatches) }, () => new Lane());
  }

  /** Stores a reading; settles after the commit as stored, or duplicate when it was already stored. */
  write(deviceId: number, source: Source, reading: Reading): Promise<Outcome> {
    return this.enqueue(deviceId, source, reading, null);
  }

  /** Applies a status report to the device; settles after the commit. */
  report(deviceId: number, source: Source, status: StatusReport): Promise<Outcome> {
    return this.enqueue(deviceId, source, null, status);
  }

  /**
   * Counts a refused message, and keeps it for inspection (written with the next batch) unless
   * its device has had DEAD_LETTERS_PER_MINUTE of the same refusal kept this minute: the table is
   * for looking at, and a flood of one fault (a device with broken firmware, 10 % of all traffic)
   * wrote thousands of rows a second that say the same thing, at the cost of the valid readings
   * (decision 040). Every refusal is still counted (`malformed:<reason>`). `letter` is called only
   * when the message is kept.
   */
  refuse(key: { deviceId: number | null; serial: string | null; reason: string }, letter: () => Omit<DeadLetterRow, 'received_at'>) {
    this.count(`malformed:${key.reason}`);
    if (!this.keepsDeadLetter(`${key.deviceId ?? key.serial ?? ''}|${key.reason}`)) return;
    this.deadLetters.push({ ...letter(), received_at: this.now() });
    this.schedule(this.lanes[0]);
  }

  private keepsDeadLetter(key: string) {
    const minute = Math.floor(this.now().getTime() / 60_000);
    if (minute !== this.kept.minute) this.kept = { minute, byKey: new Map() };
    const n = this.kept.byKey.get(key) ?? 0;
    // Made-up serials must not grow the map without end: past the cap, this minute keeps no more.
    if (n >= DEAD_LETTERS_PER_MINUTE || (n === 0 && this.kept.byKey.size >= DEAD_LETTER_KEYS_PER_MINUTE)) return false;
    this.kept.byKey.set(key, n + 1);
    return true;
  }

  /** Adds to a day counter (e.g. `auth_refused`); written with the next batch. */
  count(counter: string, n = 1) {
    this.counts.set(counter, (this.counts.get(counter) ?? 0) + n);
    this.schedule(this.lanes[0]);
  }

  get backlog() {
    return this.lanes.reduce((n, lane) => n + lane.queue.length, 0);
  }

  get saturated() {
    return this.backlog >= this.options.queueLimit;
  }

  /** Resolves once the queue is below its limit again. */
  whenRoom(): Promise<void> {
    if (!this.saturated) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Writes what waits, then takes nothing more. */
  async stop() {
    this.stopped = true;
    for (const lane of this.lanes) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = null;
    }
    for (;;) {
      const flushing = this.lanes.map((lane) => lane.flushing).filter((f): f is Promise<void> => f !== null);
      if (flushing.length) await Promise.race(flushing);
      else if (this.lanes.some((lane) => lane.queue.length) || this.deadLetters.length || this.counts.size)
        await Promise.all(this.lanes.map((lane) => this.flush(lane)));
      else return;
    }
  }

  private enqueue(deviceId: number, source: Source, reading: Reading | null, status: StatusReport | null): Promise<Outcome> {
    if (this.stopped) return Promise.reject(new Error('物联网数据写入已停止'));
    // A device always goes to the same lane: batches in flight at once never share a device, so
    // neither waits for the other's row locks (decision 034).
    const lane = this.lanes[deviceId % this.lanes.length];
    return new Promise((settle) => {
      lane.queue.push({ deviceId, source, reading, status, settle, attempts: 0, queuedAt: performance.now() });
      this.schedule(lane);
    });
  }

  /**
   * Flushes the lane once it holds a batch's worth, or once its oldest reading has waited
   * `batchMs`. Readings that arrived during the previous flush have often waited that long
   * already: they go at once, not `batchMs` after the flush (which added that much to every
   * alarm's latency, decision 040).
   */
  private schedule(lane: Lane) {
    if (lane.flushing) return; // the lane looks again when its flush ends
    const waited = lane.queue.length ? performance.now() - lane.queue[0].queuedAt : 0;
    if (lane.queue.length >= this.options.batchReadings || waited >= this.options.batchMs) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = null;
      void this.flush(lane);
    } else if (!lane.timer) {
      lane.timer = setTimeout(() => {
        lane.timer = null;
        void this.flush(lane);
      }, this.options.batchMs - waited);
    }
  }

  private flush(lane: Lane): Promise<void> {
    if (lane.flushing) return lane.flushing;
    const flushing: Promise<void> = this.flushOnce(lane).finally(() => {
      lane.flushing = null;
      if (!this.saturated) this.roomWaiters.splice(0).forEach((wake) => wake());
      if (lane.queue.length) this.schedule(lane);
      if (this.deadLetters.length || this.counts.size) this.schedule(this.lanes[0]);
    });
    lane.flushing = flushing;
    return flushing;
  }

  private async flushOnce(lane: Lane) {
    const batch = lane.queue.splice(0, lane.takeNext ?? this.options.batchReadings);
    lane.takeNext = null;
    const deadLetters = this.deadLetters.splice(0);
    const counts = this.counts;
    this.counts = new Map();
    try {
      const { outcomes, afterCommit } = await this.writeBatch(batch, deadLetters, counts);
      batch.forEach((w, i) => w.settle(outcomes[i]));
      afterCommit?.();
    } catch (error) {
      this.onError(`物联网数据批量写入失败（${batch.length} 条，稍后重试）：${(error as Error).message}`);
      this.deadLetters.unshift(...deadLetters);
      for (const [counter, n] of counts) this.counts.set(counter, (this.counts.get(counter) ?? 0) + n);
      this.retry(lane, batch, (error as Error).message);
      await new Promise((r) => setTimeout(r, RETRY_MS[Math.min(batch[0]?.attempts ?? 1, RETRY_MS.length) - 1] ?? 50));
    }
  }

  /** Puts a failed batch back in front; one that failed too often goes back split, and a lone reading that still fails is refused. */
  private retry(lane: Lane, batch: Waiting[], lastError: string) {
    batch.forEach((w) => (w.attempts += 1));
    const spent = batch.filter((w) => w.attempts >= ATTEMPTS_BEFORE_SPLIT);
    if (batch.length === 1 && spent.length === 1) {
      const [w] = batch;
      this.refuse({ deviceId: w.deviceId, serial: w.source.serial, reason: 'STORE_FAILED' }, () => ({
        ...w.source,
        device_id: w.deviceId,
        reason: 'STORE_FAILED',
        detail: `多次写入数据库失败，已放弃：${lastError}`,
        payload: JSON.stringify(w.reading ?? w.status),
      }));
      w.settle('refused');
      return;
    }
    if (spent.length > 0 && batch.length > 1) {
      // Halves go back one after the other: the lane's next flush takes the first half alone.
      batch.forEach((w) => (w.attempts = 0));
      const half = Math.ceil(batch.length / 2);
      lane.queue.unshift(...batch);
      lane.takeNext = half;
      return;
    }
    lane.queue.unshift(...batch);
  }

  private async writeBatch(batch: Waiting[], deadLetters: DeadLetterRow[], counts: Map<string, number>) {
    const now = this.now();
    return this.db.transaction().execute(async (trx) => {
      const ingest = ingestRepository(trx);
      const readings = batch.filter((w) => w.reading);
      const stored = await telemetryRepository(trx).insertReadings(
        readings.map((w) => ({ deviceId: w.deviceId, ts: w.reading!.ts, msgKey: w.reading!.msgKey, values: w.reading!.values })),
      );
      const outcomes = outcomesOf(batch, stored);
      const deviceIds = [...new Set(batch.map((w) => w.deviceId))];
      let afterCommit: (() => void) | undefined;
      let states: DeviceStateRow[] = [];
      if (deviceIds.length > 0) {
        const locked = (await ingest.lockDeviceStates(deviceIds)).map((r): LockedDevice => ({
          deviceId: r.device_id,
          ts: r.ts,
          values: r.values,
          ruleState: r.rule_state,
        }));
        const batches = deviceBatches(locked, batch, outcomes);
        const evaluation = await this.evaluate(batches, now, trx);
        afterCommit = evaluation.afterCommit;
        states = batches
          .filter((b) => b.readings.length || evaluation.ruleStates.has(b.device.deviceId))
          .map((b) => ({ ...mergedState(b), ruleState: evaluation.ruleStates.get(b.device.deviceId) ?? null }));
      }
      if (deadLetters.length > 0) await ingest.insertDeadLetters(deadLetters);
      const storedCount = outcomes.filter((o) => o === 'stored').length;
      const duplicates = outcomes.filter((o, i) => o === 'duplicate' && batch[i].reading).length;
      if (storedCount) counts.set('stored', (counts.get('stored') ?? 0) + storedCount);
      if (duplicates) counts.set('duplicate', (counts.get('duplicate') ?? 0) + duplicates);
      if (deviceIds.length || counts.size) {
        await ingest.finishBatch({ states, touches: touches(batch, now), day: dayOf(now), counts });
      }
      return { outcomes, afterCommit };
    });
  }
}

/** One line of batches: its own queue and timer, one batch in flight at a time. */
class Lane {
  queue: Waiting[] = [];
  timer: ReturnType<typeof setTimeout> | null = null;
  flushing: Promise<void> | null = null;
  /** After a split: how many readings the next flush takes, so a failing half is tried alone. */
  takeNext: number | null = null;
}

const keyOf = (deviceId: number, tsMs: number, msgKey: string) => `${deviceId}|${tsMs}|${msgKey}`;

/**
 * Which readings the INSERT stored: all of them when it says so (null), else the first of each
 * key it returned; any other copy, in this batch or before it, is a duplicate.
 */
function outcomesOf(batch: Waiting[], stored: StoredKey[] | null): Outcome[] {
  if (stored === null) return batch.map(() => 'stored');
  const fresh = new Set(stored.map(([deviceId, tsMs, msgKey]) => keyOf(Number(deviceId), tsMs, msgKey)));
  return batch.map((w) => {
    if (!w.reading) return 'stored';
    return fresh.delete(keyOf(w.deviceId, w.reading.ts.getTime(), w.reading.msgKey)) ? 'stored' : 'duplicate';
  });
}

function deviceBatches(locked: LockedDevice[], batch: Waiting[], outcomes: Outcome[]): DeviceBatch[] {
  const byDevice = new Map(locked.map((device) => [device.deviceId, { device, readings: [] } as DeviceBatch]));
  batch.forEach((w, i) => {
    if (w.reading && outcomes[i] === 'stored') byDevice.get(w.deviceId)!.readings.push({ ts: w.reading.ts, values: w.reading.values });
  });
  for (const b of byDevice.values()) b.readings.sort((x, y) => x.ts.getTime() - y.ts.getTime());
  return [...byDevice.values()];
}

/** The device's newest value of each field: readings older than what is saved do not overwrite it. Events are not state. */
function mergedState({ device, readings }: DeviceBatch) {
  let ts = device.ts;
  const values: Record<string, IotValue> = { ...device.values };
  for (const r of readings) {
    if (r.ts < ts) continue;
    ts = r.ts;
    for (const [key, value] of Object.entries(r.values)) if (!key.startsWith('_')) values[key] = value;
  }
  return { deviceId: device.deviceId, ts, values };
}

/** Each device once: heard now, online unless its last status said otherwise, its battery and firmware if told. */
function touches(batch: Waiting[], now: Date): DeviceTouch[] {
  const byId = new Map<number, DeviceTouch>();
  for (const w of batch) {
    const t = byId.get(w.deviceId) ?? { id: w.deviceId, seenAt: now, online: true, battery: null, firmware: null };
    if (w.status?.online !== undefined) t.online = w.status.online;
    else t.online = true;
    const battery = w.status?.battery ?? w.reading?.values.battery;
    if (typeof battery === 'number') t.battery = Math.round(battery);
    if (w.status?.firmware) t.firmware = w.status.firmware;
    byId.set(w.deviceId, t);
  }
  return [...byId.values()];
}
