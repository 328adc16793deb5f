import { sql, type Insertable, type Updateable } from 'kysely';
import type { DocumentTable, DocumentValidity } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { pageOf } from '../../platform/paging.js';

/**
 * The document library. It is the county office's, not a region's: every query reads through
 * `unscoped`, and who may read what is decided by permission (documents.read) and, for the
 * public, by the document being published and public (`publicOnly`).
 */
export interface DocumentFilter {
  /** The search string as a tsquery (platform/search/chinese-words.ts searchQueryOf). */
  query?: string;
  year?: number;
  /** The issuing organ by name or by its code in the number. */
  organ?: string;
  theme?: string;
  validity?: DocumentValidity;
  disclosure?: 'public' | 'on_request' | 'not_public' | 'undecided';
  published?: boolean;
  /** The public column: published (hence public) documents only. */
  publicOnly?: boolean;
}

export interface DocumentKey {
  organCode: string;
  year: number;
  serial: number;
}

const LIST_COLUMNS = [
  'documents.id',
  'documents.number',
  'documents.title',
  'documents.organ',
  'documents.date_written',
  'documents.published_on',
  'documents.index_number',
  'documents.validity',
  'documents.themes',
  'documents.disclosure',
  'documents.is_policy',
  'documents.is_normative',
  'documents.body_text',
] as const;

