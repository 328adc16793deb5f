import { api, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type { AlarmItem } from '@common/contracts/iot-alarms';
import type { DeviceEvents, DeviceLatest, HealthReport } from '@common/contracts/iot-health';
import type { DeviceRules, TypeRules } from '@common/contracts/iot-rules';
import type { TelemetrySeries } from '@common/contracts/iot-telemetry';

/**
 * A device's page, 设备健康 and 规则设置 (server: iot/device-health.routes.ts,
 * iot/rule-settings.routes.ts, iot/telemetry.routes.ts, iot/alarms.routes.ts).
 */
export const devicePagesApi = {
  latest: (id: number) => api.get<DeviceLatest>(`/iot/devices/${id}/latest`),
  telemetry: (id: number, range: { from: string; to: string }, signal?: AbortSignal) =>
    api.get<TelemetrySeries>(`/iot/devices/${id}/telemetry`, range, signal),
  events: (id: number, range: { from: string; to: string }, signal?: AbortSignal) =>
    api.get<DeviceEvents>(`/iot/devices/${id}/events`, range, signal),
  /** The device's latest alarms, whatever their status. */
  alarms: (id: number) => api.get<Page<AlarmItem>>('/iot/alarms', { deviceId: id, status: 'all', pageSize: 10 }),
  rules: (id: number) => api.get<DeviceRules>(`/iot/devices/${id}/rules`),
  setOverride: (id: number, code: string, body: Record<string, unknown>) => api.put<DeviceRules>(`/iot/devices/${id}/rules/${code}`, body),
  removeOverride: (id: number, code: string) => api.del<DeviceRules>(`/iot/devices/${id}/rules/${code}`),
  typeRules: (typeCode: string) => api.get<TypeRules>(`/iot/device-types/${typeCode}/rules`),
  editTypeRule: (typeCode: string, code: string, body: Record<string, unknown>) =>
    api.put<TypeRules>(`/iot/device-types/${typeCode}/rules/${code}`, body),
  health: (query: Query) => api.get<HealthReport>('/iot/health', query),
};
