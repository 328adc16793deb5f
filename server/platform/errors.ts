/**
 * Every refusal the API gives: a stable code for programs, a Chinese message for people, and
 * an HTTP status. Thrown anywhere below a route; the error handler in app.ts renders it.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * A record this viewer may not see answers exactly as one that does not exist (404). Staff are
 * told it may lie outside their region; a resident has no region (管辖范围 is staff's word), so
 * the error handler gives them `residentMessage` instead.
 */
export class NotFoundError extends AppError {
  readonly residentMessage: string;
  constructor(what: string) {
    super(404, 'NOT_FOUND', `${what}不存在或不在您的管辖范围内`);
    this.residentMessage = `${what}不存在或您无权查看`;
  }
}
export const notFound = (what: string) => new NotFoundError(what);
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
export const unauthenticated = () => new AppError(401, 'AUTH_REQUIRED', '请先登录');
export const invalid = (code: string, message: string, details?: Record<string, unknown>) => new AppError(400, code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) => new AppError(409, code, message, details);

// Files (security review, issue 7, item 6): a full disk is the server's problem, not the
// uploader's, so it is 503 and says to call the administrator; a stored file that is missing or
// not whole is never served (404 / 503) rather than sent truncated.
export const storageFull = () => new AppError(503, 'STORAGE_FULL', '服务器存储空间不足，文件未保存，请联系管理员');
export const fileMissing = () => new AppError(404, 'FILE_MISSING', '文件不存在或已被删除');
export const fileDamaged = () => new AppError(503, 'FILE_DAMAGED', '文件不完整或已损坏，暂时无法提供，请联系管理员');

/** PostgreSQL's unique_violation: two writes at once met on a unique index, and this one lost. */
export const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === '23505';
