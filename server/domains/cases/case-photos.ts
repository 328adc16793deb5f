import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { invalid, notFound } from '../../platform/errors.js';
import { processPhoto, PhotoRejected } from '../../platform/photos/photo-processing.js';
import type { CaseContext } from './case-context.js';

/**
 * Photos are uploaded first (checked, converted, stripped, thumbnailed, stored) and attached to
 * a report or a step by id, so a slow upload never holds a case transaction open. The original
 * keeps its EXIF as evidence and is shown only to staff; the display copy and the thumbnail
 * carry no metadata at all, so a resident's location never leaks through a public photo.
 */
export const PHOTO_AREA = 'case-photos';

export async function uploadPhoto(ctx: CaseContext, viewer: Viewer, bytes: Buffer) {
  let photo;
  try {
    photo = await processPhoto(bytes);
  } catch (e) {
    if (e instanceof PhotoRejected) throw invalid(e.code, e.message);
    throw e;
  }
  // Each copy is written whole or not at all (platform/files.ts); a full disk is STORAGE_FULL
  // before any row points at a file, and the same photo uploaded again repairs what it finds.
  const original = await ctx.files.put(PHOTO_AREA, photo.original, `.${photo.kind}`);
  const display = await ctx.files.put(PHOTO_AREA, photo.display, '.jpg');
  const thumb = await ctx.files.put(PHOTO_AREA, photo.thumb, '.jpg');
  const row = await ctx.db.insertInto('case_photos').values({
    uploaded_by: viewer.userId, uploaded_at: ctx.clock.now(), kind: photo.kind,
    original_sha: original.sha256, display_sha: display.sha256, thumb_sha: thumb.sha256,
    width: photo.width, height: photo.height, taken_at: photo.takenAt ? new Date(photo.takenAt) : null, gps_lat: photo.gps?.lat ?? null, gps_lon: photo.gps?.lon ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, width: photo.width, height: photo.height, takenAt: photo.takenAt, hasLocation: photo.gps !== null };
}

/** Attaches the uploader's own unattached photos to a case step; anything else is refused. */
export async function attachPhotos(db: Kysely<DB>, userId: number, photoIds: number[], caseId: number, eventId: number) {
  if (!photoIds.length) return;
  const mine = await db.selectFrom('case_photos').select('id').where('id', 'in', photoIds)
    .where('uploaded_by', '=', userId).where('case_id', 'is', null).execute();
  if (mine.length !== new Set(photoIds).size) throw invalid('PHOTO_NOT_YOURS', '照片不存在、已使用或不是您上传的');
  await db.updateTable('case_photos').set({ case_id: caseId, event_id: eventId }).where('id', 'in', photoIds).execute();
}

export type PhotoVariant = 'thumb' | 'display' | 'original';

/**
 * The stored file of a photo variant, for a viewer who may see the photo's case (checked by the
 * caller). Serve it through `ctx.files.open(path)`, which refuses a file that is not whole.
 */
export async function photoFile(ctx: CaseContext, photoId: number, variant: PhotoVariant) {
  const photo = await ctx.db.selectFrom('case_photos').selectAll().where('id', '=', photoId).executeTakeFirst();
  if (!photo || photo.media_url) throw notFound('照片');
  const sha = variant === 'original' ? photo.original_sha : variant === 'display' ? photo.display_sha : photo.thumb_sha;
  const extension = variant === 'original' ? `.${photo.kind}` : '.jpg';
  return { photo, path: ctx.files.pathOf(PHOTO_AREA, sha, extension), mime: variant === 'original' ? mimeOf(photo.kind) : 'image/jpeg' };
}

const mimeOf = (kind: string) => ({ jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic' }[kind] ?? 'application/octet-stream');
