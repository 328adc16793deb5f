import { describe, expect, it } from 'vitest';
import { createRandom } from '../seed/random.js';
import { assignFaults, runSimulation, type Publisher } from './simulation.js';
import { nextMessage } from './behaviour.js';

const DEVICES = [
  { serial: 'SD-1', typeCode: 'smoke_detector' },
  { serial: 'SD-2', typeCode: 'smoke_detector' },
  { serial: 'GD-1', typeCode: 'gas_detector' },
  { serial: 'EL-1', typeCode: 'elevator_monitor' },
  { serial: 'MH-1', typeCode: 'manhole_cover' },
];

/** A platform that acknowledges every message, keeping them. */
function recordingPublisher(refuse = (_payload: string) => false) {
  const messages: { serial: string; topic: string; payload: string }[] = [];
  const publisher: Publisher = {
    publish: async (serial, topic, payload) => {
      messages.push({ serial, topic, payload });
      return !refuse(payload);
    },
    close: async () => {},
  };
  return { publisher, messages };
}

describe('the simulator', () => {
  it('plays each fault on a device whose type fits it, and refuses a fault no device can play', () => {
    const devices = assignFaults(DEVICES, { fire: 1, gas_leak: 1, elevator_stuck: 1, offline: 1 });
    expect(Object.fromEntries(devices.filter((d) => d.fault).map((d) => [d.serial, d.fault]))).toEqual({
      'SD-1': 'fire',
      'GD-1': 'gas_leak',
      'EL-1': 'elevator_stuck',
      'SD-2': 'offline',
    });
    expect(() => assignFaults(DEVICES, { gas_leak: 2 })).toThrow(/gas_leak 需要 2 台/);
  });

  it('sends what each fault means: smoke, a leak, a trapped lift, nothing from an offline device, broken payloads', () => {
    const r = createRandom(1);
    const devices = assignFaults(DEVICES, { fire: 1, gas_leak: 1, elevator_stuck: 1, offline: 1, malformed: 1 });
    const [fire, leak, stuck, offline, broken] = (['fire', 'gas_leak', 'elevator_stuck', 'offline', 'malformed'] as const).map((fault) =>
      devices.find((d) => d.fault === fault)!,
    );
    const values = (d: typeof fire) => {
      const m = nextMessage(d, 0, r);
      return m && 'body' in m && 'values' in m.body ? m.body.values : null;
    };
    expect(values(fire)).toMatchObject({ smoke: true });
    expect(Number(values(leak)!.lel)).toBeGreaterThanOrEqual(28);
    expect(values(stuck)).toMatchObject({ trapped: true, moving: false });
    expect(nextMessage(offline, 0, r)).toBeNull();
    const payloads = [nextMessage(broken, 0, r), nextMessage(broken, 0, r)];
    expect(payloads.some((m) => m && 'raw' in m)).toBe(true);
  });

  it('keeps to the rate, counts acknowledgements and refusals, and sends a duplicate as a second identical message', async () => {
    let clock = 0;
    const { publisher, messages } = recordingPublisher((payload) => !payload.startsWith('{"ts"'));
    const run = runSimulation(publisher, {
      devices: DEVICES,
      rate: 100,
      durationSeconds: 2,
      faults: { duplicates: 1, malformed: 1 },
      random: createRandom(7),
      now: () => (clock += 5), // 5 ms of simulated time per look at the clock
    });
    const stats = await run.done;
    const duplicateSerial = Object.keys(stats.faults).find((s) => stats.faults[s] === 'duplicates')!;
    const fromDuplicate = messages.filter((m) => m.serial === duplicateSerial).map((m) => m.payload);
    expect(fromDuplicate.length).toBeGreaterThan(0);
    expect(new Set(fromDuplicate).size * 2).toBe(fromDuplicate.length);
    const readings = stats.sent - fromDuplicate.length / 2;
    expect(readings).toBeGreaterThanOrEqual(190);
    expect(readings).toBeLessThanOrEqual(201);
    expect(stats.acknowledged + stats.refused).toBe(stats.sent);
    expect(stats.refused).toBeGreaterThan(0); // the malformed device's broken half
  });
});
