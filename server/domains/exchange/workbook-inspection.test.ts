import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectWorkbook } from './workbook-inspection.js';
import { rowXml, sheetXml, workbookParts, zip, type ZipPart } from './test-workbooks.js';
import { WORKBOOK_LIMITS as L } from './workbook-limits.js';
import type { WorkbookRefused } from './workbook-refusal.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'civicgrid-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function inspect(content: Buffer) {
  const file = path.join(dir, `${n++}.xlsx`);
  writeFileSync(file, content);
  return inspectWorkbook(file);
}
async function refusalOf(content: Buffer) {
  const e = await inspect(content).then(
    () => undefined,
    (error: WorkbookRefused) => error,
  );
  expect(e, 'expected a refusal').toBeDefined();
  return { code: e!.code, message: e!.message };
}

const sheet = sheetXml([rowXml(1, ['姓名', '身份证号']), rowXml(2, ['王芳', '11010519491231002X'])]);
const withPart = (part: ZipPart) => zip(workbookParts(sheet, [part]));

describe('inspectWorkbook: the central directory, before anything is inflated', () => {
  it('passes a plain workbook, with or without data descriptors, and reads its shared strings', async () => {
    const shared = { name: 'xl/sharedStrings.xml', data: Buffer.from('<sst><si><t>锦源社区</t></si></sst>') };
    expect((await inspect(zip(workbookParts(sheet, [shared])))).sharedStrings.get(0)).toBe('锦源社区');
    await expect(inspect(zip(workbookParts(sheet, [], { descriptor: true })))).resolves.toBeDefined();
  });

  it('refuses a zip that is not a workbook, and one that is cut short', async () => {
    expect(await refusalOf(zip([{ name: 'notes.txt', data: Buffer.from('hello') }]))).toMatchObject({
      code: 'NOT_A_WORKBOOK',
      message: expect.stringContaining('其中没有 Excel 工作簿'),
    });
    const parts = workbookParts(sheet).filter((p) => !p.name.startsWith('xl/worksheets/'));
    expect((await refusalOf(zip(parts))).message).toContain('其中没有工作表');
    const whole = zip(workbookParts(sheet));
    expect((await refusalOf(whole.subarray(0, whole.length - 30))).message).toContain('文件不完整');
  });

  it('refuses a bomb by its declared sizes: compression ratio, total size, shared strings, entry count', async () => {
    const zeros = { name: 'xl/media/image1.png', data: Buffer.alloc(8 * 1024 * 1024) };
    expect(await refusalOf(withPart(zeros))).toMatchObject({
      code: 'WORKBOOK_BOMB',
      message: expect.stringMatching(/“xl\/media\/image1.png”解压后是压缩时的 \d+ 倍/),
    });
    const noise = randomBytes(3 * 1024 * 1024);
    expect(await refusalOf(withPart({ name: 'xl/media/image2.png', data: noise, declaredSize: L.uncompressedBytes + 1 }))).toMatchObject({
      code: 'WORKBOOK_TOO_LARGE',
      message: expect.stringContaining(`文件解压后超过 ${L.uncompressedBytes / 1024 / 1024} MB`),
    });
    expect((await refusalOf(withPart({ name: 'xl/sharedStrings.xml', data: noise, declaredSize: L.sharedStringsBytes + 1 }))).code).toBe(
      'WORKBOOK_TOO_LARGE',
    );
    const many = Array.from({ length: L.entries + 1 }, (_, i) => ({ name: `xl/media/${i}.bin`, data: Buffer.from('x') }));
    expect((await refusalOf(zip(workbookParts(sheet, many)))).code).toBe('WORKBOOK_TOO_COMPLEX');
  });

  it('refuses a zip read one way by its directory and another by its local headers', async () => {
    expect((await refusalOf(zip(workbookParts(sheet), { between: Buffer.from('PK\x03\x04 hidden entry') }))).message).toContain(
      '目录之外的内容',
    );
    expect((await refusalOf(zip(workbookParts(sheet, [], { centralSize: 10 })))).message).toContain('两处记录不一致');
    const dup = workbookParts(sheet);
    expect((await refusalOf(zip([...dup, dup[4]]))).message).toContain('重名');
  });

  it('refuses encrypted entries and compression methods exceljs cannot read', async () => {
    const file = zip(workbookParts(sheet));
    const encrypted = Buffer.from(file);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(6) | 1, 6); // local header of the first entry
    const directory = encrypted.readUInt32LE(encrypted.length - 6);
    encrypted.writeUInt16LE(encrypted.readUInt16LE(directory + 8) | 1, directory + 8);
    expect((await refusalOf(encrypted)).code).toBe('WORKBOOK_ENCRYPTED');
    const bzip = Buffer.from(file);
    bzip.writeUInt16LE(12, directory + 10);
    expect((await refusalOf(bzip)).message).toContain('不支持的压缩方式');
  });
});

describe('inspectWorkbook: every entry inflated, never past what it declared', () => {
  it('stops an entry whose directory lies about its size at the first byte past it', async () => {
    const lie = withPart({ name: 'xl/media/image1.png', data: randomBytes(2 * 1024 * 1024), declaredSize: 1000 });
    expect(await refusalOf(lie)).toMatchObject({ code: 'WORKBOOK_DAMAGED', message: expect.stringContaining('解压后比记录的大小更大') });
  });

  it('refuses bytes that fail their CRC, and data that hides a descriptor signature', async () => {
    const stored = zip(workbookParts(sheet, [{ name: 'xl/media/a.bin', data: Buffer.from('abcdefgh'), stored: true }]));
    const at = stored.indexOf('abcdefgh');
    stored[at] = 'z'.charCodeAt(0);
    expect((await refusalOf(stored)).message).toContain('“xl/media/a.bin”校验失败');
    const hiding = zip(
      workbookParts(sheet, [
        { name: 'xl/media/b.bin', data: Buffer.from('ab\x50\x4b\x07\x08cd', 'binary'), stored: true, descriptor: true },
      ]),
    );
    expect((await refusalOf(hiding)).message).toContain('数据描述符标记');
  });

  it('refuses a sheet with one enormous cell whether its size is declared honestly or not', async () => {
    const cell = randomBytes(3 * 1024 * 1024).toString('hex'); // hex does not compress like a bomb
    const huge = sheetXml([rowXml(1, ['姓名']), rowXml(2, ['王芳']), rowXml(3, [cell])]);
    expect(await refusalOf(zip(workbookParts(huge)))).toMatchObject({
      code: 'CELL_TOO_LONG',
      message: `第 3 行 A 列内容超过 ${L.cellChars} 个字符，请检查该单元格后重新导入`,
    });
    const repeated = sheetXml([rowXml(1, ['姓名']), rowXml(2, ['x'.repeat(50 * 1024 * 1024)])]);
    expect((await refusalOf(zip(workbookParts(repeated, [], { declaredSize: 200_000 })))).code).toBe('CELL_TOO_LONG');
  });

  it('refuses a sheet with more rows than the limit', async () => {
    const rows = [rowXml(1, ['姓名'])];
    for (let i = 2; i <= L.dataRows + 2; i++) rows.push(`<row r="${i}"><c r="A${i}"><v>${i}</v></c></row>`);
    expect(await refusalOf(zip(workbookParts(sheetXml(rows))))).toMatchObject({
      code: 'TOO_MANY_ROWS',
      message: `行数超过 ${L.dataRows} 行，请拆分为多个文件后分批导入`,
    });
  });
});
