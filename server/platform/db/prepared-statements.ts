import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';

/**
 * Hot statements that PostgreSQL should parse and plan once per connection rather than on
 * every call (decision 024). A repository starts such a statement with `prepared('name')`; the
 * PostgreSQL pool sends it as a named statement, keyed by the name and a hash of its text so a
 * statement built in more than one shape gets one name per shape. PGlite, and any reader of
 * queries/*.sql, sees a comment.
 */
export const prepared = (name: string) => {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`prepared statement name ${name}: lower case and _ only`);
  return sql.raw(`/* prepared:${name} */ `);
};

const MARK = /^\/\* prepared:([a-z_]+) \*\/ /;
/** Statement text → its name. Only marked texts are kept, and each has a shape or two. */
const names = new Map<string, string>();

function nameOf(text: string): string | null {
  const known = names.get(text);
  if (known !== undefined) return known;
  const mark = MARK.exec(text);
  if (!mark) return null;
  const name = `${mark[1]}_${createHash('sha1').update(text).digest('hex').slice(0, 12)}`;
  names.set(text, name);
  return name;
}

/**
 * Sends this client's marked statements as named ones. node-postgres parses a named statement
 * on a connection the first time and only binds it afterwards; PostgreSQL then keeps its plan
 * (plan_cache_mode auto: custom plans first, the generic one when it costs no more).
 */
export function sendMarkedStatementsPrepared(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    const name = typeof text === 'string' && text.startsWith('/* prepared:') ? nameOf(text) : null;
    return name ? query({ name, text, values }, callback) : query(text, values, callback);
  }) as typeof client.query;
}
