import { api } from '@lib/api';
import type { Page } from '@common/contracts/shared';
import type { AlarmItem } from '@common/contracts/iot-alarms';

/** The alarms that opened a case (GET /api/iot/alarms?caseId=, server/domains/iot/alarms.routes.ts). */
export const alarmsOfCase = async (caseId: number) =>
  (await api.get<Page<AlarmItem>>('/iot/alarms', { caseId, status: 'all', pageSize: 20 })).items;
