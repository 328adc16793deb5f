import polygonClipping from 'polygon-clipping';
import type { AreaGeometry } from '../../platform/db/schema.js';
import { polygonsOf, voronoiAreas, type MultiPolygon } from '../../platform/geo/areas.js';
import type { AreaRow, AreaWrite } from './map.repository.js';

/**
 * Approximate areas for the towns and communities the county has no official boundary for:
 * each one's Voronoi cell among its siblings (the points nearer its position than any other's),
 * inside what its parent's area leaves once the siblings' official boundaries are taken out.
 * Maps label them 近似范围; an imported official boundary always wins (map.repository.ts).
 */
export const APPROXIMATE_NOTE = '按位置推算（泰森多边形，裁剪至上级范围）';

export function deriveAreas(rows: readonly AreaRow[], county: MultiPolygon, countyId: number): AreaWrite[] {
  const out: AreaWrite[] = [];
  const areaOf = new Map<number, MultiPolygon>([[countyId, county]]);
  for (const r of rows) if (r.source === 'official' && r.geometry) areaOf.set(r.id, polygonsOf(r.geometry));
  // Towns first, so that their communities are divided inside the areas just derived.
  for (const level of ['town', 'community'] as const) {
    const byParent = new Map<number, AreaRow[]>();
    for (const r of rows)
      if (r.level === level && r.parent_id !== null) byParent.set(r.parent_id, [...(byParent.get(r.parent_id) ?? []), r]);
    for (const [parentId, siblings] of byParent) {
      const parent = areaOf.get(parentId);
      if (!parent) continue; // a community of a town with no area yet: nothing to divide
      const official = siblings.filter((s) => s.source === 'official' && s.geometry);
      const left = official.length
        ? (polygonClipping.difference(
            parent as polygonClipping.MultiPolygon,
            ...official.map((s) => areaOf.get(s.id)! as polygonClipping.MultiPolygon),
          ) as MultiPolygon)
        : parent;
      const sites = siblings
        .filter((s) => s.source !== 'official' && s.lon !== null && s.lat !== null)
        .map((s) => ({ id: s.id, lon: s.lon!, lat: s.lat! }));
      for (const [id, cell] of voronoiAreas(sites, left)) {
        areaOf.set(id, cell);
        out.push({ region_id: id, geometry: asGeometry(cell), source: 'approximate', note: APPROXIMATE_NOTE });
      }
    }
  }
  return out;
}

export const asGeometry = (area: MultiPolygon): AreaGeometry =>
  area.length === 1 ? { type: 'Polygon', coordinates: area[0] } : { type: 'MultiPolygon', coordinates: area };
