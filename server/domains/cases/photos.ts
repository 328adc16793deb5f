import type { Viewer } from '../../platform/auth/viewer.js';
import type { Clock } from '../../platform/clock.js';
import type { FileStore } from '../../platform/files.js';
import { invalid, notFound } from '../../platform/errors.js';
import { processPhoto, PhotoRejected } from '../../platform/photos/photo-processing.js';
import type { PhotoVariant, UploadedPhoto } from '../../../common/contracts/cases.js';
import type { PhotosRepository } from './photos.repository.js';

/**
 * Photos are uploaded first (checked, converted, stripped, thumbnailed, stored) and attached to
 * a report or a step by id, so a slow upload never holds a case transaction open. The original
 * keeps its EXIF as evidence and is shown only to staff; the display copy and the thumbnail
 * carry no metadata at all, so a resident's location never leaks through a public photo.
 */
export const PHOTO_AREA = 'case-photos';

export interface PhotoDeps {
  photos: PhotosRepository;
  files: FileStore;
  clock: Clock;
}

export async function uploadPhoto(deps: PhotoDeps, viewer: Viewer, bytes: Buffer): Promise<UploadedPhoto> {
  let photo;
  try {
    photo = await processPhoto(bytes);
  } catch (e) {
    if (e instanceof PhotoRejected) throw invalid(e.code, e.message);
    throw e;
  }
  // Each copy is written whole or not at all (platform/files.ts); a full disk is STORAGE_FULL
  // before any row points at a file, and the same photo uploaded again repairs what it finds.
  const original = await deps.files.put(PHOTO_AREA, photo.original, `.${photo.kind}`);
  const display = await deps.files.put(PHOTO_AREA, photo.display, '.jpg');
  const thumb = await deps.files.put(PHOTO_AREA, photo.thumb, '.jpg');
  const id = await deps.photos.insert({
    uploaded_by: viewer.userId,
    uploaded_at: deps.clock.now(),
    kind: photo.kind,
    original_sha: original.sha256,
    display_sha: display.sha256,
    thumb_sha: thumb.sha256,
    width: photo.width,
    height: photo.height,
    taken_at: photo.takenAt ? new Date(photo.takenAt) : null,
    gps_lat: photo.gps?.lat ?? null,
    gps_lon: photo.gps?.lon ?? null,
  });
  return { id, width: photo.width, height: photo.height, takenAt: photo.takenAt, hasLocation: photo.gps !== null };
}

/** Attaches the uploader's own unattached photos to a case step; anything else is refused. */
export async function attachPhotos(photos: PhotosRepository, userId: number, photoIds: number[], caseId: number, eventId: number) {
  if (!photoIds.length) return;
  if ((await photos.countUnattachedOf(userId, photoIds)) !== new Set(photoIds).size)
    throw invalid('PHOTO_NOT_YOURS', '照片不存在、已使用或不是您上传的');
  await photos.attach(photoIds, caseId, eventId);
}

/**
 * The stored file of a photo variant, for a viewer who may see the photo's case (checked by the
 * caller). Serve it through `files.open(path)`, which refuses a file that is not whole.
 */
export async function photoFile(deps: Pick<PhotoDeps, 'photos' | 'files'>, photoId: number, variant: PhotoVariant) {
  const photo = await deps.photos.byId(photoId);
  if (!photo || photo.media_url) throw notFound('照片');
  const sha = variant === 'original' ? photo.original_sha : variant === 'display' ? photo.display_sha : photo.thumb_sha;
  const extension = variant === 'original' ? `.${photo.kind}` : '.jpg';
  return { photo, path: deps.files.pathOf(PHOTO_AREA, sha, extension), mime: variant === 'original' ? mimeOf(photo.kind) : 'image/jpeg' };
}

const mimeOf = (kind: string) =>
  ({ jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic' })[kind] ?? 'application/octet-stream';
