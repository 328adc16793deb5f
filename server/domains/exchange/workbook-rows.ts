import type ExcelJS from 'exceljs';
import { cellText } from './cell-text.js';
import type { SheetColumn } from './sheet-columns.js';
import { Utf8WorkbookReader } from './utf8-workbook-reader.js';
import { inspectWorkbook, type InspectedWorkbook } from './workbook-inspection.js';
import { WORKBOOK_LIMITS } from './workbook-limits.js';
import { refusal, WorkbookRefused } from './workbook-refusal.js';

/** A sheet that is a workbook but not one the importer can use (its header). */
export class SheetError extends WorkbookRefused {
  constructor(message: string) {
    super('SHEET_HEADER', message);
  }
}

/**
 * Streams the data rows of a workbook's first sheet as {row number, values by column key},
 * finding columns by their header text so a reordered sheet still imports. Streaming keeps a
 * 100 000-row file from being held in memory whole. A file that has not been inspected
 * (workbook-inspection.ts) is inspected first: exceljs never sees a file that was not.
 */
export async function* readSheetRows<K extends string>(source: string | InspectedWorkbook, columns: readonly SheetColumn<K>[]) {
  const workbook = typeof source === 'string' ? await inspectWorkbook(source) : source;
  const reader = new Utf8WorkbookReader(
    workbook.file,
    { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' },
    workbook.sharedStrings,
  );
  try {
    for await (const sheet of reader) {
      let columnOf: Map<number, K> | undefined;
      let rows = 0;
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        if (!columnOf) {
          columnOf = headerMap(values, columns);
          continue;
        }
        // The inspection counted the rows already; this keeps the promise for any other caller.
        if (++rows > WORKBOOK_LIMITS.dataRows) throw refusal.tooManyRows();
        const raw: Partial<Record<K, string>> = {};
        let empty = true;
        for (const [index, key] of columnOf) {
          const text = cellText(values[index]);
          if (text) {
            raw[key] = text;
            empty = false;
          }
        }
        if (!empty) yield { row: row.number, raw };
      }
      if (!columnOf) throw new SheetError('第一个工作表是空的，没有找到表头行。请使用系统提供的导入模板，在表头下方逐行填写');
      return; // the first sheet only: 填写说明 and other sheets are for people
    }
    throw refusal.notAWorkbook('其中没有可读取的工作表');
  } catch (e) {
    // exceljs, unzipper and saxes speak English ('invalid signature: 0x0', 'FILE_ENDED'): the
    // user is told in Chinese, the original stays as the cause for the server log (item 14).
    throw e instanceof WorkbookRefused ? e : refusal.unreadable(e);
  } finally {
    reader.close();
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

/** Counts data rows without keeping them, so progress can be shown against a total. */
export async function countSheetRows<K extends string>(source: string | InspectedWorkbook, columns: readonly SheetColumn<K>[]) {
  let n = 0;
  for await (const _ of readSheetRows(source, columns)) n++;
  return n;
}
