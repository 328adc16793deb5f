/**
 * What a PDF repeats on every page and is not the documents' content: running headers
 * (县政府办公室文件, 县 政 府 文 件, 平阴县人民政府公报 2023年第3期), the issue (2024年第2期) and page
 * numbers (— 10 —, - 3 -, 第 3 页, 3/12). Copied text leaves them anywhere, in the middle of a sentence or of a table.
 *
 * A header is recognised by its shape, not by this county's words: a short line of Han characters
 * (spaces allowed, as letter-spaced headers print) ending in 文件 or 公报, optionally followed by
 * the issue (2023年第3期). A document title never ends so (it ends in 通知, 方案, 答复 …).
 */
const PAGE_NUMBER = [
  /^[—–\-－―─]{1,2}\s*\d{1,4}\s*[—–\-－―─]{1,2}$/,
  /^第\s*\d{1,4}\s*页(\s*[，,]?\s*共\s*\d{1,4}\s*页)?$/,
  /^\d{1,4}\s*\/\s*\d{1,4}$/,
  // The gazette's issue on a line of its own, under its name: 2024年第2期, 第3期, 2021年第1期（总第37期）.
  /^(\d{4}\s*年\s*)?第\s*\d{1,3}\s*期(\s*[（(]\s*总第\s*\d{1,5}\s*期\s*[）)])?$/,
];
const RUNNING_HEADER = /^[\p{Script=Han}]{2,20}(文件|公报)(\d{4}年(第\d{1,3}期)?)?$/u;

export function isPageFurniture(line: string): boolean {
  const text = line.trim();
  if (text === '' || text.length > 40) return false;
  if (PAGE_NUMBER.some((pattern) => pattern.test(text))) return true;
  return RUNNING_HEADER.test(text.replace(/\s+/g, ''));
}
