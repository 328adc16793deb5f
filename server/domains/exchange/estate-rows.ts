import type { ImportedEstate } from '../regions/index.js';
import type { EstateColumnKey, RawRow } from './sheet-columns.js';
import { RowProblems } from './row-errors.js';
import { pointOfRow } from './point-cells.js';

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

  const { lon, lat } = pointOfRow(p, text);
  if (p.any) return { ok: false as const, errors: p.list };
  const value: ImportedEstate = { row, town, community, name, address, builtYear, propertyCompany: company, lon, lat };
  return { ok: true as const, value };
}
