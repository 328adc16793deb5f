import type { FastifyRequest } from 'fastify';
import { telemetryBatchAnswer, telemetryBatchBody, type TelemetryBatchAnswer } from '../../../../common/contracts/iot-telemetry.js';
import { typed, type App } from '../../../platform/http.js';
import { AppError } from '../../../platform/errors.js';
import { rateLimited, rateLimits } from '../../../platform/rate-limit.js';
import { parseHttpToken } from '../credentials.js';
import type { KnownDevice } from './device-directory.js';
import type { Answer, Ingest } from './ingest.service.js';

/** Requests a device may make a minute: a gateway sending a batch a second has room. */
const HTTP_WINDOW = { windowMs: 60_000, limit: 300 };

const deviceAuthFailed = () => new AppError(401, 'DEVICE_AUTH', '设备凭据无效：请用 Authorization: Bearer <用户名:密钥>');

/**
 * HTTP batch ingest for devices and gateways that do not speak MQTT: `Authorization: Bearer
 * <httpToken>` (credentials.ts), a batch of readings, and an answer per reading once the batch
 * writer has committed them. Devices have no session; the token is checked before the body is.
 */
export async function iotIngestRoutes(app: App, { ingest }: { ingest: Ingest }) {
  const devices = new WeakMap<FastifyRequest, KnownDevice>();

  typed(app).post(
    '/api/iot/telemetry',
    {
      schema: {
        tags: ['iot'],
        summary: '设备 HTTP 批量上报读数（设备凭据，不用会话）',
        security: [{ deviceToken: [] }],
        body: telemetryBatchBody,
        response: { 200: telemetryBatchAnswer },
      },
      preValidation: async (request) => {
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        const credentials = token ? parseHttpToken(token) : null;
        const device = credentials && (await ingest.signIn(credentials.username, credentials.password));
        if (!device) throw deviceAuthFailed();
        const limit = await rateLimits(app.db).hit(`iot.http:${device.id}`, HTTP_WINDOW);
        if (limit.exceeded) throw rateLimited(limit, '上报过于频繁，请合并为批量后稍后再试');
        if (ingest.saturated) throw new AppError(503, 'INGEST_BUSY', '平台写入繁忙，请稍后重试（本批未保存）', { retryAfterSeconds: 1 });
        devices.set(request, device);
      },
    },
    async (request) => {
      const device = devices.get(request)!;
      const answers = await Promise.all(request.body.readings.map((reading) => ingest.fromHttp(device, reading)));
      return presentBatchAnswer(answers);
    },
  );
}

export function presentBatchAnswer(answers: Answer[]): TelemetryBatchAnswer {
  const count = (outcome: Answer['outcome']) => answers.filter((a) => a.outcome === outcome).length;
  return {
    stored: count('stored'),
    duplicates: count('duplicate'),
    refused: count('refused'),
    results: answers.map((a, index) => ({ index, outcome: a.outcome, reason: a.refusal?.refused, detail: a.refusal?.detail })),
  };
}
