import { describe, expect, it } from 'vitest';
import { createRandom } from '../seed/random.js';
import { MEAN_TIME_BETWEEN, nextMessage, type SimulatedDevice } from './behaviour.js';

const HOUR = 3_600_000;

/** A device of `typeCode` reading every `everyMs` for `hours`; what its readings said. */
function play(typeCode: string, everyMs: number, hours: number, seed = 3) {
  const r = createRandom(seed);
  const device: SimulatedDevice = { serial: 'X-1', typeCode, memory: {}, sent: 0 };
  const messages = [];
  for (let t = 0; t <= hours * HOUR; t += everyMs) messages.push(nextMessage(device, t, r)!);
  return { device, messages };
}

const events = (messages: ReturnType<typeof play>['messages'], type: string) =>
  messages.filter((m) => 'body' in m && 'event' in m.body && m.body.event.type === type).length;

describe('the simulator’s rates', () => {
  it('raises a camera’s events as often per hour at one reading a minute as at one a second', () => {
    const hours = 40;
    const expected = (hours * HOUR) / MEAN_TIME_BETWEEN.ebike_in_elevator; // 20; at 0.01 a reading, one a second made 1 440
    const slow = events(play('ebike_camera', 60_000, hours).messages, 'ebike_in_elevator');
    const fast = events(play('ebike_camera', 1000, hours).messages, 'ebike_in_elevator');
    for (const n of [slow, fast]) {
      expect(n).toBeGreaterThan(expected * 0.5);
      expect(n).toBeLessThan(expected * 1.5);
    }
  });

  it('runs a battery down by the hour, not by the reading', () => {
    const batteryAfter = (everyMs: number) => {
      const { device } = play('smoke_detector', everyMs, 10, 5);
      return device.memory.battery;
    };
    const start = play('smoke_detector', 60_000, 0, 5).device.memory.battery;
    // About half a percent an hour: five in ten hours, at either pace.
    for (const everyMs of [60_000, 1000]) {
      expect(start - batteryAfter(everyMs)).toBeGreaterThan(3);
      expect(start - batteryAfter(everyMs)).toBeLessThan(7);
    }
  });

  it('says nothing of what happened before a device’s first reading', () => {
    const r = createRandom(1);
    const device: SimulatedDevice = { serial: 'B-1', typeCode: 'emergency_button', memory: {}, sent: 0 };
    expect(nextMessage(device, 1_000_000_000, r)).toMatchObject({ topic: 'telemetry' });
  });
});
