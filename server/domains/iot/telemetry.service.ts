import type { TelemetryQuery, TelemetrySeries } from '../../../common/contracts/iot-telemetry.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { IotField } from '../../platform/db/schema.js';
import type { SeriesBucket, telemetryReadRepository } from './telemetry.repository.js';

type ReadRepository = ReturnType<typeof telemetryReadRepository>;

/** About this many points per field, whatever the range: a year draws as fast as a day. */
const TARGET_BUCKETS = 500;
/** Bucket lengths a chart's axis reads well in, in seconds. */
const STEPS = [1, 5, 10, 30, 60, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800, 604_800];
const LONGEST_RANGE_DAYS = 3660;

/** The smallest readable bucket that keeps the range within TARGET_BUCKETS. */
export function bucketSecondsFor(from: Date, to: Date): number {
  const wanted = (to.getTime() - from.getTime()) / 1000 / TARGET_BUCKETS;
  return STEPS.find((s) => s >= wanted) ?? STEPS[STEPS.length - 1];
}

/** A device's readings from `from` to `to` (default: the last day), downsampled per field on the server. */
export async function telemetrySeriesOf(
  repo: ReadRepository,
  deviceId: number,
  query: TelemetryQuery,
  now: Date,
): Promise<TelemetrySeries> {
  const device = await repo.device(deviceId);
  if (!device) throw notFound('设备');
  const to = query.to ? new Date(query.to) : now;
  const asked = query.from ? new Date(query.from) : new Date(to.getTime() - 86_400_000);
  if (!(asked < to)) throw invalid('PERIOD', '开始时间须早于结束时间');
  if (to.getTime() - asked.getTime() > LONGEST_RANGE_DAYS * 86_400_000) throw invalid('PERIOD', `时间范围至多 ${LONGEST_RANGE_DAYS} 天`);
  const charted = device.fields.filter((f) => f.type !== 'string' && (!query.field || f.key === query.field));
  if (query.field && charted.length === 0) throw invalid('FIELD', `该设备没有可绘制的字段 ${query.field}`);
  const bucketSeconds = bucketSecondsFor(asked, to);
  // Buckets of whole hours start on a whole hour, so the hourly roll-up can answer for them.
  const byHour = bucketSeconds % 3600 === 0;
  const from = byHour ? new Date(asked.getTime() - (asked.getTime() % 3_600_000)) : asked;
  const buckets = await repo.buckets(
    deviceId,
    from,
    to,
    bucketSeconds,
    charted.map((f) => f.key),
    byHour ? await repo.rolledUntil() : null,
  );
  return {
    deviceId,
    from: from.toISOString(),
    to: to.toISOString(),
    bucketSeconds,
    fields: charted.map((f) =>
      presentField(
        f,
        buckets.filter((b) => b.key === f.key),
      ),
    ),
  };
}

function presentField(field: IotField, buckets: SeriesBucket[]): TelemetrySeries['fields'][number] {
  const t = (b: SeriesBucket) => new Date(b.t).toISOString();
  if (field.type === 'boolean')
    return {
      key: field.key,
      label: field.label,
      type: 'boolean',
      points: buckets
        .filter((b) => b.true_share !== null)
        .map((b) => ({ t: t(b), last: b.last === true, trueShare: Number(b.true_share), n: b.n })),
    };
  return {
    key: field.key,
    label: field.label,
    unit: field.unit,
    type: 'number',
    points: buckets
      .filter((b) => b.avg !== null)
      .map((b) => ({ t: t(b), min: Number(b.min), max: Number(b.max), avg: Number(b.avg), n: b.n })),
  };
}
