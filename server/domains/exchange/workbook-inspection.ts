import { open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { WORKBOOK_LIMITS as L } from './workbook-limits.js';
import { refusal } from './workbook-refusal.js';
import { readZipDirectory, type ZipEntry } from './zip-directory.js';
import { entryBytes } from './zip-entries.js';
import { XmlScanner, type XmlHandler } from './xml-scanner.js';
import { SheetBudget } from './sheet-budget.js';
import { SharedStringsReader, type SharedStringTable } from './shared-strings.js';

/** A workbook that passed inspection, with its shared strings already read: what readSheetRows takes. */
export interface InspectedWorkbook {
  file: string;
  sharedStrings: SharedStringTable;
}

// The worksheet parts exceljs parses: its own unanchored pattern (lib/stream/xlsx/workbook-reader.js).
const EXCELJS_WORKSHEET = /xl\/worksheets\/sheet\d+[.]xml/;
const WORKSHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const XML_PART = /\.(xml|rels)$/i;

/**
 * Checks an uploaded workbook before exceljs reads it (security review, issue 7, items 8 and
 * 14), in two steps that both refuse with a Chinese reason:
 *
 * 1. The zip's central directory, without inflating anything: a real workbook (it has a
 *    workbook and a worksheet — any other zip used to import as "done, 0 rows"), few
 *    entries, declared sizes within the limits, no entry compressed like a bomb.
 * 2. Every entry inflated once, in a stream, stopping at the first byte past its declared
 *    size (so a directory that lies gains nothing), with its CRC checked; the XML parts
 *    exceljs parses go through a scanner that bounds every cell, tag and text run, counts
 *    the rows, and reads the shared strings into a compact table for the import to use.
 *
 * Memory stays flat whatever the file holds: one chunk, one unfinished tag, and the shared
 * strings (themselves limited).
 */
export async function inspectWorkbook(file: string): Promise<InspectedWorkbook> {
  const handle = await open(file, 'r');
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(handle, (await handle.stat()).size);
  } finally {
    await handle.close();
  }
  requireWorkbookParts(entries);
  checkDeclaredSizes(entries);
  const sharedStrings = new SharedStringsReader();
  for (const entry of [...entries].sort((a, b) => a.headerOffset - b.headerOffset)) {
    const handler: XmlHandler | null = EXCELJS_WORKSHEET.test(entry.name)
      ? new SheetBudget()
      : entry.name === SHARED_STRINGS
        ? sharedStrings
        : XML_PART.test(entry.name)
          ? {}
          : null;
    const scanner = handler && new XmlScanner(entry.name, handler);
    const decoder = new StringDecoder('utf8');
    for await (const chunk of entryBytes(file, entry)) scanner?.write(decoder.write(chunk));
    scanner?.write(decoder.end());
    scanner?.end();
  }
  return { file, sharedStrings: sharedStrings.table };
}

function requireWorkbookParts(entries: ZipEntry[]) {
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) throw refusal.notAWorkbook('其中没有 Excel 工作簿');
  if (!entries.some((e) => WORKSHEET.test(e.name))) throw refusal.notAWorkbook('其中没有工作表');
}

function checkDeclaredSizes(entries: ZipEntry[]) {
  let total = 0;
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize > L.ratioCheckedAboveBytes && ratio > L.compressionRatio) throw refusal.bomb(e.name, ratio);
    if (e.name === SHARED_STRINGS && e.uncompressedSize > L.sharedStringsBytes) throw refusal.sharedStringsTooLarge();
    total += e.uncompressedSize;
  }
  if (total > L.uncompressedBytes) throw refusal.tooLarge();
}
