import { api, type Query } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type {
  DeviceDetail,
  DeviceIssued,
  DeviceItem,
  DeviceType,
  RegisterDeviceInput,
  UpdateDeviceInput,
} from '@common/contracts/iot-devices';

/** 设备管理 (server: server/domains/iot/devices.routes.ts). A registration answers the credentials once; a retry of the same form answers the device without them. */
export type Registration = DeviceIssued | { id: number; credentials: null; replayed: true };

export const devicesApi = {
  types: async () => (await api.get<{ items: DeviceType[] }>('/iot/device-types')).items,
  list: (query: Query, signal?: AbortSignal) => api.get<Page<DeviceItem>>('/iot/devices', query, signal),
  detail: (id: number) => api.get<DeviceDetail>(`/iot/devices/${id}`),
  register: (body: RegisterDeviceInput, idempotencyKey: string) =>
    api.post<Registration>('/iot/devices', body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  update: (id: number, body: UpdateDeviceInput) => api.patch<DeviceDetail>(`/iot/devices/${id}`, body),
  reissue: (id: number) => api.post<DeviceIssued>(`/iot/devices/${id}/credentials`),
};
