import { CHINA_BOX } from '../../../common/contracts/regions.js';
import type { RowProblems } from './row-errors.js';

/**
 * The 经度 and 纬度 cells of a row (estates, devices): GCJ-02 numbers inside China's box, both or
 * neither, as the forms' point (common/contracts/regions.ts); each problem added to the row's.
 */
export function pointOfRow(p: RowProblems, cell: (k: 'lon' | 'lat') => string): { lon: number | null; lat: number | null } {
  const coordinate = (k: 'lon' | 'lat', label: string) => {
    if (!cell(k)) return null;
    const v = Number(cell(k));
    const [min, max] = CHINA_BOX[k];
    if (!Number.isFinite(v) || v < min || v > max) p.add(label, 'COORDINATE', `${label}应为 ${min} 到 ${max} 之间的小数（GCJ-02 坐标）`);
    return v;
  };
  const lon = coordinate('lon', '经度');
  const lat = coordinate('lat', '纬度');
  if ((lon === null) !== (lat === null)) p.add(lon === null ? '经度' : '纬度', 'POINT_HALF', '经度和纬度须同时填写或同时留空');
  return { lon, lat };
}
