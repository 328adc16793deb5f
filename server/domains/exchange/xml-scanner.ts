import { WORKBOOK_LIMITS as L } from './workbook-limits.js';
import { refusal } from './workbook-refusal.js';

/** What a part's reader is told: local tag names (x:row is row), decoded text in pieces. */
export interface XmlHandler {
  open?(name: string, tag: string): void;
  close?(name: string): void;
  text?(text: string): void;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,4});/g;
const LONGEST_ENTITY = 10; // &#x10FFFF;
// What ends a tag's name: whitespace, '/', '>'.
const NAME_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x2f, 0x3e]);

/**
 * A streaming tokenizer for the XML parts of a workbook, with every dimension bounded: a
 * text run (the 500 MB cell), a tag and its attributes, the nesting depth. What it keeps
 * between chunks is at most one unfinished tag, so its memory does not grow with the input.
 * exceljs's parser (saxes) accumulates a text node whole, so a part reaches it only after
 * passing here. No DOCTYPE (SpreadsheetML has none): no entity can expand.
 */
export class XmlScanner {
  private rest = '';
  private run = 0;
  private readonly open: string[] = [];

  constructor(
    private readonly part: string,
    private readonly handler: XmlHandler,
  ) {}

  write(chunk: string) {
    const s = this.rest + chunk;
    this.rest = '';
    let i = 0;
    while (i < s.length) {
      if (s.charCodeAt(i) !== 0x3c /* < */) {
        const lt = s.indexOf('<', i);
        let end = lt === -1 ? s.length : lt;
        if (lt === -1) {
          // An entity cut by the chunk boundary waits for the rest of it.
          const amp = s.lastIndexOf('&', end - 1);
          if (amp >= i && s.indexOf(';', amp) === -1) end = amp;
        }
        if (end > i) this.text(s.slice(i, end));
        if (lt === -1) {
          this.rest = s.slice(end);
          if (this.rest.length > LONGEST_ENTITY) this.invalid();
          return;
        }
        i = lt;
        continue;
      }
      const after = markupEnd(s, i);
      if (after === -1) {
        if (s.length - i > L.tagChars) this.invalid();
        this.rest = s.slice(i);
        return;
      }
      this.markup(s.slice(i, after));
      i = after;
    }
  }

  end() {
    if (this.rest.trim() || this.open.length > 0) this.invalid();
  }

  private text(raw: string) {
    const text = raw.includes('&') ? decodeEntities(raw, () => this.invalid()) : raw;
    this.handler.text?.(text); // first, so a cell over its limit is named by its row and column
    this.run += text.length;
    if (this.run > L.textRunChars) this.invalid();
  }

  private markup(m: string) {
    const second = m.charCodeAt(1);
    if (second === 0x21 /* ! */) {
      if (m.startsWith('<!--')) return;
      if (!m.startsWith('<![CDATA[')) this.invalid(); // DOCTYPE and its entities
      const text = m.slice(9, -3);
      this.handler.text?.(text);
      this.run += text.length;
      if (this.run > L.textRunChars) this.invalid();
      return;
    }
    if (second === 0x3f /* ? */) return;
    this.run = 0;
    if (m.length > L.tagChars) this.invalid();
    if (second === 0x2f /* / */) {
      const name = m.slice(2, -1).trim();
      if (this.open.pop() !== name) this.invalid();
      this.handler.close?.(localName(name));
      return;
    }
    let end = 1;
    while (end < m.length && !NAME_END.has(m.charCodeAt(end))) end++;
    if (end === 1) this.invalid();
    const name = m.slice(1, end);
    const selfClosing = m.charCodeAt(m.length - 2) === 0x2f;
    if (!selfClosing) {
      this.open.push(name);
      if (this.open.length > L.depth) this.invalid();
    }
    const local = localName(name);
    this.handler.open?.(local, m);
    if (selfClosing) this.handler.close?.(local);
  }

  private invalid(): never {
    throw refusal.notAWorkbook(`“${this.part}”的内容不是有效的表格数据`);
  }
}

// A tag ends at the first '>' outside a quoted attribute value. The classes exclude the quotes,
// so the regex cannot backtrack: linear, and compiled by V8 rather than walked in JavaScript.
const TAG = /<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/y;

/** Where the markup starting at s[i] ('<') ends (the index after it), or -1 if s ends first. */
function markupEnd(s: string, i: number): number {
  if (s.startsWith('<!--', i)) return endAfter(s, '-->', i + 4);
  if (s.startsWith('<![CDATA[', i)) return endAfter(s, ']]>', i + 9);
  if (s.startsWith('<?', i)) return endAfter(s, '?>', i + 2);
  TAG.lastIndex = i;
  return TAG.test(s) ? TAG.lastIndex : -1;
}

function endAfter(s: string, terminator: string, from: number) {
  const at = s.indexOf(terminator, from);
  return at === -1 ? -1 : at + terminator.length;
}

function decodeEntities(raw: string, invalid: () => never) {
  if (raw.replace(ENTITY, '').includes('&')) invalid(); // an '&' that starts no entity
  return raw.replace(ENTITY, (_whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? invalid();
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : invalid();
  });
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

const ATTRIBUTES = new Map<string, RegExp>();

/** An attribute's value from a tag's text, e.g. r="E5". */
export function attribute(tag: string, name: string): string | undefined {
  let pattern = ATTRIBUTES.get(name);
  if (!pattern) ATTRIBUTES.set(name, (pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)));
  const match = pattern.exec(tag);
  return match ? (match[1] ?? match[2]) : undefined;
}
