import type { Config } from '../platform/config.js';
import { demoCredentials } from '../domains/iot/index.js';
import { createRandom, type Random } from '../seed/random.js';
import { nextMessage, type SimulatedDevice } from './behaviour.js';
import { demoDevices } from './demo-devices.js';
import { mqttPublisher } from './mqtt-publisher.js';
import type { Publisher } from './simulation.js';

/**
 * The demo's own small simulation (issue 10: "the demo runs a small simulation so the alarm
 * centre is alive"): inside the demo server, a few of the demo county's devices report a few
 * readings a second, signed in over MQTT as themselves like `civicgrid simulate` does, and every
 * few minutes one smoke detector sees smoke for half a minute — a critical alarm that raises the
 * popup, then clears. Demo mode only; DEMO_SIMULATION=off turns it off (docs/decisions/031).
 */

/** Enough devices for a lively map and list, few enough that each one reports about once a minute. */
const DEVICES = 200;
/** Read from the county's list to choose from: the list is grouped, its first page one or two types. */
const CANDIDATES = 5000;
/** How long a demo fire lasts before the detector reads clear again: long enough to see it live. */
const FIRE_MS = 30_000;

/** Up to `wanted` devices taking each type in turn, so smoke detectors, gas and lifts all play. */
export function mixOfTypes<D extends { typeCode: string }>(devices: D[], wanted: number): D[] {
  const byType = new Map<string, D[]>();
  for (const d of devices) byType.set(d.typeCode, [...(byType.get(d.typeCode) ?? []), d]);
  const chosen: D[] = [];
  for (let i = 0; chosen.length < Math.min(wanted, devices.length); i++)
    for (const group of byType.values()) if (i < group.length && chosen.length < wanted) chosen.push(group[i]);
  return chosen;
}

export interface DemoScene {
  devices: SimulatedDevice[];
  /** The next message to send at `now`: round robin, plus what a fire starting or ending says at once. */
  due(now: number): SimulatedDevice[];
}

/**
 * Who reports when, pure so a test can drive the clock: every tick the next device in turn, and
 * every `faultEveryMs` a smoke detector chosen at random starts a fire of FIRE_MS, reported at
 * once when it starts and when it ends (a real detector reports a change at once, not on its round).
 */
export function demoScene(devices: { serial: string; typeCode: string }[], faultEveryMs: number, started: number, r: Random): DemoScene {
  const simulated: SimulatedDevice[] = devices.map((d) => ({ ...d, memory: {}, sent: 0 }));
  const detectors = simulated.filter((d) => d.typeCode === 'smoke_detector');
  let next = 0;
  let nextFireAt = started + faultEveryMs;
  let burning: { device: SimulatedDevice; until: number } | null = null;
  return {
    devices: simulated,
    due(now) {
      const urgent: SimulatedDevice[] = [];
      if (burning && now >= burning.until) {
        burning.device.fault = undefined;
        urgent.push(burning.device);
        burning = null;
      }
      if (!burning && now >= nextFireAt && detectors.length > 0) {
        const device = r.pick(detectors);
        device.fault = 'fire';
        burning = { device, until: now + FIRE_MS };
        urgent.push(device);
        nextFireAt = now + faultEveryMs;
      }
      return simulated.length === 0 ? urgent : [...urgent, simulated[next++ % simulated.length]];
    },
  };
}

/** Sends what the scene says, one round a tick, through any publisher. */
export function playScene(scene: DemoScene, publisher: Publisher, rate: number, r: Random, now = Date.now): () => void {
  const timer = setInterval(
    () => {
      const t = now();
      for (const device of scene.due(t)) {
        const message = nextMessage(device, t, r);
        if (message) void publisher.publish(device.serial, message.topic, 'raw' in message ? message.raw : JSON.stringify(message.body));
      }
    },
    Math.max(20, 1000 / rate),
  );
  return () => clearInterval(timer);
}

/** Starts the demo simulation when configured; stop() ends it and its device connections. */
export function startDemoSimulation(config: Config, log: (line: string) => void): { stop(): Promise<void> } {
  if (!config.demoSimulation.enabled) return { stop: async () => {} };
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  const baseUrl = `http://${host}:${config.port}`;
  // The server's own broker over WebSocket on its HTTP port: there even when MQTT_PORT is 0 or taken.
  const publisher = mqttPublisher(config.iot.mqttUrl ?? `ws://${host}:${config.port}/mqtt`, (serial) =>
    demoCredentials(config.demoPassword, serial),
  );
  let stopPlaying = () => {};
  let stopped = false;
  const random = createRandom(config.demoSeed);
  demoDevices(baseUrl, config.demoPassword, CANDIDATES)
    .then((candidates) => {
      const devices = mixOfTypes(candidates, DEVICES);
      if (stopped) return;
      const { rate, faultEveryMs } = config.demoSimulation;
      stopPlaying = playScene(demoScene(devices, faultEveryMs, Date.now(), random), publisher, rate, random);
      log(
        `演示模拟：${devices.length} 台设备每秒 ${rate} 条读数，约每 ${faultEveryMs / 60_000} 分钟一次烟感火警（DEMO_SIMULATION=off 可关闭）`,
      );
    })
    .catch((e: Error) => log(`演示模拟未启动：${e.message}`));
  return {
    stop: async () => {
      stopped = true;
      stopPlaying();
      await publisher.close();
    },
  };
}
