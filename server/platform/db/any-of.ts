import { sql, type RawBuilder } from 'kysely';

/**
 * `column = any($1)` with the whole list as ONE array parameter. A thousand-item IN list is a
 * thousand parameters to parse and plan; on PGlite that made an import batch's lookups 3–6×
 * slower (bench/import.bench.ts). Use it as .where('col', '=', anyOf(values)).
 */
export function anyOf(values: readonly string[]): RawBuilder<string>;
export function anyOf(values: readonly number[]): RawBuilder<number>;
export function anyOf(values: readonly (string | number)[]): RawBuilder<string | number> {
  const type = typeof values[0] === 'number' ? sql`bigint[]` : sql`text[]`;
  return sql`any(${[...values]}::${type})`;
}
