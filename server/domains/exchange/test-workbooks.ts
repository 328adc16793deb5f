import ExcelJS from 'exceljs';
import type { SheetColumn } from './sheet-columns.js';
import { crc32, deflateRawSync } from 'node:zlib';

/**
 * Workbooks for the import tests, zipped by hand (node:zlib and Buffer) so a test can make
 * exactly the file it needs: a bomb, a directory that lies, a zip that is not a workbook.
 * Not used by the server.
 */
export interface ZipPart {
  name: string;
  data: Buffer;
  /** Stored uncompressed (method 0) instead of deflated. */
  stored?: boolean;
  /** A lie: the uncompressed size written in both headers, instead of the real one. */
  declaredSize?: number;
  /** A lie told only by the central directory. */
  centralSize?: number;
  /** Sizes left to a signed data descriptor after the data, as streaming writers do. */
  descriptor?: boolean;
}

export function zip(parts: ZipPart[], options: { between?: Buffer } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [index, part] of parts.entries()) {
    const name = Buffer.from(part.name, 'utf8');
    const data = part.stored ? part.data : deflateRawSync(part.data);
    const size = part.declaredSize ?? part.data.length;
    const crc = crc32(part.data) >>> 0;
    const flags = 0x800 | (part.descriptor ? 0x8 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(part.stored ? 0 : 8, 8);
    local.writeUInt32LE(part.descriptor ? 0 : crc, 14);
    local.writeUInt32LE(part.descriptor ? 0 : data.length, 18);
    local.writeUInt32LE(part.descriptor ? 0 : size, 22);
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(part.descriptor ? 16 : 0);
    if (part.descriptor) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(data.length, 8);
      descriptor.writeUInt32LE(size, 12);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(part.stored ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(part.centralSize ?? size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    const between = index === 0 && options.between ? options.between : Buffer.alloc(0);
    locals.push(local, name, data, descriptor, between);
    centrals.push(central, name);
    offset += local.length + name.length + data.length + descriptor.length + between.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts around a first sheet: enough for Excel and for exceljs. */
export function workbookParts(sheetXml: Buffer | string, extra: ZipPart[] = [], sheet: Partial<ZipPart> = {}): ZipPart[] {
  const text = (name: string, xml: string): ZipPart => ({ name, data: Buffer.from(xml, 'utf8') });
  return [
    text(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    text(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    text(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="居民" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    text(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.isBuffer(sheetXml) ? sheetXml : Buffer.from(sheetXml, 'utf8'), ...sheet },
    ...extra,
  ];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const column = (i: number) => String.fromCharCode(65 + i);

/** One row of inline-string cells. */
export function rowXml(row: number, values: string[]) {
  const cells = values.map((v, i) => `<c r="${column(i)}${row}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`).join('');
  return `<row r="${row}">${cells}</row>`;
}

/** A sheet with a header and data rows, from pieces so a large one is never one string literal. */
export function sheetXml(rows: string[]) {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>${rows.join('')}</sheetData></worksheet>`,
    'utf8',
  );
}

/** A workbook as the template lays it out — the columns' headers, required ones marked * — with these rows, by header. */
export async function columnsWorkbook(columns: readonly SheetColumn[], rows: Record<string, string>[]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('导入');
  sheet.addRow(columns.map((c) => (c.required ? `${c.header}*` : c.header)));
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.header] ?? ''));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
