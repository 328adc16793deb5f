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

/** The next message of a device at `now`, or null when it says nothing (offline, or a quiet camera). */
export function nextMessage(device: SimulatedDevice, now: number, r: Random): Message | null {
  if (device.fault === 'offline') return null;
  device.sent++;
  const msgId = `${device.serial}-${device.sent}`;
  if (device.fault === 'malformed' && device.sent % 2 === 0) return { topic: 'telemetry', raw: malformed(device, now, r) };
  const event = cameraOrButtonEvent(device, r);
  if (event) return { topic: 'event', body: { ts: now, msgId, event: { type: event } } };
  return { topic: 'telemetry', body: { ts: now, msgId, values: valuesOf(device, r) } };
}

function valuesOf(device: SimulatedDevice, r: Random): Values {
  const m = device.memory;
  const fault = device.fault;
  const battery = () => {
    m.battery = Math.max(0, (m.battery ?? r.int(40, 100)) - r.float(0, 0.02));
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
      m.passes = (m.passes ?? 0) + r.int(0, 6);
      return { open: r.chance(0.2), passes: m.passes, tailgate: r.chance(0.01) };
    case 'parking_sensor':
      return { occupied: r.chance(0.05), battery: battery() };
    case 'garbage_bin':
      m.fill = (m.fill ?? r.int(0, 50)) + r.float(0, 3);
      if (m.fill > 95 && r.chance(0.3)) m.fill = r.int(0, 10); // the collection round came by
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
function cameraOrButtonEvent(device: SimulatedDevice, r: Random): string | null {
  switch (device.typeCode) {
    case 'throw_camera':
      return r.chance(0.002) ? 'high_altitude_throw' : null;
    case 'ebike_camera':
      return r.chance(0.01) ? 'ebike_in_elevator' : null;
    case 'emergency_button':
      return r.chance(0.0005) ? 'emergency_call' : null;
    case 'access_gate':
      return r.chance(0.001) ? 'forced_open' : null;
    default:
      return null;
  }
}

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
