/**
 * Open311 GeoReport v2's public face (docs/decisions/011): its routes, and the client
 * applications as the CLI manages them. Open311 reaches casework only through cases/index.ts.
 */
export { open311Routes } from './open311.routes.js';
export { open311ClientsRoutes } from './clients.routes.js';
export {
  createOpen311Client,
  DEMO_CLIENT_NAME,
  ensureDemoOpen311Client,
  listOpen311Clients,
  retireDemoOpen311Client,
  revokeOpen311Client,
  type Open311ClientView,
} from './clients.js';
