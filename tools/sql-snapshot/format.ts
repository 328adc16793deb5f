/**
 * A small, deterministic SQL layout for the snapshots: one clause per line, one selected column
 * per line, subqueries indented under their parenthesis. It only moves whitespace outside quotes,
 * so the text PostgreSQL receives is still readable from it word for word.
 */

/** Keywords that start a clause, longest first so that `left join` wins over `join`. */
const CLAUSES = [
  'with recursive',
  'do update set',
  'on conflict',
  'insert into',
  'delete from',
  'inner join',
  'left join',
  'cross join',
  'group by',
  'order by',
  'union all',
  'for update',
  'skip locked',
  'do nothing',
  'select',
  'from',
  'where',
  'join',
  'having',
  'limit',
  'offset',
  'returning',
  'values',
  'set',
  'update',
  'with',
  'and',
  'or',
].map((k) => k.split(' '));

/** Clauses whose top-level commas put each item on its own line. */
const LISTS = new Set(['with', 'with recursive', 'select', 'returning', 'group by', 'order by', 'set', 'do update set']);
/** Conditions join their clause: indented under it rather than starting a clause of their own. */
const CONDITIONS = new Set(['and', 'or']);
/** Opened by one of these, a parenthesis holds a query of its own and is laid out like one. */
const QUERY_STARTS = new Set(['select', 'with', 'values', 'insert', 'update', 'delete']);
/** Words a parenthesis follows with a space: keywords, not function names. */
const SPACED_BEFORE_PARENTHESIS = new Set([
  'in',
  'exists',
  'as',
  'and',
  'or',
  'not',
  'on',
  'from',
  'join',
  'values',
  'into',
  'using',
  'lateral',
  'select',
  'where',
  'then',
  'else',
  'when',
  'filter',
  'over',
  'by',
  'set',
  'conflict',
  'all',
]);

type Token = { kind: 'word' | 'quoted' | 'open' | 'close' | 'comma' | 'space' | 'other'; text: string };

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const pattern =
    /('(?:[^']|'')*'|\/\*[\s\S]*?\*\/)|("(?:[^"]|"")*")|(\s+)|([A-Za-z_][A-Za-z0-9_$]*)|(\()|(\))|(,)|(\$\d+|::|<=|>=|<>|!=|\|\||@>|[^\sA-Za-z_'"(),])/gy;
  for (let match = pattern.exec(sql); match; match = pattern.exec(sql)) {
    const [text, single, double, space, word, open, close, comma] = match;
    const kind =
      single || double ? 'quoted' : space ? 'space' : word ? 'word' : open ? 'open' : close ? 'close' : comma ? 'comma' : 'other';
    tokens.push({ kind, text });
  }
  return tokens;
}

/** The clause keyword starting at tokens[i] (words only, spaces skipped), and how many words it takes. */
function clauseAt(words: Token[], i: number): string | null {
  for (const clause of CLAUSES) {
    if (clause.every((w, k) => words[i + k]?.kind === 'word' && words[i + k].text.toLowerCase() === w)) return clause.join(' ');
  }
  return null;
}

/** Whether the clause starting at tokens[start] lists more than one item: a short `select *` stays on one line. */
function listContinues(tokens: Token[], start: number): boolean {
  let depth = 0;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close' && depth-- === 0) return false;
    else if (depth === 0 && t.kind === 'comma') return true;
    else if (depth === 0 && t.kind === 'word' && clauseAt(tokens, i) && !CONDITIONS.has(clauseAt(tokens, i)!)) return false;
  }
  return false;
}

export function formatSql(sql: string): string {
  // Whitespace carries no meaning outside quotes: drop it and lay the statement out afresh.
  const tokens = tokenize(sql.trim()).filter((t) => t.kind !== 'space');
  const lines: string[] = [];
  let line = '';
  const newLine = (indent: number) => {
    if (line.trim()) lines.push(line.trimEnd());
    line = ' '.repeat(indent);
  };
  // One frame per open parenthesis: whether it holds a query, its indentation, the clause its commas belong to.
  const frames: { query: boolean; indent: number; clause: string | null }[] = [{ query: true, indent: 0, clause: null }];
  let previous: Token | undefined;
  let beforePrevious: Token | undefined;
  const needsSpace = (t: Token) => {
    if (!line.trim() || !previous || previous.kind === 'open' || t.kind === 'close' || t.kind === 'comma') return false;
    if (['::', '.', '['].includes(previous.text) || ['::', '.', '[', ']'].includes(t.text)) return false;
    // A function's parenthesis follows its name; a keyword's (`in (`, `as (`) is spaced from it.
    if (t.kind === 'open') {
      const keyword = SPACED_BEFORE_PARENTHESIS.has(previous.text.toLowerCase()) || beforePrevious?.text.toLowerCase() === 'into';
      return previous.kind !== 'word' || keyword;
    }
    return true;
  };
  const emit = (t: Token, text = t.text) => {
    if (needsSpace(t)) line += ' ';
    line += text;
    beforePrevious = previous;
    previous = t;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const frame = frames[frames.length - 1];
    if (t.kind === 'open') {
      const next = tokens[i + 1];
      const query = next?.kind === 'word' && QUERY_STARTS.has(next.text.toLowerCase());
      emit(t);
      frames.push({ query, indent: line.length - line.trimStart().length + 2, clause: null });
      continue;
    }
    if (t.kind === 'close') {
      const closed = frames.pop()!;
      if (closed.query) newLine(closed.indent - 2);
      emit(t);
      continue;
    }
    if (frame.query && t.kind === 'word') {
      const clause = clauseAt(tokens, i);
      // `IS DISTINCT FROM` compares; it starts no clause.
      if (clause && !(clause === 'from' && previous?.text.toLowerCase() === 'distinct')) {
        const words = clause.split(' ').length;
        const text = tokens
          .slice(i, i + words)
          .map((w) => w.text)
          .join(' ');
        newLine(CONDITIONS.has(clause) ? frame.indent + 2 : frame.indent);
        emit(tokens[i + words - 1], text);
        if (!CONDITIONS.has(clause)) frame.clause = clause;
        if (LISTS.has(clause) && listContinues(tokens, i + words)) newLine(frame.indent + 2);
        i += words - 1;
        continue;
      }
    }
    emit(t);
    if (t.kind === 'comma' && frame.query && frame.clause && LISTS.has(frame.clause)) newLine(frame.indent + 2);
  }
  newLine(0);
  return lines.join('\n');
}

/** A value as the snapshot shows it: JSON, with dates as ISO strings and bigints as numbers. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Set) return [...v];
    if (v instanceof Map) return Object.fromEntries(v);
    return v;
  });
}
