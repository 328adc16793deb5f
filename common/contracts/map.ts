import { z } from 'zod';

/**
 * The maps' API (server/domains/regions/map.routes.ts): what base map to draw, the county's
 * areas, the places in view, and where a point is. Coordinates are GCJ-02 throughout, like the
 * case API; a client converts for a base map drawn in another system (common/coordinates.ts).
 */

/** The base map: none (the platform's own layers only), 天地图, or an XYZ tile URL. */
export const mapConfig = z.object({
  tiles: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('none') }),
    z.object({
      kind: z.enum(['tianditu', 'xyz']),
      /** Leaflet URL templates, drawn in order (天地图: streets, then their labels). */
      layers: z.array(z.string()),
      subdomains: z.string(),
      /** The system the tiles are drawn in; the platform's layers are moved onto it. */
      crs: z.enum(['gcj02', 'wgs84', 'cgcs2000']),
      attribution: z.string(),
    }),
  ]),
});
export type MapConfig = z.infer<typeof mapConfig>;

const geometry = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  coordinates: z.array(z.any()),
});

export const mapArea = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  level: z.enum(['town', 'community']),
  name: z.string(),
  townName: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  /** official: an imported boundary; approximate: derived from positions (近似范围); null: none yet. */
  source: z.enum(['official', 'approximate']).nullable(),
  geometry: geometry.nullable(),
});
export type MapArea = z.infer<typeof mapArea>;
export const mapAreas = z.object({ items: z.array(mapArea) });

const degree = (min: number, max: number) => z.coerce.number().min(min).max(max);
/** A view's bounds; at most about 10 km across, the scale at which estates and buildings are drawn. */
export const placesQuery = z
  .object({ west: degree(-180, 180), south: degree(-90, 90), east: degree(-180, 180), north: degree(-90, 90) })
  .refine((b) => b.east > b.west && b.north > b.south, { message: '范围无效', path: ['east'] })
  .refine((b) => b.east - b.west <= 0.15 && b.north - b.south <= 0.1, { message: '范围过大，请放大地图', path: ['east'] });

/** A village house (村组门牌, docs/decisions/049) is drawn as a building is, named by its 门牌. */
export const mapPlace = z.object({
  kind: z.enum(['estate', 'building', 'house']),
  id: z.number().int(),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
});
export type MapPlace = z.infer<typeof mapPlace>;
export const mapPlaces = z.object({ items: z.array(mapPlace), truncated: z.boolean() });

export const locateQuery = z.object({ lon: degree(-180, 180), lat: degree(-90, 90) });
/** Where a point is: its community and town by area, and the point in words. */
export const located = z.object({
  communityId: z.number().int().nullable(),
  communityName: z.string().nullable(),
  townName: z.string().nullable(),
  words: z.string().nullable(),
});
export type Located = z.infer<typeof located>;

/** What an import of official boundaries did: what it matched, and what it could not. */
export const boundaryImport = z.object({
  matched: z.array(z.object({ regionId: z.number().int(), name: z.string(), level: z.enum(['town', 'community']) })),
  unmatched: z.array(z.object({ feature: z.number().int(), code: z.string().nullable(), name: z.string().nullable(), reason: z.string() })),
  /** Approximate areas derived again around the official ones. */
  derived: z.number().int(),
});
export type BoundaryImport = z.infer<typeof boundaryImport>;
