import type { CellValue } from 'exceljs';

/**
 * A cell as the text a person typed. Excel hands over numbers, dates, rich text, formulas and
 * hyperlinks; an ID number typed as a number has already lost its digits, which the row check
 * then reports, instead of guessing.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as CellValue);
    if ('text' in value) return String(value.text).trim();
  }
  return String(value).trim();
}
