import { api, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type { AlarmActionBody, AlarmDetail, AlarmItem, IncidentAcknowledgement } from '@common/contracts/iot-alarms';

/** 告警中心 (server: server/domains/iot/alarms.routes.ts). */
export const alarmsApi = {
  list: (query: Query, signal?: AbortSignal) => api.get<Page<AlarmItem>>('/iot/alarms', query, signal),
  detail: (id: number, signal?: AbortSignal) => api.get<AlarmDetail>(`/iot/alarms/${id}`, undefined, signal),
  act: (id: number, body: AlarmActionBody) => api.post<AlarmDetail>(`/iot/alarms/${id}/actions`, body),
  /** Every waiting alarm of a storm incident at once (decision 039). */
  acknowledgeIncident: (incidentId: number) => api.post<IncidentAcknowledgement>(`/iot/incidents/${incidentId}/acknowledge`, {}),
};
