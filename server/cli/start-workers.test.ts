import { describe, expect, it } from 'vitest';
import { loadConfig } from '../platform/config.js';
import { workerEnv, WORKER_SLOT_ENV } from './start-workers.js';

describe('the settings of each worker of start --workers', () => {
  it('runs the embedded broker in the first worker only', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/civicgrid' });
    expect(workerEnv(config, 1)).toEqual({ [WORKER_SLOT_ENV]: '1' });
    expect(workerEnv(config, 2)).toEqual({ [WORKER_SLOT_ENV]: '2', MQTT_URL: '', MQTT_EMBEDDED: 'false' });
    expect(loadConfig({ ...workerEnv(config, 2) }).iot.embeddedBroker).toBe(false);
  });

  it('lets every worker consume an external broker, each under a client id of its slot that the config accepts', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/civicgrid', MQTT_URL: 'mqtt://broker:1883', MQTT_CLIENT_ID: 'x'.repeat(64) });
    const ids = [1, 2, 12].map((slot) => workerEnv(config, slot).MQTT_CLIENT_ID);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(loadConfig({ MQTT_CLIENT_ID: id }).iot.mqttClientId).toBe(id);
    expect(workerEnv(config, 2).MQTT_EMBEDDED).toBeUndefined();
  });

  it('lets only the first worker consume when there is no share group: a plain subscription gives every subscriber every reading', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db/civicgrid', MQTT_URL: 'mqtt://broker:1883', MQTT_SHARE_GROUP: '' });
    expect(workerEnv(config, 1).MQTT_CLIENT_ID).toBeDefined();
    const second = loadConfig({ MQTT_URL: 'mqtt://broker:1883', ...workerEnv(config, 2) });
    expect(second.iot.mqttUrl).toBeUndefined();
    expect(second.iot.embeddedBroker).toBe(false);
  });
});
