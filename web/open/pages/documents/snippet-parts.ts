/**
 * A search snippet (server/platform/search/snippet.ts: escaped HTML whose only tags are <mark>)
 * as text parts, each marked or not, for the page to render as text. The page never sets the
 * snippet as HTML, so a fault in the server's escaping could not inject markup either.
 */
export interface SnippetPart {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
const unescape = (html: string) => html.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]);

export function snippetParts(html: string): SnippetPart[] {
  return html
    .split(/(<mark>.*?<\/mark>)/)
    .filter((piece) => piece !== '')
    .map((piece) =>
      piece.startsWith('<mark>') ? { text: unescape(piece.slice(6, -7)), marked: true } : { text: unescape(piece), marked: false },
    );
}
