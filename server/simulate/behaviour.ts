import type { Random } from '../seed/random.js';

/**
 * What a simulated device says, reading by reading: plausible values for its type that drift
 * the way real sensors do (a bin fills and is emptied, a lift travels between floors, a battery
 * runs down), and the faults the simulator injects on request. Pure: the same random stream
 * gives the same readings, so a test can predict them.
 */
export const FAULTS = ['fire', 'gas_leak', 'elevator_stuck', 'offline', 'flapping', 'malformed', 'duplicates'] as const;
export type Fault = (typeof FAULTS)[number];

export type Values = Record<string, number | boolean | string>;

/** One message a device publishes: a reading, an event, or (malformed) raw text. */
export type Message =
  | { topic: 'telemetry'; body: { ts: number; msgId: string; values: Values } }
  | { topic: 'event'; body: { ts: number; msgId: string; event: { type: string } } }
  | { topic: 'telemetry'; raw: string };

export interface SimulatedDevice {
  serial: string;
  typeCode: string;
  /** The fault this device plays, if any. */
  fault?: Fault;
  /** Internal: what drifts from one reading to the next. */
  memory: Record<string, number>;
  sent: number;
}

/** The faults that make sense for a type: a fire is a smoke detector's or a bin's, a leak a gas detector's. */
export function faultFits(fault: Fault, typeCode: string): boolean {
  switch (fault) {
    case 'fire':
      return typeCode === 'smoke_detector' || typeCode === 'garbage_bin';
    case 'gas_leak':
      return typeCode === 'gas_detector' || typeCode === 'septic_gas';
    case 'elevator_stuck':
      return typeCode === 'elevator_monitor';
    default:
      return true;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * How often things happen, on average, to one device: rates in time, not chances per reading, so
 * that a benchmark publishing 50 readings a second per device raises no more alarms than the demo
 * publishing one a minute. The figures are what the former per-reading chances gave at the demo's
 * pace (200 devices, 3 readings a second: one reading per device about every 67 s), so the demo
 * stays as lively as it was.
 */
export const MEAN_TIME_BETWEEN = {
  high_altitude_throw: 9 * HOUR, // per camera (was 0.002 a reading)
  ebike_in_elevator: 2 * HOUR, // per camera (was 0.01)
  emergency_call: 36 * HOUR, // per button (was 0.0005)
  forced_open: 18 * HOUR, // per gate (was 0.001)
  tailgate: 2 * HOUR, // per gate (was 0.01)
  binCollected: 4 * MINUTE, // once a bin is over 95 % full (was 0.3)
} as const;
/** A battery loses about half a percent an hour (was up to 0.02 a reading); a bin fills in about an hour (up to 3). */
const BATTERY_PER_HOUR = 0.5;
const BIN_FILL_PER_HOUR = 80;
/** People through a gate, about three a minute (was up to 6 a reading). */
const PASSES_PER_MINUTE = 3;

/** Whether something that happens on average once every `meanMs` happened within `elapsedMs` (a Poisson process). */
export function happened(r: Random, elapsedMs: number, meanMs: number): boolean {
  return elapsedMs > 0 && r.chance(1 - Math.exp(-elapsedMs / meanMs));
}

/** The next message of a device at `now`, or null when it says nothing (offline, or a quiet camera). */
export function nextMessage(device: SimulatedDevice, now: number, r: Random): Message | null {
  if (device.fault === 'offline') return null;
  // The time since this device's previous reading: what the rates above are applied to (none before the first).
  const elapsed = device.memory.lastAt === undefined ? 0 : Math.max(0, now - device.memory.lastAt);
  device.memory.lastAt = now;
  device.sent++;
  const msgId = `${device.serial}-${device.sent}`;
  if (device.fault === 'malformed' && device.sent % 2 === 0) return { topic: 'telemetry', raw: malformed(device, now, r) };
  const event = cameraOrButtonEvent(device, elapsed, r);
  if (event) return { topic: 'event', body: { ts: now, msgId, event: { type: event } } };
  return { topic: 'telemetry', body: { ts: now, msgId, values: valuesOf(device, elapsed, r) } };
}

/**
 * What a device reads. A state read at the moment (a door open, a space taken, a lift's floor) is
 * drawn afresh each reading: its chance is a share of the time, whatever the pace. What happens
 * between readings (an event, a battery running down, a bin filling) follows `elapsed`.
 */
function valuesOf(device: SimulatedDevice, elapsed: number, r: Random): Values {
  const m = device.memory;
  const fault = device.fault;
  const battery = () => {
    m.battery = Math.max(0, (m.battery ?? r.int(40, 100)) - (r.float(0, 2 * BATTERY_PER_HOUR) * elapsed) / HOUR);
    return Math.round(m.battery);
  };
  switch (device.typeCode) {
    case 'smoke_detector':
      return { smoke: fault === 'fire' || (fault === 'flapping' && device.sent % 2 === 1), battery: battery(), tamper: false };
    case 'gas_detector':
      return fault === 'gas_leak'
        ? { lel: round1(r.float(28, 45)), co: Math.round(r.float(60, 120)), valve_closed: false }
        : { lel: round1(r.around(1, 1, 0, 4)), co: Math.round(r.around(4, 3, 0, 12)), valve_closed: false };
    case 'elevator_monitor': {
      if (fault === 'elevator_stuck') return { floor: m.floor ?? 5, door_open: false, moving: false, trapped: true, speed: 0 };
      const target = r.chance(0.3) ? r.int(1, 18) : (m.floor ?? 1);
      const moving = target !== (m.floor ?? 1);
      m.floor = target;
      return {
        floor: target,
        door_open: !moving && r.chance(0.4),
        moving,
        trapped: false,
        speed: moving ? round1(r.around(1.5, 0.2, 0.5, 1.8)) : 0,
      };
    }
    case 'manhole_cover':
      return { tilt: round1(r.around(1, 1, 0, 4)), water_level: Math.round(r.around(25, 10, 0, 60)), battery: battery() };
    case 'septic_gas':
      return fault === 'gas_leak'
        ? { ch4: Math.round(r.float(22, 40)), h2s: Math.round(r.float(12, 30)) }
        : { ch4: Math.round(r.around(4, 3, 0, 12)), h2s: round1(r.around(1.5, 1, 0, 6)) };
    case 'water_pressure':
      return { pressure: round2(r.around(0.32, 0.04, 0.2, 0.45)), level: round1(r.around(3.2, 0.4, 1, 5)) };
    case 'hydrant_pressure':
      return { pressure: round2(r.around(0.38, 0.04, 0.25, 0.5)), tamper: false };
    case 'access_gate':
      m.passes = (m.passes ?? 0) + Math.round((r.float(0, 2 * PASSES_PER_MINUTE) * elapsed) / MINUTE);
      return { open: r.chance(0.2), passes: m.passes, tailgate: happened(r, elapsed, MEAN_TIME_BETWEEN.tailgate) };
    case 'parking_sensor':
      return { occupied: r.chance(0.05), battery: battery() };
    case 'garbage_bin':
      m.fill = (m.fill ?? r.int(0, 50)) + (r.float(0, 2 * BIN_FILL_PER_HOUR) * elapsed) / HOUR;
      if (m.fill > 95 && happened(r, elapsed, MEAN_TIME_BETWEEN.binCollected)) m.fill = r.int(0, 10); // the collection round came by
      return {
        fill: Math.min(100, Math.round(m.fill)),
        temperature: fault === 'fire' ? Math.round(r.float(75, 110)) : Math.round(r.around(18, 6, -5, 35)),
      };
    case 'door_magnet':
      return { open: r.chance(0.15), battery: battery() };
    case 'emergency_button':
      return { battery: battery() };
    case 'fire_lane_camera':
      return { blocked: r.chance(0.02) };
    default:
      return { recording: true };
  }
}

/** Cameras report what they see as events, rarely; the button is pressed more rarely still. */
function cameraOrButtonEvent(device: SimulatedDevice, elapsed: number, r: Random): string | null {
  const type = EVENT_OF[device.typeCode];
  return type && happened(r, elapsed, MEAN_TIME_BETWEEN[type]) ? type : null;
}

const EVENT_OF: Record<string, 'high_altitude_throw' | 'ebike_in_elevator' | 'emergency_call' | 'forced_open' | undefined> = {
  throw_camera: 'high_altitude_throw',
  ebike_camera: 'ebike_in_elevator',
  emergency_button: 'emergency_call',
  access_gate: 'forced_open',
};

/** What a broken firmware sends: not JSON, values of the wrong type, fields the type does not have. */
function malformed(device: SimulatedDevice, now: number, r: Random): string {
  switch (r.int(0, 3)) {
    case 0:
      return '{"values": {"smoke": tru';
    case 1:
      return JSON.stringify({ ts: now, msgId: `${device.serial}-bad-${device.sent}`, values: { battery: 'full' } });
    case 2:
      return JSON.stringify({ ts: now, msgId: `${device.serial}-bad-${device.sent}`, values: { no_such_field: 1 } });
    default:
      return JSON.stringify({ ts: 'yesterday', values: {} });
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;
