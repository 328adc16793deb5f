import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { COORDINATE_SYSTEMS, type CoordinateSystem } from '../../common/coordinates.js';
import { DBF_ENCODINGS, type MapImportReport } from '../../common/contracts/map.js';
import type { Config } from '../platform/config.js';
import { deriveAreas, importMapLayer } from '../domains/regions/index.js';
import { openConfiguredDatabase } from './command-database.js';

/**
 * `civicgrid geo boundaries <file>` imports the county's official town and community boundaries,
 * `civicgrid geo roads <file>` its road layer (GeoJSON, or a Shapefile with its .dbf beside it),
 * as the admin's 地图数据 page does (map-import.service.ts), and says what it could not use (exit
 * code 3). `civicgrid geo areas` derives approximate areas for regions that have a position and
 * no official boundary.
 */
export async function geoCommand(config: Config, args: string[]) {
  const [kind, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { crs: { type: 'string', default: 'cgcs2000' }, encoding: { type: 'string', default: 'auto' } },
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
  if ((kind !== 'boundaries' && kind !== 'roads') || !file)
    throw new Error(
      '用法: civicgrid geo boundaries|roads <文件.geojson|.shp> [--crs cgcs2000|wgs84|gcj02|bd09] [--encoding auto|utf-8|gbk]；civicgrid geo areas',
    );
  if (!COORDINATE_SYSTEMS.includes(values.crs as CoordinateSystem)) throw new Error(`--crs 须为 ${COORDINATE_SYSTEMS.join('、')} 之一`);
  if (!(DBF_ENCODINGS as readonly string[]).includes(values.encoding)) throw new Error(`--encoding 须为 ${DBF_ENCODINGS.join('、')} 之一`);
  const database = await openConfiguredDatabase(config, { name: `geo ${kind}` });
  try {
    const report = await importMapLayer(
      database.db,
      {
        kind,
        crs: values.crs as CoordinateSystem,
        encoding: values.encoding as (typeof DBF_ENCODINGS)[number],
        files: layerFiles(path.resolve(file)),
      },
      null,
    );
    if (printReport(report)) process.exitCode = 3;
  } finally {
    await database.close();
  }
}

/** The file and, for a Shapefile, the .dbf and .cpg beside it with the same name. */
function layerFiles(full: string) {
  const files = [{ name: path.basename(full), bytes: readFileSync(full) }];
  if (/\.shp$/i.test(full))
    for (const ext of ['.dbf', '.cpg']) {
      const beside = full.replace(/\.shp$/i, ext);
      if (existsSync(beside)) files.push({ name: path.basename(beside), bytes: readFileSync(beside) });
    }
  return files;
}

/** Prints what the import did; true when some features could not be used. */
function printReport(report: MapImportReport): boolean {
  if (report.kind === 'boundaries') {
    console.log(`已导入正式边界 ${report.matched.length} 个：${report.matched.map((m) => m.name).join('、') || '无'}`);
    for (const u of report.unmatched)
      console.log(`  第 ${u.feature} 个要素（${u.code ?? '无代码'} ${u.name ?? '无名称'}）未导入：${u.reason}`);
    console.log(`已重新推算近似范围 ${report.derived} 个`);
    return report.unmatched.length > 0;
  }
  console.log(`已导入道路 ${report.roads.length} 条（替换原有 ${report.replaced} 条）：${report.roads.map((r) => r.name).join('、')}`);
  for (const u of report.refused) console.log(`  第 ${u.feature} 个要素（${u.name ?? '无名称'}）未导入：${u.reason}`);
  return report.refused.length > 0;
}
