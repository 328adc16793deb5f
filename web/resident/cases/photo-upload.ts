import { ApiError } from '@lib/api';
import { sendWithProgress, type SendHandle } from '@lib/send-with-progress';
import { CASE_PHOTO_MAX_MB } from '@common/case-form';

/** POST /api/case-photos with upload progress (errors as ApiError, see send-with-progress). */
export const PHOTO_MAX_BYTES = CASE_PHOTO_MAX_MB * 1024 * 1024;

export type UploadHandle = SendHandle<number>;

export function uploadPhoto(blob: Blob, fileName: string, onProgress?: (fraction: number) => void): UploadHandle {
  const form = new FormData();
  form.append('file', blob, fileName);
  const sent = sendWithProgress<{ id?: number }>('/api/case-photos', form, { failure: '照片上传失败', onProgress });
  const done = sent.done.then((body) => {
    if (typeof body.id === 'number') return body.id;
    throw new ApiError(200, 'BAD_RESPONSE', '服务器的回答不完整，请重试');
  });
  return { done, abort: sent.abort };
}

/** Refused before any upload: not an image, or larger than the server takes. */
export function photoProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  if (file.type && !file.type.startsWith('image/')) return 'type';
  if (file.size > PHOTO_MAX_BYTES) return 'size';
  return null;
}
