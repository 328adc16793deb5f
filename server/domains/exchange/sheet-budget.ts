import { WORKBOOK_LIMITS as L } from './workbook-limits.js';
import { cellPlace, refusal } from './workbook-refusal.js';
import { attribute, type XmlHandler } from './xml-scanner.js';

/**
 * Counts what a worksheet part would cost exceljs as the scanner passes over it, and stops at
 * the first row, cell or row count over the limits: the reason names the row and column, so
 * the person who uploaded it can find the cell.
 */
export class SheetBudget implements XmlHandler {
  rows = 0;
  private row = 0;
  private cellsInRow = 0;
  private cell: { reference: string | undefined; chars: number; parts: number } | null = null;

  open(name: string, tag: string) {
    if (this.cell) {
      if (++this.cell.parts > L.cellParts) throw refusal.cellTooComplex(cellPlace(this.cell.reference, this.row));
      return;
    }
    if (name === 'row') {
      // One header row above the data rows.
      if (++this.rows > L.dataRows + 1) throw refusal.tooManyRows();
      this.row = Number(attribute(tag, 'r')) || this.row + 1;
      this.cellsInRow = 0;
    } else if (name === 'c') {
      if (++this.cellsInRow > L.cellsPerRow) throw refusal.tooManyCells(this.row);
      this.cell = { reference: attribute(tag, 'r'), chars: 0, parts: 0 };
    }
  }

  close(name: string) {
    if (name === 'c') this.cell = null;
  }

  text(text: string) {
    if (!this.cell) return;
    this.cell.chars += text.length;
    if (this.cell.chars > L.cellChars) throw refusal.cellTooLong(cellPlace(this.cell.reference, this.row));
  }
}
