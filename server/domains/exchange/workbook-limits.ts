/**
 * How big an uploaded workbook may be. A workbook with one 500 MB cell took the server to
 * 1.2 GB and stalled /api/health for 4.7 s (security review, issue 7, item 8), so every
 * dimension that costs memory or time is bounded, and checked before exceljs sees the file.
 *
 * Sized from the two templates (residents: 11 columns, houses: 14), measured with exceljs's
 * writer for 200 000 resident rows of realistic length (Chinese names, 18-digit ID numbers,
 * 60-character addresses): 11.2 MB on disk and 124 MB of sheet XML with inline strings;
 * 13.7 MB on disk, 89 MB of sheet XML and 39 MB of shared strings (840 000 of them) with
 * shared strings. Sheet XML compresses 11–13:1, even 200 000 identical rows only 13:1
 * (every cell carries its own reference, A1, B1 …).
 */
import { IMPORT_UPLOAD_MB } from '../../../common/contracts/exchange.js';

const MB = 1024 * 1024;

export const WORKBOOK_LIMITS = {
  /** The upload itself: 200 000 rows take 11–14 MB; twice that leaves room for Excel's own styles. */
  uploadBytes: IMPORT_UPLOAD_MB * MB,
  /**
   * Data rows in a sheet: a town's people or houses in one file; the county's 330 000
   * residents go in two. The progress count, the duplicate check and the report scale with it.
   */
  dataRows: 200_000,
  /** All parts together, uncompressed: 200 000 rows need 124–128 MB; Excel adds row attributes. */
  uncompressedBytes: 200 * MB,
  /**
   * The shared-strings part, uncompressed, and its count of strings. They are all held in
   * memory while the sheet is read (compactly, see shared-strings.ts: about the part's size);
   * 200 000 rows of distinct values need 39 MB and 840 000 strings.
   */
  sharedStringsBytes: 64 * MB,
  sharedStrings: 2_500_000,
  /** Parts in the zip: Excel writes about a dozen, a few dozen with pictures and comments. */
  entries: 1000,
  /**
   * Uncompressed size over compressed size, for parts over 1 MB. Real sheets measure 11–13:1;
   * deflate's ceiling is about 1 030:1, which is what a bomb (one repeated character) shows.
   */
  compressionRatio: 100,
  ratioCheckedAboveBytes: 1 * MB,
  /**
   * Characters in one cell. The longest value the templates take is a standard address
   * (under 100 characters); a few thousand leave room for a remark pasted into an extra
   * column, while no cell can hold a bomb.
   */
  cellChars: 4000,
  /** Tags inside one cell (rich-text runs): a real cell has a handful. */
  cellParts: 1000,
  /** Cells in one row: Excel's own column limit (XFD = 16 384); anything beyond is not Excel's. */
  cellsPerRow: 16_384,
  /** Any text between two tags in any part (Excel's own limit on a cell is 32 767 characters). */
  textRunChars: 32_767,
  /** One tag with its attributes, and nesting depth: SpreadsheetML needs a few hundred characters and ten levels. */
  tagChars: 64 * 1024,
  depth: 64,
} as const;

export const megabytes = (bytes: number) => Math.round(bytes / MB);
