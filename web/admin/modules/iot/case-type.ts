import { defineAsyncComponent } from 'vue';
import type { CaseTypePanels } from '../cases/case-type-panels';

/**
 * The IoT alarm case type on the admin's case page: the alarm that opened the case, its device
 * and the camera's picture (server side: server/domains/iot/alarm-case-type.ts, decision 030).
 */
export const caseTypePanels: CaseTypePanels['caseTypePanels'] = {
  iot_alarm: defineAsyncComponent(() => import('./components/AlarmCasePanel.vue')),
};
