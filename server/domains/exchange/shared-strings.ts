import { WORKBOOK_LIMITS as L } from './workbook-limits.js';
import { refusal } from './workbook-refusal.js';
import type { XmlHandler } from './xml-scanner.js';

/**
 * A workbook's shared strings (xl/sharedStrings.xml), which every cell of type "s" points
 * into by index and which must therefore all be held while the sheet is read. exceljs keeps
 * them as an array of strings: 840 000 strings (200 000 rows) cost 106 MB of heap after GC,
 * about 126 bytes each. Here they are UTF-8 bytes in one growing buffer with an offset
 * table, about the size of their text (30 MB for the same file), decoded when a cell asks.
 */
export class SharedStringTable {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private starts = new Uint32Array(1024);
  count = 0;

  add(text: string) {
    const length = Buffer.byteLength(text);
    if (this.used + length > this.bytes.length) this.bytes = grow(this.bytes, this.used + length, this.used);
    if (this.count + 1 >= this.starts.length) {
      const starts = new Uint32Array(this.starts.length * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    this.starts[this.count] = this.used;
    this.used += this.bytes.write(text, this.used);
    this.count++;
    this.starts[this.count] = this.used;
  }

  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    return this.bytes.toString('utf8', this.starts[index], this.starts[index + 1]);
  }

  /** What exceljs's worksheet reader indexes (`sharedStrings[i]`), backed by this table. */
  asArray(): string[] {
    return new Proxy([] as string[], {
      get: (target, key) => (typeof key === 'string' && /^\d+$/.test(key) ? this.get(Number(key)) : Reflect.get(target, key)),
    });
  }
}

function grow(bytes: Buffer, needed: number, used: number) {
  const next = Buffer.allocUnsafe(Math.max(needed, bytes.length * 2));
  bytes.copy(next, 0, 0, used);
  return next;
}

/**
 * Reads <si> items into the table while the scanner passes over the part: the text of its <t>
 * elements joined (rich-text runs included, phonetic guides <rPh> left out, as Excel shows
 * them), each item held to the cell limit and the whole to the count limit.
 */
export class SharedStringsReader implements XmlHandler {
  readonly table = new SharedStringTable();
  private item: string[] | null = null;
  private chars = 0;
  private parts = 0;
  private inText = false;
  private phonetic = 0;

  open(name: string) {
    if (name === 'si') {
      if (this.table.count >= L.sharedStrings) throw refusal.sharedStringsTooLarge();
      this.item = [];
      this.chars = 0;
      this.parts = 0;
    } else if (this.item) {
      if (++this.parts > L.cellParts) throw refusal.cellTooComplex(this.place());
      if (name === 't') this.inText = true;
      else if (name === 'rPh') this.phonetic++;
    }
  }

  close(name: string) {
    if (name === 't') this.inText = false;
    else if (name === 'rPh') this.phonetic--;
    else if (name === 'si' && this.item) {
      this.table.add(this.item.join(''));
      this.item = null;
    }
  }

  text(text: string) {
    if (!this.item || !this.inText || this.phonetic > 0) return;
    this.chars += text.length;
    if (this.chars > L.cellChars) throw refusal.cellTooLong(this.place());
    this.item.push(text);
  }

  private place() {
    return `文件中有单元格（共享字符串第 ${this.table.count + 1} 项）`;
  }
}
