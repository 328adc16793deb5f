import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

/**
 * exceljs 4.4's streaming reader decodes each zip chunk on its own, so a Chinese character
 * that straddles two chunks turns into '���' — about one row in a few thousand, at random
 * (exceljs issues #2063, #2316; the fix has not been released). Names and addresses are
 * Chinese, so this reader hands exceljs whole characters: shared strings through the entry's
 * own UTF-8 decoder, worksheet chunks through a StringDecoder that carries split bytes over.
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

// The two methods are exceljs internals (lib/stream/xlsx/workbook-reader.js), not in its types.
interface ReaderInternals {
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: number): Generator<unknown>;
}
const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (input: string, options: object) => ReaderInternals & AsyncIterable<ExcelJS.stream.xlsx.WorksheetReader>;

export class Utf8WorkbookReader extends Base {
  override _parseSharedStrings(entry: NodeJS.ReadableStream) {
    entry.setEncoding('utf8');
    return super._parseSharedStrings(entry);
  }

  override _parseWorksheet(iterator: Chunks, sheetNo: number) {
    return super._parseWorksheet(wholeCharacters(iterator), sheetNo);
  }
}
