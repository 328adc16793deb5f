import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB, ResidentTable } from './schema.js';

/**
 * Bulk writes (the demo generator, Excel imports). Rows go in as one array per column through
 * `insert … select * from unnest($1::bigint[], $2::text[], …)`: the statement has one parameter
 * per column however many rows it carries, so batch size is never bound by PostgreSQL's 65 535
 * parameter limit, and there is far less binding work per row. Loading 60 000 residents into
 * PGlite this way took 1.5–2 times less time than multi-row VALUES with one parameter per cell.
 */
export type PgType = 'bigint' | 'int' | 'text' | 'date' | 'numeric' | 'boolean' | 'timestamptz' | 'jsonb' | 'text[]';

/** A table and the SQL type of every column a generated row carries. */
export interface TableSpec<Row> {
  table: keyof DB & string;
  columns: { [K in keyof Row]: PgType };
}

export function tableSpec<Row>(table: keyof DB & string, columns: { [K in keyof Row]: PgType }): TableSpec<Row> {
  return { table, columns };
}

/** The columns `columns` has but `left`: a spec for rows that carry only some of a table's columns. */
export function columnsBut<C extends Record<string, PgType>, K extends keyof C & string>(columns: C, ...left: K[]): Omit<C, K> {
  return Object.fromEntries(Object.entries(columns).filter(([name]) => !(left as string[]).includes(name))) as Omit<C, K>;
}

/** The SQL type of each residents column (but the generated tag_regions): the demo generator and the resident import both write residents. */
export const RESIDENT_COLUMNS: { [K in Exclude<keyof ResidentTable, 'tag_regions'>]: PgType } = {
  id: 'bigint',
  id_card: 'text',
  name: 'text',
  gender: 'text',
  birth_date: 'date',
  phone: 'text',
  population_type: 'text',
  household_id: 'bigint',
  relation: 'text',
  house_id: 'bigint',
  community_id: 'bigint',
  grid_id: 'bigint',
  region_path: 'text',
  tags: 'text[]',
  ethnicity: 'text',
  employer: 'text',
  moved_in_on: 'date',
  moved_out_on: 'date',
  updated_at: 'timestamptz',
};

/** Rows per statement: per-statement costs are negligible by then, and statements stay around 1 MB. */
export const BATCH_ROWS = 2000;

/** One INSERT of `rows`; usable alone or inside a WITH (see insertLinked). */
export function insertStatement<Row>(spec: TableSpec<Row>, rows: readonly Row[]): RawBuilder<unknown> {
  const entries = Object.entries(spec.columns) as [keyof Row & string, PgType][];
  const params = entries.map(([name, type]) => {
    const values = rows.map((row) => toParameter(row[name], type));
    // text[] columns travel as array literals in a text[] and are cast back per row, because
    // unnest would flatten a real two-dimensional array.
    const arrayType = type === 'text[]' ? 'text' : type;
    return sql`${values}::${sql.raw(arrayType)}[]`;
  });
  const aliases = entries.map((_, i) => sql.raw(`c${i}`));
  const select = entries.map(([, type], i) => sql.raw(type === 'text[]' ? `c${i}::text[]` : `c${i}`));
  return sql`insert into ${sql.table(spec.table)} (${sql.join(entries.map(([name]) => sql.ref(name)))})
    select ${sql.join(select)} from unnest(${sql.join(params)}) as t(${sql.join(aliases)})`;
}

function toParameter(value: unknown, type: PgType): unknown {
  if (type !== 'text[]' || value == null) return value;
  // Tags are plain lower-case codes, so no element needs quoting.
  return `{${(value as string[]).join(',')}}`;
}

export async function insertRows<Row>(db: Kysely<DB>, spec: TableSpec<Row>, rows: readonly Row[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    await insertStatement(spec, rows.slice(start, start + BATCH_ROWS)).execute(db);
  }
}

/**
 * Inserts parents and their children in one statement each batch. households.householder_id
 * and residents.household_id point at each other; PostgreSQL checks foreign keys at the end of
 * the statement, so a household and its members arriving in the same WITH … INSERT satisfy
 * each other without a second pass to fill householder_id in.
 */
export async function insertLinked<Parent, Child>(
  db: Kysely<DB>,
  parentSpec: TableSpec<Parent>,
  parents: readonly Parent[],
  childSpec: TableSpec<Child>,
  children: readonly Child[],
  parentOf: (child: Child) => number,
  parentId: (parent: Parent) => number,
): Promise<void> {
  let p = 0,
    c = 0;
  while (p < parents.length) {
    // Take whole families until the batch is full, so every child's parent is in the same batch.
    const parentBatch: Parent[] = [];
    const childBatch: Child[] = [];
    while (p < parents.length && childBatch.length < BATCH_ROWS) {
      const parent = parents[p++];
      parentBatch.push(parent);
      while (c < children.length && parentOf(children[c]) === parentId(parent)) childBatch.push(children[c++]);
    }
    await sql`with parents as (${insertStatement(parentSpec, parentBatch)})
      ${insertStatement(childSpec, childBatch)}`.execute(db);
  }
  if (c !== children.length) throw new Error('insertLinked: children must follow their parents in order');
}

/** Hands out ids in memory, starting after the largest id already in the table. */
export class IdSequence {
  private last: number;
  constructor(
    readonly table: keyof DB & string,
    startAfter: number,
  ) {
    this.last = startAfter;
  }
  next(): number {
    return ++this.last;
  }
  get current(): number {
    return this.last;
  }
}

export async function openIdSequence(db: Kysely<DB>, table: keyof DB & string): Promise<IdSequence> {
  const { rows } = await sql<{ max: number | null }>`select max(id) as max from ${sql.table(table)}`.execute(db);
  return new IdSequence(table, Number(rows[0].max ?? 0));
}

/** Moves each table's id sequence past the ids handed out, so the application's inserts follow on. */
export async function syncSequences(db: Kysely<DB>, sequences: readonly IdSequence[]): Promise<void> {
  const used = sequences.filter((s) => s.current > 0);
  if (used.length === 0) return;
  // Never move a sequence backwards: it may already be past ids whose rows were deleted.
  const values = used.map((s) => sql`(${s.table}::text, ${s.current}::bigint)`);
  await sql`select setval(seq, greatest(v.n, coalesce(pg_sequence_last_value(seq), 0)))
    from (values ${sql.join(values)}) as v(t, n)
    cross join lateral (select pg_get_serial_sequence(v.t, 'id')::regclass as seq) as s`.execute(db);
}
