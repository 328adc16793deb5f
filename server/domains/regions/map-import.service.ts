import type { MapImportFields, MapImportReport } from '../../../common/contracts/map.js';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditActor, type AuditEntry } from '../../platform/audit.js';
import type { DB } from '../../platform/db/schema.js';
import { ScopedDb } from '../../platform/db/scoped-db.js';
import { readBoundaryFile } from '../../platform/geo/boundary-file.js';
import { dbfEncoding, mapFileSet, type NamedBytes } from '../../platform/geo/map-files.js';
import { readRoadFile } from '../../platform/geo/road-file.js';
import { importBoundaries } from './map.service.js';
import { mapRepository, type MapRepository } from './map.repository.js';
import { importRoads } from './roads.service.js';
import { roadsRepository, type RoadsRepository } from './roads.repository.js';

/**
 * One import of the county's map data, whoever starts it — 地图数据 in the admin (a route, in the
 * running server) or `civicgrid geo boundaries|roads <file>`: the files read and checked first (a
 * file that cannot be read changes nothing), then the layer stored, the approximate areas derived
 * again, and one audit line, all in the caller's transaction (docs/decisions/048).
 */
export type MapUpload = MapImportFields & { files: NamedBytes[] };

export interface MapImportDeps {
  areas: MapRepository;
  roads: RoadsRepository;
  audit(entry: AuditEntry): Promise<unknown>;
}

export async function readMapLayer(upload: MapUpload) {
  const set = mapFileSet(upload.files);
  const encoding = dbfEncoding(upload.encoding, set.cpg);
  return upload.kind === 'boundaries'
    ? { kind: 'boundaries' as const, file: set.name, features: await readBoundaryFile(set, upload.crs, encoding) }
    : { kind: 'roads' as const, file: set.name, features: await readRoadFile(set, upload.crs, encoding) };
}
export type MapLayer = Awaited<ReturnType<typeof readMapLayer>>;

export async function storeMapLayer(deps: MapImportDeps, layer: MapLayer, crs: MapImportFields['crs']): Promise<MapImportReport> {
  const report: MapImportReport =
    layer.kind === 'boundaries'
      ? { kind: 'boundaries', file: layer.file, ...(await importBoundaries(deps.areas, layer.features, layer.file)) }
      : { kind: 'roads', file: layer.file, ...(await importRoads(deps.roads, layer.features, layer.file)) };
  await deps.audit({
    action: report.kind === 'boundaries' ? 'import_boundaries' : 'import_roads',
    entity: report.kind === 'boundaries' ? 'region_areas' : 'roads',
    detail: {
      file: report.file,
      crs,
      features: layer.features.length,
      ...(report.kind === 'boundaries'
        ? { matched: report.matched.length, unmatched: report.unmatched.length, derived: report.derived }
        : { roads: report.roads.length, refused: report.refused.length, replaced: report.replaced }),
    },
  });
  return report;
}

/** Reads the upload, then stores it in one transaction; every process's places reload on the trigger's notice (migrations/0016, 0035). */
export async function importMapLayer(db: Kysely<DB>, upload: MapUpload, actor: AuditActor): Promise<MapImportReport> {
  const layer = await readMapLayer(upload);
  return db.transaction().execute((trx) => {
    // Places are public facts, written county-wide (map.repository.ts).
    const county = new ScopedDb(trx, { path: '/', estateIds: null });
    return storeMapLayer(
      { areas: mapRepository(county), roads: roadsRepository(county), audit: (entry) => writeAudit(trx, actor, entry) },
      layer,
      upload.crs,
    );
  });
}
