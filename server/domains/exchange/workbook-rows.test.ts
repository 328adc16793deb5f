import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readSheetRows } from './workbook-rows.js';
import { RESIDENT_COLUMNS } from './sheet-columns.js';

const address = (i: number) => `山东省济南市平阴县榆山街道锦源社区锦源小区${i % 30}号楼${i % 6}单元${i}室`;

async function readAll(file: string) {
  const rows: Record<string, string>[] = [];
  for await (const r of readSheetRows(file, RESIDENT_COLUMNS)) rows.push(r.raw as Record<string, string>);
  return rows;
}

describe('readSheetRows', () => {
  // exceljs's own streaming reader breaks a multi-byte character split across chunks; with
  // this many Chinese cells some always straddle a boundary.
  it('reads every Chinese character whole, from inline strings and from shared strings', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-sheet-'));
    const inline = path.join(dir, 'inline.xlsx'),
      shared = path.join(dir, 'shared.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: inline, useSharedStrings: false });
    const ws = writer.addWorksheet('居民');
    ws.addRow(RESIDENT_COLUMNS.map((c) => c.header)).commit();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('居民');
    sheet.addRow(RESIDENT_COLUMNS.map((c) => c.header));
    for (let i = 0; i < 6000; i++) {
      const row = [`居民${i}`, '', '', '流动', address(i)];
      ws.addRow(row).commit();
      sheet.addRow(row);
    }
    ws.commit();
    await writer.commit();
    await wb.xlsx.writeFile(shared);
    for (const file of [inline, shared]) {
      const rows = await readAll(file);
      expect(rows).toHaveLength(6000);
      expect(rows.filter((r) => r.address !== address(Number(r.name.slice(2))))).toEqual([]);
    }
  });

  it('finds columns by header text and refuses a sheet without the required ones', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-sheet-'));
    const file = path.join(dir, 'reordered.xlsx');
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('居民');
    sheet.addRow(['房屋标准地址', '姓名*', '身份证号', '人口类型']);
    sheet.addRow([address(1), '王芳', '11010519491231002X', '户籍']);
    await wb.xlsx.writeFile(file);
    expect(await readAll(file)).toEqual([{ address: address(1), name: '王芳', idCard: '11010519491231002X', populationType: '户籍' }]);

    const bad = path.join(dir, 'bad.xlsx');
    const wb2 = new ExcelJS.Workbook();
    wb2.addWorksheet('x').addRow(['姓名', '电话']);
    await wb2.xlsx.writeFile(bad);
    await expect(readAll(bad)).rejects.toThrow('表头缺少必填列：身份证号、人口类型、房屋标准地址');
  });
});
