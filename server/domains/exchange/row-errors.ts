import type { ImportRowError } from '../../platform/db/schema.js';

/** Collects the problems of one sheet row; a row with any problem is rejected whole. */
export class RowProblems {
  readonly list: ImportRowError[] = [];
  constructor(readonly row: number) {}
  add(field: string, code: string, message: string) {
    this.list.push({ row: this.row, field, code, message });
  }
  get any() {
    return this.list.length > 0;
  }
}
