import mqtt from 'mqtt';
import type { Publisher } from './simulation.js';

/**
 * Publishes as the devices themselves: one MQTT connection per device, signed in with its own
 * credentials, each message at QoS 1 to `civicgrid/v1/{serial}/{topic}`. A message counts as
 * acknowledged when its PUBACK arrives, which the platform sends only after the reading is
 * stored (decision 029); a refused sign-in or a dropped connection counts as refused.
 */
export function mqttPublisher(brokerUrl: string, credentialsOf: (serial: string) => { username: string; password: string }): Publisher {
  const clients = new Map<string, Promise<mqtt.MqttClient>>();
  const clientOf = (serial: string) => {
    let client = clients.get(serial);
    if (!client) {
      client = mqtt.connectAsync(brokerUrl, {
        ...credentialsOf(serial),
        clientId: `sim-${serial}`,
        reconnectPeriod: 0,
        connectTimeout: 10_000,
      });
      client.catch(() => clients.delete(serial)); // the next message tries again
      clients.set(serial, client);
    }
    return client;
  };
  return {
    publish: async (serial, topic, payload) => {
      try {
        const client = await clientOf(serial);
        await client.publishAsync(`civicgrid/v1/${serial}/${topic}`, payload, { qos: 1 });
        return true;
      } catch {
        return false;
      }
    },
    close: async () => {
      const open = await Promise.allSettled([...clients.values()]);
      await Promise.all(open.map((c) => (c.status === 'fulfilled' ? c.value.endAsync() : undefined)));
    },
  };
}
