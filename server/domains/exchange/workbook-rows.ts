import type ExcelJS from 'exceljs';
import { cellText } from './cell-text.js';
import type { SheetColumn } from './sheet-columns.js';
import { Utf8WorkbookReader } from './utf8-workbook-reader.js';

/**
 * Streams the data rows of a workbook's first sheet as {row number, values by column key},
 * finding columns by their header text so a reordered sheet still imports. Streaming keeps a
 * 100 000-row file from being held in memory whole.
 */
export async function* readSheetRows<K extends string>(file: string, columns: readonly SheetColumn<K>[]) {
  const reader = new Utf8WorkbookReader(file, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' });
  for await (const sheet of reader) {
    let columnOf: Map<number, K> | undefined;
    for await (const row of sheet) {
      const values = row.values as ExcelJS.CellValue[];
      if (!columnOf) {
        columnOf = headerMap(values, columns);
        continue;
      }
      const raw: Partial<Record<K, string>> = {};
      let empty = true;
      for (const [index, key] of columnOf) {
        const text = cellText(values[index]);
        if (text) { raw[key] = text; empty = false; }
      }
      if (!empty) yield { row: row.number, raw };
    }
    return; // the first sheet only: 填写说明 and other sheets are for people
  }
}

function headerMap<K extends string>(values: ExcelJS.CellValue[], columns: readonly SheetColumn<K>[]) {
  const map = new Map<number, K>();
  values.forEach((v, index) => {
    const header = cellText(v).replace(/[*＊\s]/g, '');
    const column = columns.find((c) => c.header === header);
    if (column) map.set(index, column.key);
  });
  const missing = columns.filter((c) => c.required && ![...map.values()].includes(c.key));
  if (missing.length > 0) {
    throw new SheetError(`表头缺少必填列：${missing.map((c) => c.header).join('、')}。请使用系统提供的导入模板`);
  }
  return map;
}

export class SheetError extends Error {}

/** Counts data rows without keeping them, so progress can be shown against a total. */
export async function countSheetRows<K extends string>(file: string, columns: readonly SheetColumn<K>[]) {
  let n = 0;
  for await (const _ of readSheetRows(file, columns)) n++;
  return n;
}
