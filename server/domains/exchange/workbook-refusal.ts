import { WORKBOOK_LIMITS as L, megabytes } from './workbook-limits.js';

/**
 * Why a workbook cannot be imported, in Chinese for the person who uploaded it (the import
 * report shows `message`), with a stable code for the server log. Anything else that fails
 * while reading a file is reported as NOT_A_WORKBOOK or IMPORT_FAILED (import-failure.ts), so
 * no English from a library reaches the user (issue 7, item 14).
 */
export class WorkbookRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const RESAVE = '请用 Excel 打开后另存为 .xlsx，或使用系统提供的导入模板';

export const refusal = {
  notAWorkbook: (why: string) => new WorkbookRefused('NOT_A_WORKBOOK', `文件不是有效的 Excel 工作簿（.xlsx）：${why}。${RESAVE}`),
  damaged: (why: string) => new WorkbookRefused('WORKBOOK_DAMAGED', `文件已损坏：${why}。${RESAVE}`),
  encrypted: () => new WorkbookRefused('WORKBOOK_ENCRYPTED', '文件设置了密码或已加密，请在 Excel 中取消密码后另存为 .xlsx 再导入'),
  tooManyEntries: () =>
    new WorkbookRefused('WORKBOOK_TOO_COMPLEX', `文件包含的部件超过 ${L.entries} 个，不像正常的 Excel 工作簿。${RESAVE}`),
  tooLarge: () =>
    new WorkbookRefused(
      'WORKBOOK_TOO_LARGE',
      `文件解压后超过 ${megabytes(L.uncompressedBytes)} MB，请拆分为多个文件（每个不超过 ${L.dataRows} 行）后分批导入`,
    ),
  sharedStringsTooLarge: () =>
    new WorkbookRefused(
      'WORKBOOK_TOO_LARGE',
      `文件中的文字内容解压后超过 ${megabytes(L.sharedStringsBytes)} MB 或超过 ${L.sharedStrings} 项，请拆分为多个文件后分批导入`,
    ),
  bomb: (part: string, ratio: number) =>
    new WorkbookRefused(
      'WORKBOOK_BOMB',
      `文件中的“${part}”解压后是压缩时的 ${Math.round(ratio)} 倍（正常的工作簿不超过 ${L.compressionRatio} 倍），疑似压缩炸弹，已拒绝导入`,
    ),
  tooManyRows: () => new WorkbookRefused('TOO_MANY_ROWS', `行数超过 ${L.dataRows} 行，请拆分为多个文件后分批导入`),
  cellTooLong: (place: string) => new WorkbookRefused('CELL_TOO_LONG', `${place}内容超过 ${L.cellChars} 个字符，请检查该单元格后重新导入`),
  cellTooComplex: (place: string) => new WorkbookRefused('CELL_TOO_COMPLEX', `${place}的格式片段过多，请清除该单元格的格式后重新导入`),
  /** What exceljs or the zip reader could not read, whatever it said (in English, kept as the cause for the log). */
  unreadable: (cause: unknown) =>
    Object.assign(new WorkbookRefused('NOT_A_WORKBOOK', `文件无法读取，可能已损坏或不是有效的 Excel 工作簿（.xlsx）。${RESAVE}`), {
      cause,
    }),
  tooManyCells: (row: number) =>
    new WorkbookRefused('TOO_MANY_COLUMNS', `第 ${row} 行的单元格超过 ${L.cellsPerRow} 个，不像正常的 Excel 工作表`),
};

/** 'E5' → '第 5 行 E 列'; a cell without a reference is described by the row alone. */
export function cellPlace(reference: string | undefined, row: number) {
  const match = reference ? /^([A-Z]{1,3})(\d+)$/.exec(reference) : null;
  return match ? `第 ${match[2]} 行 ${match[1]} 列` : `第 ${row} 行某列`;
}
