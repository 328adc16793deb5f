import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../../common/coordinates.js';
import type { Config } from '../platform/config.js';
import { readBoundaryFile } from '../platform/geo/boundary-file.js';
import { deriveAreas, importBoundaryFile } from '../domains/regions/index.js';
import { openConfiguredDatabase } from './command-database.js';

/**
 * `civicgrid geo boundaries <file>` imports the county's official town and community boundaries
 * (GeoJSON, or a Shapefile with its .dbf beside it), matched by code or name, and says what it
 * could not match; the approximate areas are derived again around them. `civicgrid geo areas`
 * derives approximate areas for regions that have a position and no official boundary.
 */
export async function geoCommand(config: Config, args: string[]) {
  const [kind, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { crs: { type: 'string', default: 'cgcs2000' }, encoding: { type: 'string', default: 'utf-8' } },
  });
  if (kind === 'areas') {
    const database = await openConfiguredDatabase(config, { name: 'geo areas' });
    try {
      console.log(`已推算近似范围 ${await deriveAreas(database.db)} 个`);
    } finally {
      await database.close();
    }
    return;
  }
  const file = positionals[0];
  if (kind !== 'boundaries' || !file)
    throw new Error(
      '用法: civicgrid geo boundaries <边界文件.geojson|.shp> [--crs cgcs2000|wgs84|gcj02|bd09] [--encoding gbk]；civicgrid geo areas',
    );
  if (!COORDINATE_SYSTEMS.includes(values.crs as CoordinateSystem)) throw new Error(`--crs 须为 ${COORDINATE_SYSTEMS.join('、')} 之一`);
  const full = path.resolve(file);
  const dbfFile = full.replace(/\.shp$/i, '.dbf');
  const features = await readBoundaryFile(
    { name: full, bytes: readFileSync(full), dbf: full !== dbfFile && existsSync(dbfFile) ? readFileSync(dbfFile) : undefined },
    values.crs as CoordinateSystem,
    values.encoding,
  );
  const database = await openConfiguredDatabase(config, { name: 'geo boundaries' });
  try {
    const result = await importBoundaryFile(database.db, features, path.basename(full));
    console.log(`已导入正式边界 ${result.matched.length} 个：${result.matched.map((m) => m.name).join('、') || '无'}`);
    for (const u of result.unmatched)
      console.log(`  第 ${u.feature} 个要素（${u.code ?? '无代码'} ${u.name ?? '无名称'}）未导入：${u.reason}`);
    console.log(`已重新推算近似范围 ${result.derived} 个`);
    if (result.unmatched.length) process.exitCode = 3;
  } finally {
    await database.close();
  }
}
