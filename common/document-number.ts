import type { DocumentNumber } from './contracts/gazette.js';

/**
 * 发文字号 by GB/T 9704—2012 7.2.4: 发文机关代字, the year in full between 六角括号 〔〕, the serial
 * number without 第 and without leading zeros (1, not 01), then 号: 平政办发〔2023〕5号.
 *
 * Gazettes copied out of PDFs and word processors bend the rule: [2023], (2023), 【2023】,
 * ［2023］, 第5号, 05号, 〔23〕. Such a number is still the document's number: it is read,
 * normalised to the standard form (so one document is one number however it was typed) and
 * every deviation is returned as a problem for the import report. A line is a number only if it
 * holds nothing else (or 签发人 beside it, as 上行文 print it): a number cited in a sentence
 * (（国办发〔2019〕54号）) is a mention, not a document of the gazette.
 */

const BRACKETS: Record<string, string> = { '〔': '〕', '[': ']', '［': '］', '(': ')', '（': '）', '【': '】', '〈': '〉', '<': '>' };
// Inside a character class with the u flag only syntax characters may be escaped.
const classOf = (chars: string[]) => chars.map((c) => (/[\\\]\[^-]/.test(c) ? `\\${c}` : c)).join('');
const OPENING = classOf(Object.keys(BRACKETS));
const CLOSING = classOf(Object.values(BRACKETS));

// 机关代字 is Han characters (平政办发, 济政办字, 国办函), at most a dozen; a space the layout
// left inside it is tolerated and reported.
const NUMBER = new RegExp(
  `^([\\p{Script=Han}][\\p{Script=Han} ]{0,11}?)\\s*([${OPENING}])\\s*(\\d{2,4})\\s*([${CLOSING}])\\s*(第)?\\s*(\\d{1,5})\\s*号$`,
  'u',
);
const SIGNER = /\s*签发人[：:].*$/;

export interface ReadNumber {
  number: DocumentNumber;
  /** What departs from GB/T 9704, in words for the report; empty for a standard number. */
  problems: string[];
}

/** Reads a line that is a document number; null when the line is anything else. */
export function readDocumentNumberLine(line: string): ReadNumber | null {
  const text = line.replace(SIGNER, '').trim();
  const match = NUMBER.exec(text);
  if (!match) return null;
  const [, rawCode, open, rawYear, close, di, rawSerial] = match;
  const problems: string[] = [];
  const organCode = rawCode.replace(/\s+/g, '');
  if (organCode !== rawCode) problems.push('机关代字中有空格');
  if (open !== '〔' || close !== '〕') problems.push(`年份应用六角括号“〔〕”括入，这里用的是“${open}${close}”`);
  if (BRACKETS[open] !== close) problems.push('年份两侧的括号不配对');
  let year = Number(rawYear);
  if (rawYear.length !== 4) {
    problems.push(`年份应标全称（四位），这里是“${rawYear}”`);
    // A two-digit year is this century's: 〔23〕 is 2023. Three digits cannot be read.
    if (rawYear.length === 2) year += 2000;
    else return null;
  }
  if (di) problems.push('发文顺序号前不加“第”字');
  if (/^0\d/.test(rawSerial)) problems.push(`发文顺序号不编虚位（${Number(rawSerial)} 不编为 ${rawSerial}）`);
  const serial = Number(rawSerial);
  if (serial === 0) return null;
  return { number: { text: `${organCode}〔${year}〕${serial}号`, organCode, year, serial }, problems };
}

/** A number typed in a form or a search box, read by the same rules; null when it is not one. */
export function parseDocumentNumber(text: string): DocumentNumber | null {
  return readDocumentNumberLine(text)?.number ?? null;
}

export type TypedNumber = { ok: true; number: DocumentNumber } | { ok: false; message: string };

/**
 * A number a person types for a document entered by hand: read by the same rules, but written
 * as GB/T 9704 writes it or refused, in words that say what to change (平政办发〔2023〕05号 →
 * 发文顺序号不编虚位, 应写作 平政办发〔2023〕5号). The importer tolerates what a gazette's layout
 * bent; a form has no excuse, and a second spelling would make a second number. The server
 * (documents domain) and the admin form both call this.
 */
export function readTypedDocumentNumber(text: string): TypedNumber {
  const read = SIGNER.test(text) ? null : readDocumentNumberLine(text);
  if (!read) return { ok: false, message: '发文字号应写作“机关代字〔年份〕序号号”，如 平政办发〔2023〕5号' };
  if (read.problems.length > 0)
    return { ok: false, message: `发文字号不合 GB/T 9704：${read.problems.join('；')}。应写作 ${read.number.text}` };
  return { ok: true, number: read.number };
}
