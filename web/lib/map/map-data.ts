import { api } from '@lib/api';
import { convertPoint, type CoordinateSystem } from '@common/coordinates';
import type { Located, MapArea, MapConfig, MapPlace, MapRoad } from '@common/contracts/map';

/**
 * What the maps draw, from the server: the base map (configuration, never hard-wired), the
 * county's areas, the places in view. The first two are the same all session and fetched once.
 * Everything arrives in GCJ-02; `display` moves a point onto the base map's system, `stored`
 * brings a tap back (天地图 tiles are CGCS2000; without tiles the platform's own GCJ-02 is used).
 */
/** A point shown on a map and chosen from it (a case), in GCJ-02. */
export interface MapMarker {
  id: number;
  lon: number;
  lat: number;
  name: string;
  colour?: string;
}

/** What a map is asked to show; the H5 and admin wrappers take the same. */
export interface PlaceMapProps {
  label: string;
  describedBy?: string;
  pickable?: boolean;
  points?: MapMarker[];
  height?: string;
  /** Estates and buildings when zoomed in: for signed-in viewers (the API refuses others). */
  withPlaces?: boolean;
  /** Open centred on this point, zoomed to its street. */
  focus?: { lon: number; lat: number } | null;
  /** Open showing this extent (what was just imported) instead of the whole county. */
  extent?: { west: number; south: number; east: number; north: number } | null;
}

let base: Promise<{ config: MapConfig; areas: MapArea[] }> | null = null;

export function mapBase() {
  base ??= Promise.all([api.get<MapConfig>('/map/config'), api.get<{ items: MapArea[] }>('/map/areas')])
    .then(([config, areas]) => ({ config, areas: areas.items }))
    .catch((e) => {
      base = null; // fetched again next time (offline on first use)
      throw e;
    });
  return base;
}

/** Forgets the fetched areas: after an import of boundaries, the next map draws the new ones. */
export function forgetMapBase() {
  base = null;
}

export const placesIn = (b: { west: number; south: number; east: number; north: number }) =>
  api.get<{ items: MapPlace[]; truncated: boolean }>('/map/places', b);

export const roadsIn = (b: { west: number; south: number; east: number; north: number }) =>
  api.get<{ items: MapRoad[]; truncated: boolean }>('/map/roads', b);

/** Where a road's name is written: the middle vertex of its longest line. */
export function roadLabelAt(road: Pick<MapRoad, 'lines'>): { lon: number; lat: number } {
  const longest = road.lines.reduce((a, b) => (b.length > a.length ? b : a), road.lines[0]);
  if (longest.length === 2) return { lon: (longest[0][0] + longest[1][0]) / 2, lat: (longest[0][1] + longest[1][1]) / 2 };
  const [lon, lat] = longest[Math.floor(longest.length / 2)];
  return { lon, lat };
}

export const locatePoint = (p: { lon: number; lat: number }) => api.get<Located>('/map/locate', p);

export function displaySystem(config: MapConfig): CoordinateSystem {
  return config.tiles.kind === 'none' ? 'gcj02' : config.tiles.crs;
}

export const toDisplay = (system: CoordinateSystem, p: { lon: number; lat: number }) => convertPoint(p, 'gcj02', system);
export const fromDisplay = (system: CoordinateSystem, p: { lon: number; lat: number }) => convertPoint(p, system, 'gcj02');

/** The area-weighted centre of an area's largest ring: where its name is written. */
export function middleOf(geometry: { type: string; coordinates: unknown[] }): { lon: number; lat: number } {
  const outers = (
    geometry.type === 'Polygon' ? [geometry.coordinates[0]] : geometry.coordinates.map((p) => (p as unknown[])[0])
  ) as number[][][];
  let best = { area: -1, lon: 0, lat: 0 };
  for (const ring of outers) {
    let area = 0,
      x = 0,
      y = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const cross = ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
      area += cross;
      x += (ring[i][0] + ring[i + 1][0]) * cross;
      y += (ring[i][1] + ring[i + 1][1]) * cross;
    }
    if (Math.abs(area) > best.area && area !== 0) best = { area: Math.abs(area), lon: x / (3 * area), lat: y / (3 * area) };
  }
  return { lon: best.lon, lat: best.lat };
}

/** The extent of some areas' geometries (the boundaries just imported), or null for none. */
export function extentOf(geometries: { type: string; coordinates: unknown[] }[]) {
  const points = geometries.flatMap((g) => (g.coordinates as unknown[]).flat(g.type === 'Polygon' ? 1 : 2) as number[][]);
  if (points.length === 0) return null;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return { west: Math.min(...lons), south: Math.min(...lats), east: Math.max(...lons), north: Math.max(...lats) };
}
