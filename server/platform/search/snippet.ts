/**
 * A search hit's snippet as HTML: the text around the first query word, every query word in
 * <mark>, everything else escaped. A document's text is never sent as HTML itself (a title with
 * `<script>` in it shows as those characters), so a page may render the snippet as it is.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The part of `text` around the first of `terms` (about `width` characters, cut at the edges
 * with …), the terms marked; the text's beginning when no term is in it.
 */
export function highlightedSnippet(text: string, terms: string[], width = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const wanted = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  // Longest first, so 政务公开 is marked whole rather than as 政务 and then 公开.
  const pattern = wanted.length ? new RegExp(wanted.map(escapeRegExp).join('|'), 'giu') : null;
  const first = pattern ? flat.search(pattern) : -1;
  const start = first <= width / 3 ? 0 : first - Math.floor(width / 3);
  const end = Math.min(flat.length, start + width);
  const part = flat.slice(start, end);
  const marked = pattern
    ? part
        .split(new RegExp(`(${wanted.map(escapeRegExp).join('|')})`, 'giu'))
        .map((piece, i) => (i % 2 === 1 ? `<mark>${escapeHtml(piece)}</mark>` : escapeHtml(piece)))
        .join('')
    : escapeHtml(part);
  return `${start > 0 ? '…' : ''}${marked}${end < flat.length ? '…' : ''}`;
}
