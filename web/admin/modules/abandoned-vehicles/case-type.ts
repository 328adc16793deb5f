import { defineAsyncComponent } from 'vue';
import type { CaseTypePanels } from '../cases/case-type-panels';

/**
 * The abandoned-vehicle case type on the admin's case page: its 一车一档 dossier panel, loaded
 * when a case of the type is opened (server side: server/domains/abandoned-vehicles/index.ts).
 */
export const caseTypePanels: CaseTypePanels['caseTypePanels'] = {
  abandoned_vehicle: defineAsyncComponent(() => import('./components/VehicleDossierPanel.vue')),
};
