/**
 * 物联感知 (issue 10, decision 027): device types and devices, telemetry ingest over MQTT and
 * HTTP, rules, alarms that open cases. Other domains and the CLI use only what is exported here.
 */
export { syncDeviceTypes, readDeviceTypeFile } from './device-types.js';
export { demoCredentials } from './credentials.js';
export { alarmsRoutes } from './alarms.routes.js';
export { startIngest, type RunningIngest } from './ingest/ingest.live.js';
export { iotIngestRoutes } from './ingest/ingest.routes.js';
export { iotTelemetryRoutes } from './telemetry.routes.js';
export { prepareTelemetry, startIotSweep, maintainTelemetry } from './telemetry.maintenance.js';
export { evaluateNothing, type EvaluateBatch, type DeviceBatch, type LockedDevice, type Evaluation } from './ingest/rules-hook.js';
export { evaluateWithRules } from './rule-evaluation.js';
/** After the ingest commits alarms: the live stream, and the alarm → case pick-up (docs/decisions/030). */
export { followAlarms } from './alarm-follow-up.js';
export { startAlarmCases, pickUpAlarmCases } from './alarm-cases.js';
export { alarmCasePolicy } from './alarm-case-policy.js';
/** The alarm's case type, for the case engine's registry. */
export { iotAlarmCaseType } from './alarm-case-type.js';
/** The device registry's API (设备管理, docs/decisions/028). */
export { devicesRoutes } from './devices.routes.js';

import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { buildingsOfEstates, estatesNamed } from '../regions/index.js';
import { devicesImportRepository } from './devices-import.repository.js';
import { storeDeviceBatch, type ImportedDevice } from './devices-import.js';

export type { ImportedDevice } from './devices-import.js';

/**
 * A devices import's batch store (the exchange domain's worker): the county's types read once for
 * the job, then each batch of checked rows stored in the scope's transaction, keyed by serial.
 */
export async function deviceBatchStore(scoped: ScopedDb, importJobId: number) {
  const types = new Map<string, { code: string; name: string }>();
  for (const t of await devicesImportRepository(scoped).types()) types.set(t.code, t).set(t.name, t);
  return (inTransaction: ScopedDb, rows: ImportedDevice[]) =>
    storeDeviceBatch(
      {
        devices: devicesImportRepository(inTransaction),
        types,
        estates: (names) => estatesNamed(inTransaction, names),
        buildings: (estateIds) => buildingsOfEstates(inTransaction, estateIds),
        importJobId,
        now: () => new Date(),
      },
      rows,
    );
}
