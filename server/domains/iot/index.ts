/**
 * 物联感知 (issue 10, decision 027): device types and devices, telemetry ingest over MQTT and
 * HTTP, rules, alarms that open cases. Other domains and the CLI use only what is exported here.
 */
export { syncDeviceTypes, readDeviceTypeFile } from './device-types.js';
/** The device registry's API (设备管理, docs/decisions/028). */
export { devicesRoutes } from './devices.routes.js';
