import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import { isInsideRings, type Ring } from '../../../common/geo.js';

/**
 * Plane geometry of areas in lon/lat (GCJ-02) that PostGIS would do if PGlite had it: Voronoi
 * cells of sites clipped to a parent's area, bounding boxes, a point inside an area. At county
 * scale a local equirectangular plane (longitude shrunk by cos(latitude)) keeps cells fair:
 * without it a cell would be a fifth too wide at 36°N.
 */
export type MultiPolygon = Ring[][];
export interface Site {
  id: number;
  lon: number;
  lat: number;
}

/** A GeoJSON Polygon or MultiPolygon geometry as a list of polygons. */
export function polygonsOf(geometry: { type: string; coordinates: unknown }): MultiPolygon {
  if (geometry.type === 'Polygon') return [geometry.coordinates as Ring[]];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates as MultiPolygon;
  throw new Error(`not an area: ${geometry.type}`);
}

export function bboxOf(area: MultiPolygon): [west: number, south: number, east: number, north: number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of area)
    for (const [lon, lat] of polygon[0]) {
      w = Math.min(w, lon);
      e = Math.max(e, lon);
      s = Math.min(s, lat);
      n = Math.max(n, lat);
    }
  return [w, s, e, n];
}

/** Whether the area holds the point; `bbox`, when the caller keeps it, spares computing it again. */
export function contains(area: MultiPolygon, lon: number, lat: number, bbox = bboxOf(area)): boolean {
  const [w, s, e, n] = bbox;
  return lon >= w && lon <= e && lat >= s && lat <= n && isInsideRings(area, lon, lat);
}

/**
 * Each site's Voronoi cell (the points nearer to it than to any other site) clipped to `within`:
 * the approximate area of a community among its town's, or of a town within the county. A site
 * whose cell misses `within` entirely gets no area.
 */
export function voronoiAreas(sites: readonly Site[], within: MultiPolygon): Map<number, MultiPolygon> {
  const out = new Map<number, MultiPolygon>();
  if (sites.length === 0) return out;
  if (sites.length === 1) return out.set(sites[0].id, within);
  const [w, s, e, n] = bboxOf(within);
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const delaunay = Delaunay.from(sites.map((p) => [p.lon * k, p.lat] as [number, number]));
  // A frame a little larger than the parent, so every cell is closed before clipping.
  const margin = Math.max(e - w, n - s);
  const voronoi = delaunay.voronoi([(w - margin) * k, s - margin, (e + margin) * k, n + margin]);
  sites.forEach((site, i) => {
    const cell = voronoi.cellPolygon(i);
    if (!cell) return; // a site at the very place of an earlier one
    const ring = cell.map(([x, y]) => [round(x / k), round(y)] as [number, number]);
    const clipped = polygonClipping.intersection([ring], within as polygonClipping.MultiPolygon) as MultiPolygon;
    if (clipped.length > 0) out.set(site.id, clipped);
  });
  return out;
}

/** Six decimals of a degree is about 0.1 m: as precise as any boundary file. */
const round = (x: number) => Math.round(x * 1e6) / 1e6;