export function documentsRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  // Cast, not to_tsquery('simple', …): the parser would split a pair 信息·公开 back into a phrase
  // query, and the words are already as the index holds them (platform/search/chinese-words.ts).
  const tsquery = (text: string) => sql`${text}::tsquery`;
  const filtered = (f: DocumentFilter) => {
    let q = db.selectFrom('documents');
    if (f.query) q = q.where(sql<boolean>`documents.search @@ ${tsquery(f.query)}`);
    if (f.year) q = q.where('documents.year', '=', f.year);
    // The organ's name (平阴县人民政府办公室) or its code (平政办发): callers of the contract pass either.
    if (f.organ) {
      const organ = f.organ;
      q = q.where((eb) => eb.or([eb('documents.organ', '=', organ), eb('documents.organ_code', '=', organ)]));
    }
    if (f.theme) q = q.where(sql<boolean>`${f.theme} = any(documents.themes)`);
    if (f.validity) q = q.where('documents.validity', '=', f.validity);
    if (f.disclosure === 'undecided') q = q.where('documents.disclosure', 'is', null);
    else if (f.disclosure) q = q.where('documents.disclosure', '=', f.disclosure);
    if (f.published !== undefined) q = q.where('documents.published_on', f.published ? 'is not' : 'is', null);
    // The CHECK in migrations/0029 holds that a published document is public.
    if (f.publicOnly) q = q.where('documents.published_on', 'is not', null);
    return q;
  };

  return {
    /** A page of documents, the best match first when searching, else the newest. */
    list: (f: DocumentFilter, page: { offset: number; limit: number }) => {
      let rows = filtered(f)
        .select(LIST_COLUMNS)
        .select((eb) =>
          eb
            .selectFrom('document_interpretations')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('document_interpretations.document_id', '=', 'documents.id')
            .as('interpretation_count'),
        );
      // Ranked by the title (a hit there first, the better one higher), then the newest: ranking by
      // the whole text reads every hit's tsvector back, 290 ms for a broad query (decision 043).
      if (f.query) rows = rows.orderBy(sql`ts_rank(documents.title_search, ${tsquery(f.query)})`, 'desc');
      return pageOf(
        rows
          .orderBy('documents.date_written', (ob) => ob.desc().nullsLast())
          .orderBy('documents.id', 'desc')
          .offset(page.offset)
          .limit(page.limit),
        filtered(f),
      );
    },

    byId: (id: number, publicOnly = false) => {
      let q = db.selectFrom('documents').selectAll().where('id', '=', id);
      if (publicOnly) q = q.where('published_on', 'is not', null);
      return q.executeTakeFirst();
    },

    /** The row locked for a change: two people publishing, withdrawing or editing it take turns. */
    lockById: (id: number) => db.selectFrom('documents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),

    /** A document by its number as stored (平政办字〔2023〕9号): what a proposal's reply links to. */
    idByNumber: (number: string) => db.selectFrom('documents').select('id').where('number', '=', number).executeTakeFirst(),

    /** The documents of these numbers already in the library (an import updates them). */
    byKeys: (keys: DocumentKey[]) =>
      keys.length === 0
        ? Promise.resolve([])
        : db
            .selectFrom('documents')
            .select(['id', 'organ_code', 'year', 'serial', 'disclosure_decided_by', 'published_on'])
            .where((eb) =>
              eb.or(keys.map((k) => eb.and([eb('organ_code', '=', k.organCode), eb('year', '=', k.year), eb('serial', '=', k.serial)]))),
            )
            .execute(),

    /** The document a form entered under this Idempotency-Key ('user:<id>:<key>'), to answer a retry with. */
    byIdempotencyKey: (key: string) =>
      db.selectFrom('documents').select(['id', 'idempotency_fingerprint']).where('idempotency_key', '=', key).executeTakeFirst(),

    insert: async (values: Insertable<DocumentTable>) =>
      (await db.insertInto('documents').values(values).returning('id').executeTakeFirstOrThrow()).id,

    update: (id: number, values: Updateable<DocumentTable>) =>
      db
        .updateTable('documents')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .execute(),

    /** Counts of the published documents by year, organ, theme and validity: the column's browsing. */
    facets: async () => {
      const published = db.selectFrom('documents').where('published_on', 'is not', null);
      const n = sql<number>`count(*)::int`.as('count');
      const [years, organs, themes, validities] = await Promise.all([
        published.select(['year as value', n]).groupBy('year').orderBy('year', 'desc').execute(),
        published.select(['organ as value', n]).where('organ', 'is not', null).groupBy('organ').orderBy('count', 'desc').execute(),
        db
          .selectFrom(published.select(sql<string>`unnest(themes)`.as('theme')).as('t'))
          .select(['t.theme as value', sql<number>`count(*)::int`.as('count')])
          .groupBy('t.theme')
          .orderBy('count', 'desc')
          .execute(),
        published.select(['validity as value', n]).groupBy('validity').execute(),
      ]);
      return { years, organs: organs as { value: string; count: number }[], themes, validities };
    },

    /** Themes of every document of the library, the most used first: suggestions beside the standard list. */
    themesInUse: () =>
      db
        .selectFrom(
          db
            .selectFrom('documents')
            .select(sql<string>`unnest(themes)`.as('theme'))
            .as('t'),
        )
        .select(['t.theme as value', sql<number>`count(*)::int`.as('count')])
        .groupBy('t.theme')
        .orderBy('count', 'desc')
        .orderBy('t.theme')
        .limit(50)
        .execute(),

    /**
     * 国办公开办函〔2021〕30号 table 二, 行政规范性文件: made in the year (by 成文日期), repealed
     * in it, and in force on its last day; and the year's publications (三同步).
     */
    annualFigures: async (year: number) => {
      const first = `${year}-01-01`;
      const last = `${year}-12-31`;
      const count = sql<number>`count(*)::int`.as('n');
      const normative = db.selectFrom('documents').where('is_normative', '=', true);
      const published = db.selectFrom('documents').where('published_on', '>=', first).where('published_on', '<=', last);
      const [issued, repealed, inForce, all, policy, interpreted] = await Promise.all([
        normative.select(count).where('date_written', '>=', first).where('date_written', '<=', last).executeTakeFirstOrThrow(),
        normative
          .select(count)
          .where('validity', '=', 'repealed')
          .where('validity_on', '>=', first)
          .where('validity_on', '<=', last)
          .executeTakeFirstOrThrow(),
        normative
          .select(count)
          .where('date_written', '<=', last)
          .where((eb) => eb.or([eb('validity', '=', 'valid'), eb('validity_on', '>', last)]))
          .executeTakeFirstOrThrow(),
        published.select(count).executeTakeFirstOrThrow(),
        published.select(count).where('is_policy', '=', true).executeTakeFirstOrThrow(),
        published
          .select(count)
          .where('is_policy', '=', true)
          .where((eb) =>
            eb.exists(
              eb.selectFrom('document_interpretations').select('id').whereRef('document_interpretations.document_id', '=', 'documents.id'),
            ),
          )
          .executeTakeFirstOrThrow(),
      ]);
      return { issued: issued.n, repealed: repealed.n, inForce: inForce.n, published: all.n, policy: policy.n, interpreted: interpreted.n };
    },
  };
}

export type DocumentsRepository = ReturnType<typeof documentsRepository>;
export type DocumentRow = NonNullable<Awaited<ReturnType<DocumentsRepository['byId']>>>;
export type DocumentListRow = Awaited<ReturnType<DocumentsRepository['list']>>['rows'][number];
