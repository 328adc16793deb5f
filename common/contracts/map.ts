import { z } from 'zod';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../coordinates.js';

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

/** Roads in a view (the platform's road layer, docs/decisions/048): a view up to the whole county. */
export const roadsQuery = z
  .object({ west: degree(-180, 180), south: degree(-90, 90), east: degree(-180, 180), north: degree(-90, 90) })
  .refine((b) => b.east > b.west && b.north > b.south, { message: '范围无效', path: ['east'] })
  .refine((b) => b.east - b.west <= 1.2 && b.north - b.south <= 1, { message: '范围过大，请放大地图', path: ['east'] });

export const mapRoad = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string().nullable(),
  /** GeoJSON MultiLineString coordinates, GCJ-02. */
  lines: z.array(z.array(z.tuple([z.number(), z.number()]))),
});
export type MapRoad = z.infer<typeof mapRoad>;
export const mapRoads = z.object({ items: z.array(mapRoad), truncated: z.boolean() });

/** What an upload of the county's map data holds: official boundaries, or the road layer. */
export const MAP_IMPORT_KINDS = ['boundaries', 'roads'] as const;
/** The .dbf's text encoding: auto takes the .cpg beside it, else UTF-8. */
export const DBF_ENCODINGS = ['auto', 'utf-8', 'gbk'] as const;
/** Each file of an upload (a .shp, its .dbf …) at most this size. */
export const MAP_FILE_MB = 30;

/** The form fields of POST /api/map/imports (multipart, sent before the files). */
export const mapImportFields = z.object({
  kind: z.enum(MAP_IMPORT_KINDS, { error: '请选择导入行政区划边界还是道路' }),
  crs: z.enum(COORDINATE_SYSTEMS as [CoordinateSystem, ...CoordinateSystem[]], { error: '请选择坐标系' }),
  encoding: z.enum(DBF_ENCODINGS, { error: '请选择 .dbf 的文字编码' }).default('auto'),
});
export type MapImportFields = z.infer<typeof mapImportFields>;

/** What an import of the road layer did: the roads it stored, the features it refused and why. */
export const roadImport = z.object({
  /** Roads by name, with how many features (sections) of the file each has. */
  roads: z.array(z.object({ name: z.string(), kind: z.string().nullable(), features: z.number().int() })),
  refused: z.array(z.object({ feature: z.number().int(), name: z.string().nullable(), reason: z.string() })),
  /** Roads there were before: the file is the county's whole road layer and replaces them. */
  replaced: z.number().int(),
  /** The imported roads' extent, where the page's map shows them. */
  bounds: z.object({ west: z.number(), south: z.number(), east: z.number(), north: z.number() }),
});
export type RoadImport = z.infer<typeof roadImport>;

export const mapImportReport = z.discriminatedUnion('kind', [
  boundaryImport.extend({ kind: z.literal('boundaries'), file: z.string() }),
  roadImport.extend({ kind: z.literal('roads'), file: z.string() }),
]);
export type MapImportReport = z.infer<typeof mapImportReport>;
