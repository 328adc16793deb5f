import type { CaseType } from '../cases/index.js';
import { CASE_TYPE } from './abandoned-vehicles.repository.js';
import { abandonedVehiclesRoutes } from './abandoned-vehicles.routes.js';

/**
 * The abandoned-vehicle campaign's public face (docs/decisions/011, 013): the first case type.
 * Its categories carry `caseType: "abandoned_vehicle"` (data/cases/categories.json); its form
 * and its routing by where the car stands are the catalogue's data; it adds the 一车一档 steps,
 * the campaign and its reports as its own API, and the dossier panel on the admin's case page
 * (web/admin/modules/abandoned-vehicles/case-type.ts).
 */
export const abandonedVehicleCaseType: CaseType = {
  code: CASE_TYPE,
  routes: abandonedVehiclesRoutes,
};

/** The demo county files a campaign of its own days (server/seed/av-campaign.ts). */
export { ensureCampaign, fileCampaigns } from './campaigns.js';
export { campaignsRepository } from './abandoned-vehicles.repository.js';
