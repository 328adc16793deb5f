import type { Insertable } from 'kysely';
import type { DocumentFileTable, DocumentInterpretationTable, DocumentWithdrawalTable } from '../../platform/db/schema.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';

/** A document's interpretations (解读), uploaded files and 三同步 exemption: the county office's, read unscoped. */
export function documentExtrasRepository(scoped: ScopedDb) {
  const db = scoped.unscoped;
  return {
    interpretationsOf: (documentId: number) =>
      db.selectFrom('document_interpretations').selectAll().where('document_id', '=', documentId).orderBy('id').execute(),

    insertInterpretation: async (values: Insertable<DocumentInterpretationTable>) =>
      (await db.insertInto('document_interpretations').values(values).returning('id').executeTakeFirstOrThrow()).id,

    deleteInterpretation: async (documentId: number, id: number) =>
      (await db.deleteFrom('document_interpretations').where('id', '=', id).where('document_id', '=', documentId).executeTakeFirst())
        .numDeletedRows > 0n,

    filesOf: (documentId: number) =>
      db
        .selectFrom('document_files')
        .select(['id', 'interpretation_id', 'file_name', 'mime', 'size'])
        .where('document_id', '=', documentId)
        .orderBy('id')
        .execute(),

    insertFile: async (values: Insertable<DocumentFileTable>) =>
      (await db.insertInto('document_files').values(values).returning('id').executeTakeFirstOrThrow()).id,

    /** A file with whether its document is published (the public may fetch only those). */
    fileById: (id: number) =>
      db
        .selectFrom('document_files')
        .innerJoin('documents', 'documents.id', 'document_files.document_id')
        .select([
          'document_files.id',
          'document_files.document_id',
          'document_files.file_name',
          'document_files.mime',
          'document_files.path',
          'documents.published_on',
        ])
        .where('document_files.id', '=', id)
        .executeTakeFirst(),

    deleteFile: (id: number) => db.deleteFrom('document_files').where('id', '=', id).execute(),

    exemptionOf: (documentId: number) =>
      db
        .selectFrom('document_sync_exemptions')
        .innerJoin('users', 'users.id', 'document_sync_exemptions.decided_by')
        .select(['document_sync_exemptions.reason', 'document_sync_exemptions.decided_at', 'users.display_name'])
        .where('document_id', '=', documentId)
        .executeTakeFirst(),

    /** The exemption of the document's publication; a later publication (after a withdrawal) records its own. */
    recordExemption: (documentId: number, reason: string, userId: number) =>
      db
        .insertInto('document_sync_exemptions')
        .values({ document_id: documentId, reason, decided_by: userId })
        .onConflict((oc) => oc.column('document_id').doUpdateSet({ reason, decided_by: userId, decided_at: new Date() }))
        .execute(),

    /** 撤回: each publication taken back, the newest first, with who took it back. */
    withdrawalsOf: (documentId: number) =>
      db
        .selectFrom('document_withdrawals')
        .innerJoin('users', 'users.id', 'document_withdrawals.withdrawn_by')
        .select([
          'document_withdrawals.published_on',
          'document_withdrawals.reason',
          'document_withdrawals.withdrawn_at',
          'users.display_name',
        ])
        .where('document_id', '=', documentId)
        .orderBy('document_withdrawals.id', 'desc')
        .execute(),

    insertWithdrawal: (values: Insertable<DocumentWithdrawalTable>) => db.insertInto('document_withdrawals').values(values).execute(),
  };
}

export type DocumentExtrasRepository = ReturnType<typeof documentExtrasRepository>;
export type InterpretationRow = Awaited<ReturnType<DocumentExtrasRepository['interpretationsOf']>>[number];
export type WithdrawalRow = Awaited<ReturnType<DocumentExtrasRepository['withdrawalsOf']>>[number];
export type DocumentFileRow = Awaited<ReturnType<DocumentExtrasRepository['filesOf']>>[number];
