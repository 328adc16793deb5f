import type { GazetteTable } from '../../../common/contracts/gazette.js';
import { hasCells, isBlank, withoutLayoutSpaces, type Line } from './gazette-lines.js';

/**
 * Tables come out of the PDF as lines of tab-separated cells. A table runs over blank lines and
 * page breaks (furniture is already gone) and each page repeats its header row, which is dropped;
 * it ends at the first line of text without a tab. Cells are kept where they were printed:
 * empty cells of merged ranges stay empty here, and columns that slipped stay slipped — the task
 * reader (task-tables.ts) reads the meaning, and lays a task table's rows back under its header
 * for printing (alignTaskRows).
 */
export interface TableAt extends GazetteTable {
  /** Index in the document's lines of the table's header and of its last row. */
  from: number;
  to: number;
}

const isRow = (line: Line) => hasCells(line.text);
const cellsOf = (line: Line) => line.text.split('\t').map((cell) => withoutLayoutSpaces(cell));
/** A header repeated on a later page may gain or lose empty cells: compare what it says. */
const signature = (cells: string[]) => cells.filter(Boolean).join('|');

export function readTables(lines: Line[]): TableAt[] {
  const tables: TableAt[] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isRow(lines[i])) {
      i++;
      continue;
    }
    const header = cellsOf(lines[i]);
    const table: TableAt = { title: titleAbove(lines, i), header, rows: [], rowLines: [], line: lines[i].no, from: i, to: i };
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (isBlank(lines[j])) continue;
      if (!isRow(lines[j])) break;
      const cells = cellsOf(lines[j]);
      table.to = j;
      if (signature(cells) === signature(header)) continue;
      table.rows.push(cells);
      table.rowLines.push(lines[j].no);
    }
    tables.push(table);
    i = j;
  }
  return tables;
}

/** The nearest non-blank line above a table, when it reads as a title (no sentence in it). */
function titleAbove(lines: Line[], at: number): string | null {
  for (let i = at - 1; i >= 0; i--) {
    if (isBlank(lines[i])) continue;
    const text = withoutLayoutSpaces(lines[i].text);
    return text.length <= 60 && !/[。；：:]$/.test(text) && !isRow(lines[i]) ? text : null;
  }
  return null;
}
