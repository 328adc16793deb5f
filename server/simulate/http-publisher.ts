import http from 'node:http';
import https from 'node:https';
import type { Publisher } from './simulation.js';

/**
 * Publishes over HTTP ingest (`POST /api/iot/telemetry`), one reading per request as a device
 * without MQTT would, on kept-alive connections. A payload the simulator broke on purpose is
 * sent as it is, so the platform sees what a broken firmware sends.
 */
export function httpPublisher(baseUrl: string, tokenOf: (serial: string) => string): Publisher {
  const url = new URL('/api/iot/telemetry', baseUrl);
  const transport = url.protocol === 'https:' ? https : http;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    publish: (serial, _topic, payload) =>
      new Promise<boolean>((resolve, reject) => {
        // Telemetry and events travel alike over HTTP: each is one reading of the batch.
        const body = Buffer.from(`{"readings":[${payload}]}`);
        const request = transport.request(
          url,
          {
            method: 'POST',
            agent,
            headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${tokenOf(serial)}` },
          },
          (res) => {
            // A batch is answered 200 with an outcome per reading: this one counts if it was taken.
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              if (res.statusCode === undefined || res.statusCode >= 300) return resolve(false);
              const answer = JSON.parse(Buffer.concat(chunks).toString()) as { refused: number };
              resolve(answer.refused === 0);
            });
          },
        );
        request.on('error', reject);
        request.end(body);
      }),
    close: async () => agent.destroy(),
  };
}
