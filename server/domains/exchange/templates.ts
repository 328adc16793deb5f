import ExcelJS from 'exceljs';
import type { ImportKind } from '../../../common/contracts/exchange.js';
import { COLUMNS_OF, SHEET_NAMES, type SheetColumn } from './sheet-columns.js';

/**
 * The downloadable import template: a header row (required columns marked *), text format on
 * every cell so Excel keeps ID numbers' digits, and a second sheet that explains each column.
 */
export async function templateWorkbook(kind: ImportKind): Promise<Buffer> {
  const columns: readonly SheetColumn[] = COLUMNS_OF[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CivicGrid';
  const sheet = wb.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.required ? `${c.header}*` : c.header,
    key: c.key,
    width: c.width,
    style: { numFmt: '@' },
  }));
  sheet.getRow(1).font = { bold: true };
  const help = wb.addWorksheet('填写说明');
  help.columns = [
    { header: '列', width: 16 },
    { header: '必填', width: 6 },
    { header: '说明', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of columns) help.addRow([c.header, c.required ? '是' : '否', c.note]);
  help.addRow([]);
  help.addRow(['', '', '每行单独校验：有错误的行不导入，并在导入报告中列出行号和原因；其余行正常导入。同一文件重复导入不会产生重复数据。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
