import {
  locateQuery,
  located,
  mapAreas as mapAreasSchema,
  mapConfig,
  mapPlaces,
  mapRoads,
  placesQuery,
  roadsQuery,
} from '../../../common/contracts/map.js';
import { requiresAny, typed, type App } from '../../platform/http.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { tileSource } from '../../platform/geo/tiles.js';
import { mapRepository } from './map.repository.js';
import { roadsRepository } from './roads.repository.js';
import { roadsIn } from './roads.service.js';
import { locate, mapAreas, placesIn } from './map.service.js';
import type { PlacesAccess } from './places.live.js';

/**
 * The maps' API. The base map and the county's areas are public, as the public case map needs
 * them; estates, buildings, roads and "where is this point" are for anyone signed in who reports or
 * reads the region tree. Places are public facts, the same for every viewer (map.repository.ts).
 */
export async function mapRoutes(app: App, options: { places: PlacesAccess }) {
  const r = typed(app);
  const tags = ['map'];
  const county = () => new ScopedDb(app.db, { path: '/', estateIds: null });
  const repo = () => mapRepository(county());
  const signedIn = requiresAny('regions.read', 'cases.report');

  r.get(
    '/api/map/config',
    { schema: { tags, summary: '底图配置（天地图、XYZ 瓦片或仅平台图层）', response: { 200: mapConfig } } },
    async () => tileSource(app.config.map),
  );

  r.get(
    '/api/map/areas',
    { schema: { tags, summary: '镇街、社区村的位置与范围（正式或近似）', response: { 200: mapAreasSchema } } },
    async () => ({
      items: await mapAreas(repo()),
    }),
  );

  r.get(
    '/api/map/places',
    { schema: { tags, summary: '视野内的小区与楼栋', querystring: placesQuery, response: { 200: mapPlaces } }, preHandler: signedIn },
    async (request) => placesIn(repo(), request.query),
  );

  r.get(
    '/api/map/roads',
    { schema: { tags, summary: '视野内的道路（名称与走向）', querystring: roadsQuery, response: { 200: mapRoads } }, preHandler: signedIn },
    async (request) => roadsIn(roadsRepository(county()), request.query),
  );

  r.get(
    '/api/map/locate',
    { schema: { tags, summary: '某点所在社区与文字位置', querystring: locateQuery, response: { 200: located } }, preHandler: signedIn },
    async (request) => locate(options.places.current(), request.query),
  );
}
