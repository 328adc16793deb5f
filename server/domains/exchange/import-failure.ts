import { isDiskFull } from '../../platform/file-disk.js';
import { WorkbookRefused } from './workbook-refusal.js';

/**
 * The reason a failed import shows in its report: always Chinese, with a stable code, never a
 * library's English ('invalid signature: 0x0', 'Invalid string length', 'FILE_ENDED' all
 * reached users; security review, issue 7, item 14). The English detail, when there is one,
 * goes to the server log (`logDetail`).
 */
export function describeImportFailure(e: unknown): { code: string; message: string; logDetail?: unknown } {
  if (e instanceof WorkbookRefused) return { code: e.code, message: e.message, logDetail: e.cause };
  if ((e as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
    return { code: 'IMPORT_FILE_MISSING', message: '导入文件已丢失，请重新上传', logDetail: e };
  }
  if (isDiskFull(e)) return { code: 'STORAGE_FULL', message: '服务器存储空间不足，导入未完成，请联系管理员', logDetail: e };
  // A batch commits with its progress, so what was stored stays, and the same file imported
  // again changes nothing it already stored.
  return {
    code: 'IMPORT_FAILED',
    message: '导入中断：服务器处理时出错。已导入的行已保存，可稍后重新导入同一文件（不会重复导入）；如仍失败请联系管理员',
    logDetail: e,
  };
}
