import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';
import type { SharedStringTable } from './shared-strings.js';

/**
 * exceljs 4.4's streaming reader decodes each zip chunk on its own, so a Chinese character
 * that straddles two chunks turns into '���' — about one row in a few thousand, at random
 * (exceljs issues #2063, #2316; the fix has not been released). Names and addresses are
 * Chinese, so this reader hands exceljs whole characters: worksheet chunks through a
 * StringDecoder that carries split bytes over, and the shared strings already read, whole,
 * by the workbook inspection (shared-strings.ts, through its own decoder).
 *
 * Handing over the shared strings (and the relationships, which only name sheets) before the
 * read also keeps exceljs from copying the whole sheet to a temporary file when the sheet
 * comes before the shared strings in the zip, as it does in exceljs's and Excel's own
 * files: that copy was left behind in /tmp whenever a read stopped early.
 */
type Chunks = AsyncIterable<Buffer | string>;

async function* wholeCharacters(chunks: Chunks): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

// The members below are exceljs internals (lib/stream/xlsx/workbook-reader.js), not in its types.
interface ReaderInternals {
  sharedStrings?: unknown;
  workbookRels?: unknown;
  model?: { sheets?: unknown[] };
  stream?: NodeJS.ReadableStream & { destroy(): void };
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: number): Generator<unknown>;
}
const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: string,
  options: object,
) => ReaderInternals & AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader>;

export class Utf8WorkbookReader extends Base {
  constructor(input: string, options: object, sharedStrings: SharedStringTable) {
    super(input, options);
    this.sharedStrings = sharedStrings.asArray();
    this.workbookRels = [];
    this.model = { sheets: [] }; // until xl/workbook.xml, if it comes after the sheet
  }

  // Already read: exceljs drains the entry after this.
  override async *_parseSharedStrings(_entry: NodeJS.ReadableStream) {}

  override _parseWorksheet(iterator: Chunks, sheetNo: number) {
    return super._parseWorksheet(wholeCharacters(iterator), sheetNo);
  }

  /** Closes the file when a read stops before its end. */
  close() {
    this.stream?.destroy();
  }
}
