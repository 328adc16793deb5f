import { ApiError } from './api';

/**
 * A POST whose upload progress the page shows (a photo from a phone, a gazette of several MB).
 * fetch() cannot report how much of a request body has been sent, so this uses XMLHttpRequest;
 * errors come out as the same ApiError the rest of the client uses (status 0 / NETWORK without
 * a connection), with the server's Chinese message.
 */
export interface SendHandle<T> {
  done: Promise<T>;
  abort: () => void;
}

export function sendWithProgress<T>(
  url: string,
  body: FormData | string,
  options: { contentType?: string; failure: string; onProgress?: (fraction: number) => void },
): SendHandle<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (options.contentType) xhr.setRequestHeader('Content-Type', options.contentType);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 200 || xhr.status === 201) {
        options.onProgress?.(1);
        if (parsed !== null) resolve(parsed as T);
        else reject(new ApiError(xhr.status, 'BAD_RESPONSE', '服务器的回答不完整，请重试'));
        return;
      }
      const error = (parsed ?? {}) as { code?: string; message?: string };
      const message = error.message ?? (xhr.status >= 500 ? '服务器暂时无法处理请求，请稍后再试' : options.failure);
      reject(new ApiError(xhr.status, error.code ?? `HTTP_${xhr.status}`, message));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试'));
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    xhr.send(body);
  });
  return { done, abort: () => xhr.abort() };
}
