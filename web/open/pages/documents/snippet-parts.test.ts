import { describe, expect, it } from 'vitest';
import { highlightedSnippet } from '../../../../server/platform/search/snippet';
import { snippetParts } from './snippet-parts';

describe('a search snippet on the page', () => {
  it('is text and marks, the text unescaped, whatever the document says', () => {
    const html = highlightedSnippet('<b>政务公开</b> & 数字化', ['政务公开']);
    expect(snippetParts(html)).toEqual([
      { text: '<b>', marked: false },
      { text: '政务公开', marked: true },
      { text: '</b> & 数字化', marked: false },
    ]);
  });

  it('cuts a long text around the first word, with ellipses', () => {
    const text = `${'甲'.repeat(200)}政务公开${'乙'.repeat(200)}`;
    const parts = snippetParts(highlightedSnippet(text, ['政务公开'], 60));
    expect(parts[0].text.startsWith('…')).toBe(true);
    expect(parts[1]).toEqual({ text: '政务公开', marked: true });
    expect(parts[2].text.endsWith('…')).toBe(true);
    expect(parts.map((p) => p.text).join('').length).toBe(62);
  });
});
