import { extname } from 'node:path';
import { invalid } from '../errors.js';

/**
 * The files of one map layer, as chosen together in the admin or found side by side on disk: a
 * GeoJSON, or a Shapefile's .shp with its .dbf (attributes) and perhaps its .cpg (the .dbf's
 * encoding, as ArcGIS and QGIS write it). The .prj is accepted and not read: the coordinate
 * system is chosen by the person importing (docs/decisions/048).
 */
export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

const MAIN = ['.geojson', '.json', '.shp'];
const BESIDE = ['.dbf', '.cpg', '.prj', '.shx'];

export function mapFileSet(files: readonly NamedBytes[]): { name: string; bytes: Uint8Array; dbf?: Uint8Array; cpg?: string } {
  const strange = files.find((f) => ![...MAIN, ...BESIDE].includes(extname(f.name).toLowerCase()));
  if (strange)
    throw invalid('BOUNDARY_FILE', `不能识别的文件 ${strange.name}：只接受 .geojson、.json，或 .shp 与同名的 .dbf（可附 .cpg、.prj）`);
  const main = files.filter((f) => MAIN.includes(extname(f.name).toLowerCase()));
  if (main.length !== 1)
    throw invalid(
      'BOUNDARY_FILE',
      main.length ? '一次只能导入一个 GeoJSON 或 Shapefile' : '请选择 GeoJSON 文件，或 .shp 与同名的 .dbf 文件',
    );
  const beside = (ext: string) => files.find((f) => extname(f.name).toLowerCase() === ext)?.bytes;
  const cpg = beside('.cpg');
  return { ...main[0], dbf: beside('.dbf'), cpg: cpg && new TextDecoder().decode(cpg).trim() };
}

/** The .dbf's encoding: the one chosen, else its .cpg's (UTF-8, GBK, 936 …), else UTF-8. */
export function dbfEncoding(chosen: 'auto' | 'utf-8' | 'gbk', cpg: string | undefined): string {
  if (chosen !== 'auto') return chosen;
  const named = cpg?.toLowerCase();
  if (!named) return 'utf-8';
  // ArcGIS writes a code page number for GBK (936) and ANSI for the machine's own (a Chinese Windows: GBK).
  return named === '936' || named === 'ansi' || named.includes('gb') ? 'gbk' : 'utf-8';
}
