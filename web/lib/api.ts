/**
 * The one way the clients talk to the server: JSON over fetch with the session cookie. Errors
 * become ApiError with the server's stable `code` and its Chinese `message`, so a page can show
 * the message and branch on the code. A 401 sends the user to the client's login page.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What to tell the user about a failed call: the server's own message, or the error as text. */
export function errorMessage(err: unknown): string {
  return err instanceof ApiError ? err.message : String(err);
}

type Unauthorized = () => void;
let onUnauthorized: Unauthorized = () => {};

/** Each client says where a 401 leads (its own login route). */
export function setUnauthorizedHandler(handler: Unauthorized): void {
  onUnauthorized = handler;
}

let onPasswordChangeRequired: () => void = () => {};

/**
 * Each client says where a 403 PASSWORD_CHANGE_REQUIRED leads (its change-password page): in
 * production mode an initial or demo password must be changed before anything else works.
 */
export function setPasswordChangeHandler(handler: () => void): void {
  onPasswordChangeRequired = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `?a=1&b=2`, leaving out empty values so the server sees only chosen filters. */
export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Pass false for calls (like login) whose 401 is an answer, not a lost session. */
  redirectOn401?: boolean;
  /** Extra request headers, e.g. an Idempotency-Key (common/idempotency.ts). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: { code?: string; message?: string; details?: Record<string, unknown> } = {};
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy error page, a network fault): fall through to a generic message.
  }
  const code = body.code ?? `HTTP_${response.status}`;
  const message = body.message ?? (response.status >= 500 ? '服务器暂时无法处理请求，请稍后再试' : '请求失败');
  return new ApiError(response.status, code, message, body.details);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && options.redirectOn401 !== false) onUnauthorized();
    if (response.status === 403 && error.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChangeRequired();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  return (type.includes('application/json') ? await response.json() : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** Reads `filename*=UTF-8''…` or `filename="…"` from a Content-Disposition header. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : fallback;
}

/**
 * Downloads a file from the API and hands it to the browser as a save. Reports progress as a
 * fraction when the server sends Content-Length, or as bytes received when it streams. A download
 * that changes something on the server (issuing credentials) is a POST.
 */
export async function download(
  path: string,
  query: Query,
  fallbackName: string,
  onProgress?: (received: number, total: number | null) => void,
  method: 'GET' | 'POST' = 'GET',
  /** A POST's JSON body: what identifies the file when it may not sit in a URL (an applicant's contact). */
  body?: unknown,
): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(query)}`, {
      method,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401) onUnauthorized();
    throw error;
  }
  const totalHeader = response.headers.get('content-length');
  const total = totalHeader ? Number(totalHeader) : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress?.(received, total);
    }
  }
  const blob = new Blob(chunks as BlobPart[], { type: response.headers.get('content-type') ?? 'application/octet-stream' });
  const name = fileNameFrom(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
