import type { Random } from '../seed/random.js';
import { faultFits, nextMessage, type Fault, type Message, type SimulatedDevice } from './behaviour.js';

/**
 * A simulation run: the devices publish `rate` messages a second between them, round robin,
 * for `durationSeconds` (or until stopped), with the requested faults played by devices whose
 * type fits them. Counts what was sent and what the platform acknowledged (a QoS 1 PUBACK, an
 * HTTP 2xx): the difference is what a test or a reviewer looks for.
 */
export interface Publisher {
  /** Resolves true when the platform acknowledged the message, false when it refused it. */
  publish(serial: string, topic: Message['topic'], payload: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface SimulationOptions {
  devices: { serial: string; typeCode: string }[];
  rate: number;
  durationSeconds: number;
  /** Each fault, with how many devices play it. */
  faults: Partial<Record<Fault, number>>;
  random: Random;
  now?: () => number;
  /** Progress, about once a second. */
  onProgress?: (stats: SimulationStats) => void;
}

export interface SimulationStats {
  sent: number;
  acknowledged: number;
  refused: number;
  failed: number;
  /** Which device plays which fault, by serial. */
  faults: Record<string, Fault>;
}

export function assignFaults(devices: SimulationOptions['devices'], faults: SimulationOptions['faults']): SimulatedDevice[] {
  const simulated: SimulatedDevice[] = devices.map((d) => ({ ...d, memory: {}, sent: 0 }));
  for (const [fault, count] of Object.entries(faults) as [Fault, number][]) {
    const fitting = simulated.filter((d) => !d.fault && faultFits(fault, d.typeCode));
    if (fitting.length < count) throw new Error(`故障 ${fault} 需要 ${count} 台合适的设备，只有 ${fitting.length} 台`);
    for (const d of fitting.slice(0, count)) d.fault = fault;
  }
  return simulated;
}

export function runSimulation(publisher: Publisher, options: SimulationOptions): { done: Promise<SimulationStats>; stop(): void } {
  const now = options.now ?? Date.now;
  const devices = assignFaults(options.devices, options.faults);
  const stats: SimulationStats = {
    sent: 0,
    acknowledged: 0,
    refused: 0,
    failed: 0,
    faults: Object.fromEntries(devices.filter((d) => d.fault).map((d) => [d.serial, d.fault!])),
  };
  const inFlight = new Set<Promise<void>>();
  const send = (device: SimulatedDevice, topic: Message['topic'], payload: string) => {
    stats.sent++;
    const p = publisher
      .publish(device.serial, topic, payload)
      .then(
        (ok) => void (ok ? stats.acknowledged++ : stats.refused++),
        () => void stats.failed++,
      )
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  let stopped = false;
  let next = 0;
  const started = now();
  let lastProgress = started;
  let duplicatesSent = 0; // sent on top of the rate: the rate counts readings, not copies
  const done = new Promise<SimulationStats>((resolve) => {
    const tick = () => {
      const t = now();
      const elapsed = (t - started) / 1000;
      if (stopped || elapsed >= options.durationSeconds) {
        void Promise.allSettled([...inFlight]).then(() => resolve(stats));
        return;
      }
      // As many messages as the rate allows by now, whatever the timer's jitter.
      const due = Math.floor(options.rate * elapsed) - (stats.sent - duplicatesSent);
      for (let i = 0; i < due && devices.length > 0; i++) {
        const device = devices[next++ % devices.length];
        const message = nextMessage(device, t, options.random);
        if (!message) continue;
        const payload = 'raw' in message ? message.raw : JSON.stringify(message.body);
        send(device, message.topic, payload);
        if (device.fault === 'duplicates') {
          duplicatesSent++;
          send(device, message.topic, payload); // the same message again, as a QoS 1 redelivery would
        }
      }
      if (t - lastProgress >= 1000) {
        lastProgress = t;
        options.onProgress?.(stats);
      }
      setTimeout(tick, 20);
    };
    tick();
  });
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}
