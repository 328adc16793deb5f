import { describe, expect, it } from 'vitest';
import { attribute, XmlScanner, type XmlHandler } from './xml-scanner.js';
import { SheetBudget } from './sheet-budget.js';
import { SharedStringsReader } from './shared-strings.js';
import { WORKBOOK_LIMITS as L } from './workbook-limits.js';

/** Feeds the XML in pieces of every size, so each boundary (inside a tag, an entity, a quote) is crossed. */
function scan(xml: string, handler: XmlHandler, piece = 1) {
  const scanner = new XmlScanner('xl/worksheets/sheet1.xml', handler);
  for (let i = 0; i < xml.length; i += piece) scanner.write(xml.slice(i, i + piece));
  scanner.end();
}

function events(xml: string, piece: number) {
  const seen: string[] = [];
  let text = '';
  const flush = () => {
    if (text) seen.push(`text:${text}`);
    text = '';
  };
  scan(
    xml,
    {
      open: (name, tag) => {
        flush();
        seen.push(`open:${name}${attribute(tag, 'r') ? `@${attribute(tag, 'r')}` : ''}`);
      },
      close: (name) => {
        flush();
        seen.push(`close:${name}`);
      },
      text: (t) => {
        text += t;
      },
    },
    piece,
  );
  return seen;
}

describe('XmlScanner', () => {
  const xml =
    '<?xml version="1.0"?><!-- a > b --><x:row r="2" note=\'a>b\'><c r="A2"><is><t>张&amp;三&#x4E30;&#20016;</t></is></c>' +
    '<c r="B2"/><c r="C2"><v><![CDATA[1<2]]></v></c></x:row>';

  it('gives the same tags and text whatever the chunk boundaries', () => {
    const expected = [
      'open:row@2',
      'open:c@A2',
      'open:is',
      'open:t',
      'text:张&三丰丰',
      'close:t',
      'close:is',
      'close:c',
      'open:c@B2',
      'close:c',
      'open:c@C2',
      'open:v',
      'text:1<2',
      'close:v',
      'close:c',
      'close:row',
    ];
    for (const piece of [1, 2, 3, 5, 7, 64, xml.length]) expect(events(xml, piece), `piece ${piece}`).toEqual(expected);
  });

  it('refuses what SpreadsheetML never has and what a parser would choke on', () => {
    const refuses = (bad: string) =>
      expect(() => scan(bad, {}, bad.length > 1000 ? 4096 : 3), bad.slice(0, 60)).toThrow('不是有效的表格数据');
    refuses('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'); // entity expansion
    refuses('<x>a & b</x>');
    refuses('<x>&unknown;</x>');
    refuses('<x><y></x></y>');
    refuses('<x><y>');
    refuses(`<x>${'<a>'.repeat(L.depth + 1)}`);
    refuses(`<x a="${'v'.repeat(L.tagChars)}"/>`);
    refuses(`<x>${'z'.repeat(L.textRunChars + 1)}</x>`);
  });
});

describe('SheetBudget', () => {
  const sheet = (rows: string) => `<worksheet><sheetData>${rows}</sheetData></worksheet>`;

  it('names the row and column of a cell over the limit, counting decoded characters', () => {
    const ok = sheet(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'&amp;'.repeat(L.cellChars)}</t></is></c></row>`);
    expect(() => scan(ok, new SheetBudget(), 4096)).not.toThrow();
    const long = sheet(
      `<row r="1"/><row r="7"><c r="E7" t="inlineStr"><is><r><t>${'字'.repeat(L.cellChars)}</t></r><r><t>多</t></r></is></c></row>`,
    );
    expect(() => scan(long, new SheetBudget(), 4096)).toThrow(`第 7 行 E 列内容超过 ${L.cellChars} 个字符`);
  });

  it('stops at a cell with too many rich-text runs and at a row with too many cells', () => {
    const runs = sheet(`<row r="3"><c r="B3" t="inlineStr"><is>${'<r><t>a</t></r>'.repeat(L.cellParts)}</is></c></row>`);
    expect(() => scan(runs, new SheetBudget(), 65536)).toThrow('第 3 行 B 列的格式片段过多');
    const wide = sheet(`<row r="4">${'<c/>'.repeat(L.cellsPerRow + 1)}</row>`);
    expect(() => scan(wide, new SheetBudget(), 65536)).toThrow(`第 4 行的单元格超过 ${L.cellsPerRow} 个`);
  });

  it('counts rows up to the header and the limit', () => {
    const budget = new SheetBudget();
    scan(sheet('<row r="1"/><row r="2"><c r="A2"><v>1</v></c></row>'), budget, 8);
    expect(budget.rows).toBe(2);
    expect(() => scan(sheet('<row/>'.repeat(L.dataRows + 2)), new SheetBudget(), 65536)).toThrow(`行数超过 ${L.dataRows} 行`);
  });
});

describe('SharedStringsReader', () => {
  it('keeps each item as Excel shows it: runs joined, phonetic guides left out', () => {
    const reader = new SharedStringsReader();
    scan(
      '<sst><si><t>锦源社区</t></si><si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space="preserve"> 三</t></r><rPh><t>ちょう</t></rPh></si><si><t/></si></sst>',
      reader,
      3,
    );
    expect([0, 1, 2, 3].map((i) => reader.table.get(i))).toEqual(['锦源社区', '张 三', '', undefined]);
    expect(reader.table.asArray()[1]).toBe('张 三');
  });

  it('refuses an item over the cell limit', () => {
    expect(() =>
      scan(`<sst><si><t>a</t></si><si><t>${'x'.repeat(L.cellChars + 1)}</t></si></sst>`, new SharedStringsReader(), 1000),
    ).toThrow(`共享字符串第 2 项）内容超过 ${L.cellChars} 个字符`);
  });
});
