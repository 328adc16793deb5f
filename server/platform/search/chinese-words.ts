import { createRequire } from 'node:module';

/**
 * Chinese full-text search (ARCHITECTURE.md: jieba words in a 'simple' tsvector). PostgreSQL
 * cannot split Chinese into words, so the text is cut here, by @node-rs/jieba, and handed to the
 * database as a tsvector literal with positions; the search string is cut by the same dictionary
 * into a tsquery. Both work the same on PGlite and PostgreSQL (decision 043).
 *
 * A text is cut in precise mode, one position per word; each longer word also puts its shorter
 * words at the same position (人民政府 → 人民, 政府, 人民政府 at one place), so a query for a part
 * finds the whole; and each pair of neighbouring words is a lexeme too (信息·公开), so a query of
 * several words asks for them side by side and 信息公开 does not find every text with 信息 in one
 * place and 公开 in another. The pairs, rather than a phrase query (信息 <-> 公开), because the
 * GIN index answers them exactly: a phrase query reads every candidate's tsvector back from the
 * table to check positions, 290 ms for one query over 100 000 documents (docs/BENCHMARKS.md).
 */
// @node-rs/jieba ships CommonJS with a native binding; its `dict` entry has no ESM export path.
const require = createRequire(import.meta.url);
const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
const { dict } = require('@node-rs/jieba/dict') as { dict: Buffer };

let jieba: InstanceType<typeof Jieba> | undefined;
// Loading the dictionary takes about half a second: once per process, on first use.
const cutter = () => (jieba ??= Jieba.withDict(dict));

/** A word worth indexing: letters or digits of some script, not punctuation or space. */
const WORD = /[\p{L}\p{N}]/u;
/** Characters that tsvector and tsquery syntax would read, kept out of the words. */
const UNSAFE = /[\s'"\\:&|!()<>*]/g;
/** tsvector positions stop at 16383; later words share the last one (still found, not as a phrase). */
const MAX_POSITION = 16_383;

const clean = (word: string) => word.replace(UNSAFE, '').toLowerCase();
const precise = (text: string) =>
  cutter()
    .cut(text, true)
    .map(clean)
    .filter((w) => w.length > 0 && WORD.test(w));

/** The shorter words inside a word of three or more characters (jieba's search mode), without the word itself. */
function partsOf(word: string): string[] {
  if ([...word].length < 3) return [];
  return cutter()
    .cutForSearch(word, true)
    .map(clean)
    .filter((w) => w.length > 0 && w !== word && WORD.test(w));
}

/** Two neighbouring words as one lexeme. */
const pair = (a: string, b: string) => `${a}·${b}`;

/**
 * The lexemes of one word of a text, given the word before it: the word, its shorter words, and
 * the pairs a query may cut where the text did not. jieba cuts by context: 应急管理工作 is
 * 应急 + 管理工作 in a text while the query 应急管理 is 应急 + 管理, and 应急管理局 may be one word.
 * So the pairs join the previous word (or a shorter word ending it) to this word (or a shorter
 * word beginning it), and neighbouring shorter words inside this word are paired too.
 */
function lexemesOf(word: string, previous: string | undefined): string[] {
  const parts = partsOf(word);
  const out = [word, ...parts];
  for (const a of parts)
    for (const b of parts) if (word.indexOf(b, word.indexOf(a) + a.length) === word.indexOf(a) + a.length) out.push(pair(a, b));
  if (previous !== undefined) {
    const ends = [previous, ...partsOf(previous).filter((p) => previous.endsWith(p))];
    const starts = [word, ...parts.filter((p) => word.startsWith(p))];
    for (const a of ends) for (const b of starts) out.push(pair(a, b));
  }
  return [...new Set(out)];
}

/** A text as a tsvector literal ('平阴县':1 '平阴':1 '人民政府':2 '平阴县·人民政府':2 …), for `::tsvector`. */
export function searchVectorOf(text: string): string {
  const entries: string[] = [];
  const words = precise(text);
  words.forEach((word, i) => {
    const position = Math.min(i + 1, MAX_POSITION);
    for (const lexeme of lexemesOf(word, words[i - 1])) entries.push(`'${lexeme}':${position}`);
  });
  return entries.join(' ');
}

export interface SearchQuery {
  /** A tsquery literal (cast with ::tsquery, not parsed again): each part typed (split on spaces) as its neighbouring pairs of words, the parts all required. */
  tsquery: string;
  /** What a snippet marks: the parts as typed, and their words. */
  terms: string[];
}

/** A search string as a tsquery, or null when it holds no word (only punctuation or space). */
export function searchQueryOf(query: string): SearchQuery | null {
  const parts = query
    .split(/\s+/)
    .map((part) => ({ part: clean(part), words: precise(part) }))
    .filter((p) => p.words.length > 0);
  if (parts.length === 0) return null;
  return {
    tsquery: parts
      .flatMap((p) => (p.words.length === 1 ? p.words : p.words.slice(1).map((w, i) => pair(p.words[i], w))))
      .map((lexeme) => `'${lexeme}'`)
      .join(' & '),
    terms: [...new Set(parts.flatMap((p) => [p.part, ...p.words]))],
  };
}
