import type { Insertable, Kysely } from 'kysely';
import type { CasePhotoTable, DB } from '../../platform/db/schema.js';

/** Case photos: uploaded first, attached to a report or a step by id (photos.ts). */
export function photosRepository(db: Kysely<DB>) {
  return {
    async insert(row: Insertable<CasePhotoTable>): Promise<number> {
      return (await db.insertInto('case_photos').values(row).returning('id').executeTakeFirstOrThrow()).id;
    },

    byId: (id: number) => db.selectFrom('case_photos').selectAll().where('id', '=', id).executeTakeFirst(),

    ofCase: (caseId: number) => db.selectFrom('case_photos').selectAll().where('case_id', '=', caseId).orderBy('id').execute(),

    /** How many of these photos the user uploaded and has not attached yet. */
    async countUnattachedOf(userId: number, ids: number[]): Promise<number> {
      const rows = await db
        .selectFrom('case_photos')
        .select('id')
        .where('id', 'in', ids)
        .where('uploaded_by', '=', userId)
        .where('case_id', 'is', null)
        .execute();
      return rows.length;
    },

    async attach(ids: number[], caseId: number, eventId: number) {
      await db.updateTable('case_photos').set({ case_id: caseId, event_id: eventId }).where('id', 'in', ids).execute();
    },
  };
}
export type PhotosRepository = ReturnType<typeof photosRepository>;
