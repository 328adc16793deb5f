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
