import { z } from 'zod';
import { timestamp } from './shared.js';

/**
 * Telemetry in and out (issue 10, decisions 027 and 029): what a device or gateway sends to
 * `POST /api/iot/telemetry`, what it is answered per reading, and the downsampled series of
 * `GET /api/iot/devices/:id/telemetry`. The same reading shape travels over MQTT, one per
 * message (README, "物联感知：主题与报文").
 */

/** Readings one HTTP request may carry. */
export const MAX_HTTP_READINGS = 1000;

/**
 * The body is checked only as far as "a list of readings": each reading is then judged on its
 * own against the device's type (server/domains/iot/ingest/payload.ts), so one bad reading is
 * refused with its reason while the others around it are stored.
 */
export const telemetryBatchBody = z.object({
  readings: z.array(z.unknown()).min(1).max(MAX_HTTP_READINGS).describe('读数：{ts?, msgId?, values} 或 {ts?, msgId?, event:{type}}'),
});

export const readingOutcome = z.enum(['stored', 'duplicate', 'refused']);

export const telemetryBatchAnswer = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  refused: z.number().int(),
  results: z.array(
    z.object({
      index: z.number().int(),
      outcome: readingOutcome,
      /** A refusal's reason code (UNKNOWN_FIELD, OUT_OF_RANGE, …) and its words. */
      reason: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
});
export type TelemetryBatchAnswer = z.infer<typeof telemetryBatchAnswer>;

export const telemetryQuery = z
  .object({
    from: z.string().datetime({ offset: true }).optional(),
    to: z.string().datetime({ offset: true }).optional(),
    /** One field only; all the type's fields without it. */
    field: z
      .string()
      .regex(/^[a-z][a-z0-9_]*$/)
      .optional(),
  })
  .describe('默认最近 24 小时');

/** One time bucket of a number field: the lowest, highest and mean of its readings. */
const numberPoint = z.object({ t: timestamp, min: z.number(), max: z.number(), avg: z.number(), n: z.number().int() });
/** One time bucket of a boolean field: its last value and the share of readings that were true. */
const booleanPoint = z.object({ t: timestamp, last: z.boolean(), trueShare: z.number(), n: z.number().int() });

export const telemetrySeries = z.object({
  deviceId: z.number().int(),
  from: timestamp,
  to: timestamp,
  bucketSeconds: z.number().int(),
  fields: z.array(
    z.discriminatedUnion('type', [
      z.object({
        key: z.string(),
        label: z.string(),
        unit: z.string().optional(),
        type: z.literal('number'),
        points: z.array(numberPoint),
      }),
      z.object({ key: z.string(), label: z.string(), type: z.literal('boolean'), points: z.array(booleanPoint) }),
    ]),
  ),
});
export type TelemetrySeries = z.infer<typeof telemetrySeries>;
export type TelemetryQuery = z.infer<typeof telemetryQuery>;
