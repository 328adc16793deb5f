import countyText from '../../../data/geo/370124-pingyin-county.geojson?raw';
import { isInsideRings, type Ring } from '@common/geo';

/**
 * The county outline (the public DataV boundary in GCJ-02, the same file the server checks
 * reported points against in server/platform/geo/county-boundary.ts). Bundled with the app,
 * 9 KB, so a point can be checked on a phone with no network before it is queued.
 */
export interface CountyGeo {
  geojson: {
    type: string;
    features: { geometry: { type: string; coordinates: unknown }; properties: { name: string; center: [number, number] } }[];
  };
  polygons: Ring[][];
  center: [number, number];
  name: string;
}

let parsed: CountyGeo | null = null;

export function countyGeo(): CountyGeo {
  if (parsed) return parsed;
  const geojson = JSON.parse(countyText) as CountyGeo['geojson'];
  const feature = geojson.features[0];
  const polygons = (feature.geometry.type === 'MultiPolygon' ? feature.geometry.coordinates : [feature.geometry.coordinates]) as Ring[][];
  parsed = { geojson, polygons, center: feature.properties.center, name: feature.properties.name };
  return parsed;
}

/** Is a GCJ-02 point inside 平阴县 (the server refuses others with OUTSIDE_COUNTY). */
export function insideCounty(lon: number, lat: number): boolean {
  return isInsideRings(countyGeo().polygons, lon, lat);
}
