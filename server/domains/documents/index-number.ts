import type { DocumentNumber } from '../../../common/contracts/gazette.js';

/**
 * 索引号, the number a disclosure catalogue files a document under. The usual shape is the
 * organisation's code, a slash, the year and a five-digit serial (11370124004220858X/2023-00005);
 * the library has no organisation codes, so the 机关代字 stands in for it, and the document
 * number's serial is the serial: 平政办发/2023-00005 (docs/decisions/043). Unique, since the
 * number is.
 */
export const indexNumberOf = (n: Pick<DocumentNumber, 'organCode' | 'year' | 'serial'>) =>
  `${n.organCode}/${n.year}-${String(n.serial).padStart(5, '0')}`;

/** The columns a document's number fills: as printed, its key (organ code, year, serial) and its 索引号. */
export const numberColumnsOf = (n: DocumentNumber) => ({
  number: n.text,
  organ_code: n.organCode,
  year: n.year,
  serial: n.serial,
  index_number: indexNumberOf(n),
});
