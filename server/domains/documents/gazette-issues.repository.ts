import type { ScopedDb } from '../../platform/db/scoped-db.js';

/** 政府公报 issues and their documents in order: the county office's, read unscoped. */
export function gazetteIssuesRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    list: (publishedOnly: boolean) => {
      let q = db
        .selectFrom('gazette_issues')
        .select(['id', 'year', 'issue_number', 'title', 'published_on'])
        .select((eb) =>
          eb
            .selectFrom('gazette_issue_documents')
            .select(eb.fn.countAll<number>().as('n'))
            .whereRef('gazette_issue_documents.issue_id', '=', 'gazette_issues.id')
            .as('document_count'),
        );
      if (publishedOnly) q = q.where('published_on', 'is not', null);
      return q.orderBy('year', 'desc').orderBy('issue_number', 'desc').execute();
    },

    byId: (id: number) =>
      db
        .selectFrom('gazette_issues')
        .select(['id', 'year', 'issue_number', 'title', 'published_on'])
        .where('id', '=', id)
        .executeTakeFirst(),

    byNumber: (year: number, issueNumber: number) =>
      db.selectFrom('gazette_issues').select('id').where('year', '=', year).where('issue_number', '=', issueNumber).executeTakeFirst(),

    /** The issue's documents in order; for the public, only the published ones. */
    documentsOf: (issueId: number, publishedOnly: boolean) => {
      let q = db
        .selectFrom('gazette_issue_documents')
        .innerJoin('documents', 'documents.id', 'gazette_issue_documents.document_id')
        .select([
          'documents.id',
          'gazette_issue_documents.position',
          'documents.number',
          'documents.title',
          'documents.organ',
          'documents.date_written',
          'documents.addressees',
          'documents.addressee_role',
          'documents.paragraphs',
          'documents.attachment_notes',
          'documents.signature',
          'documents.note',
          'documents.copy_to',
          'documents.enclosure',
          'documents.attachments',
        ])
        .where('gazette_issue_documents.issue_id', '=', issueId);
      if (publishedOnly) q = q.where('documents.published_on', 'is not', null);
      return q.orderBy('gazette_issue_documents.position').execute();
    },

    insert: async (values: { year: number; issue_number: number; title: string }) =>
      (await db.insertInto('gazette_issues').values(values).returning('id').executeTakeFirstOrThrow()).id,

    /** Which of these ids are documents of the library. */
    existingDocuments: async (ids: number[]) =>
      ids.length === 0 ? [] : (await db.selectFrom('documents').select('id').where('id', 'in', ids).execute()).map((r) => r.id),

    /** Replaces the issue's documents with these, in this order (the caller's transaction). */
    replaceDocuments: async (issueId: number, documentIds: number[]) => {
      await db.deleteFrom('gazette_issue_documents').where('issue_id', '=', issueId).execute();
      if (documentIds.length > 0)
        await db
          .insertInto('gazette_issue_documents')
          .values(documentIds.map((document_id, i) => ({ issue_id: issueId, document_id, position: i + 1 })))
          .execute();
    },

    publish: (id: number, on: string) => db.updateTable('gazette_issues').set({ published_on: on }).where('id', '=', id).execute(),
  };
}

export type GazetteIssuesRepository = ReturnType<typeof gazetteIssuesRepository>;
