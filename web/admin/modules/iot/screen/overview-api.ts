import { api } from '@lib/api';
import type { AlarmOverview } from '@common/contracts/iot-overview';

/** 监控大屏's figures (server: server/domains/iot/alarm-overview.routes.ts). */
export const overviewApi = {
  get: () => api.get<AlarmOverview>('/iot/alarm-overview'),
};
