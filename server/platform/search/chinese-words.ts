import { createRequire } from 'node:module';

/**
 * Chinese words for full-text search (ARCHITECTURE.md: jieba words in a 'simple' tsvector).
 * PostgreSQL cannot split Chinese into words, so the text is cut here, by @node-rs/jieba, and
 * stored space-joined: `to_tsvector('simple', words)` then sees each word as a lexeme. The same
 * module cuts the search string, so a document and a query are split by the same dictionary.
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
/** Characters 'simple' would read as tsquery syntax or split on, kept out of the words. */
const UNSAFE = /[\s'"\\:&|!()<>*]/g;

const clean = (words: string[]) => words.map((w) => w.replace(UNSAFE, '').toLowerCase()).filter((w) => w.length > 0 && WORD.test(w));

/**
 * The words of a text for the index, space-joined: jieba's search mode, which also gives the
 * shorter words inside a long one (人民政府 → 人民, 政府, 人民政府), so a query for a part finds the whole.
 */
export function wordsForIndex(text: string): string {
  return clean(cutter().cutForSearch(text, true)).join(' ');
}

/**
 * The words of a search string, in order and without repeats: jieba's precise mode, so 政务公开
 * asks for 政务 and 公开 (both in every text the index cut from 政务公开), not for a rarer split.
 * Empty when the string holds no word (only punctuation or space).
 */
export function wordsOfQuery(query: string): string[] {
  return [...new Set(clean(cutter().cut(query, true)))];
}
