import { parseArgs } from 'node:util';
import type { Config } from '../platform/config.js';
import { demoCredentials } from '../domains/iot/index.js';
import { createRandom } from '../seed/random.js';
import { FAULTS, type Fault } from '../simulate/behaviour.js';
import { runSimulation, type Publisher } from '../simulate/simulation.js';
import { httpPublisher } from '../simulate/http-publisher.js';
import { mqttPublisher } from '../simulate/mqtt-publisher.js';
import { demoDevices } from '../simulate/demo-devices.js';

const USAGE = `用法: civicgrid simulate --devices N --rate R --duration S [--faults 故障[:台数],…] [--transport mqtt|http]
                          [--url http://127.0.0.1:8080] [--mqtt-url mqtt://127.0.0.1:1883] [--seed S]
  以演示县的设备（凭据由演示密码派生，仅限演示模式）向运行中的服务发送读数。
  故障：${FAULTS.join('、')}`;

/**
 * `civicgrid simulate`: the demo county's devices publish to a running server, as devices do,
 * over MQTT (each device on its own connection) or HTTP ingest. It finds the devices through the
 * API as the demo county administrator and signs in as each with the demo's derived credentials
 * (credentials.ts), so it works only against a demo install. Prints what was sent and what the
 * platform acknowledged.
 */
export async function simulateCommand(config: Config, args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      devices: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      faults: { type: 'string', default: '' },
      transport: { type: 'string', default: 'mqtt' },
      url: { type: 'string', default: `http://127.0.0.1:${config.port}` },
      'mqtt-url': { type: 'string', default: config.iot.mqttUrl ?? `mqtt://127.0.0.1:${config.iot.mqttPort}` },
      seed: { type: 'string', default: '1' },
    },
  });
  const devices = positive(values.devices, '--devices');
  const rate = positive(values.rate, '--rate');
  const duration = positive(values.duration, '--duration');
  if (values.transport !== 'mqtt' && values.transport !== 'http') throw new Error(USAGE);
  const faults = parseFaults(values.faults!);

  const chosen = await demoDevices(values.url!, config.demoPassword, devices);
  const credentials = (serial: string) => demoCredentials(config.demoPassword, serial);
  const publisher: Publisher =
    values.transport === 'http'
      ? httpPublisher(values.url!, (serial) => credentials(serial).httpToken)
      : mqttPublisher(values['mqtt-url']!, credentials);
  console.log(
    `模拟 ${chosen.length} 台设备，每秒 ${rate} 条，持续 ${duration} 秒，经 ${values.transport === 'http' ? values.url : values['mqtt-url']}`,
  );
  const run = runSimulation(publisher, {
    devices: chosen,
    rate,
    durationSeconds: duration,
    faults,
    random: createRandom(Number(values.seed)),
    onProgress: (s) => console.log(`已发送 ${s.sent} 条，已确认 ${s.acknowledged} 条，被拒 ${s.refused} 条，失败 ${s.failed} 条`),
  });
  process.once('SIGINT', () => run.stop());
  const stats = await run.done;
  await publisher.close();
  for (const [serial, fault] of Object.entries(stats.faults)) console.log(`故障 ${fault}：${serial}`);
  console.log(`完成：已发送 ${stats.sent} 条，已确认 ${stats.acknowledged} 条，被拒 ${stats.refused} 条，失败 ${stats.failed} 条`);
}

function positive(value: string | undefined, name: string) {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} 须为正数\n${USAGE}`);
  return n;
}

/** `fire,gas_leak:2` → { fire: 1, gas_leak: 2 } */
export function parseFaults(text: string): Partial<Record<Fault, number>> {
  const faults: Partial<Record<Fault, number>> = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [name, count = '1'] = part.split(':');
    if (!(FAULTS as readonly string[]).includes(name)) throw new Error(`不认识的故障 ${name}\n${USAGE}`);
    faults[name as Fault] = positive(count, `故障 ${name} 的台数`);
  }
  return faults;
}
