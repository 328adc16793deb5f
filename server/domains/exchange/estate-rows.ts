import { CHINA_BOX } from '../../../common/contracts/regions.js';
import type { ImportedEstate } from '../regions/index.js';
import type { EstateColumnKey, RawRow } from './sheet-columns.js';
import { RowProblems } from './row-errors.js';

/** Checks one row of the estates sheet, field by field, and says every problem it finds (the rules of 新增小区, common/contracts/regions.ts). */
export function parseEstateRow(row: number, raw: RawRow<EstateColumnKey>) {
  const p = new RowProblems(row);
  const text = (k: EstateColumnKey) => raw[k]?.trim() ?? '';
  const need = (k: EstateColumnKey, label: string, max: number) => {
    const v = text(k);
    if (!v) p.add(label, 'REQUIRED', `${label}不能为空`);
    else if (v.length > max) p.add(label, 'TOO_LONG', `${label}过长（最多${max}字）`);
    return v;
  };
  const town = need('town', '镇街', 40);
  const community = need('community', '社区村', 40);
  const name = need('name', '小区名称', 50);
  const address = need('address', '地址', 200);

  let builtYear: number | null = null;
  if (text('builtYear')) {
    builtYear = Number(text('builtYear'));
    if (!Number.isInteger(builtYear) || builtYear < 1900 || builtYear > 2100)
      p.add('建成年份', 'NUMBER', '建成年份应为 1900 到 2100 之间的四位年份');
  }
  const company = text('propertyCompany') || null;
  if (company && company.length > 100) p.add('物业公司', 'TOO_LONG', '物业公司名称过长');

  const coordinate = (k: 'lon' | 'lat', label: string) => {
    if (!text(k)) return null;
    const v = Number(text(k));
    const [min, max] = CHINA_BOX[k];
    if (!Number.isFinite(v) || v < min || v > max) p.add(label, 'COORDINATE', `${label}应为 ${min} 到 ${max} 之间的小数（GCJ-02 坐标）`);
    return v;
  };
  const lon = coordinate('lon', '经度'),
    lat = coordinate('lat', '纬度');
  if ((lon === null) !== (lat === null)) p.add(lon === null ? '经度' : '纬度', 'POINT_HALF', '经度和纬度须同时填写或同时留空');

  if (p.any) return { ok: false as const, errors: p.list };
  const value: ImportedEstate = { row, town, community, name, address, builtYear, propertyCompany: company, lon, lat };
  return { ok: true as const, value };
}
