import { ApiError } from '@lib/api';
import { CASE_PHOTO_MAX_MB } from '@common/case-form';

/**
 * POST /api/case-photos with upload progress. fetch() cannot report how much of a request body
 * has been sent, so this one call uses XMLHttpRequest; errors come out as the same ApiError
 * the rest of the client uses (status 0 / NETWORK when the phone has no connection).
 */
export const PHOTO_MAX_BYTES = CASE_PHOTO_MAX_MB * 1024 * 1024;

export interface UploadHandle {
  done: Promise<number>;
  abort: () => void;
}

export function uploadPhoto(blob: Blob, fileName: string, onProgress?: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<number>((resolve, reject) => {
    xhr.open('POST', '/api/case-photos');
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: { id?: number; code?: string; message?: string } = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 201 || xhr.status === 200) {
        onProgress?.(1);
        if (typeof body.id === 'number') resolve(body.id);
        else reject(new ApiError(xhr.status, 'BAD_RESPONSE', '服务器的回答不完整，请重试'));
        return;
      }
      const message = body.message ?? (xhr.status >= 500 ? '服务器暂时无法处理请求，请稍后再试' : '照片上传失败');
      reject(new ApiError(xhr.status, body.code ?? `HTTP_${xhr.status}`, message));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试'));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    const form = new FormData();
    form.append('file', blob, fileName);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** Refused before any upload: not an image, or larger than the server takes. */
export function photoProblem(file: { type: string; size: number }): 'type' | 'size' | null {
  if (file.type && !file.type.startsWith('image/')) return 'type';
  if (file.size > PHOTO_MAX_BYTES) return 'size';
  return null;
}
