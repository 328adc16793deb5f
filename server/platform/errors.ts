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

export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what}不存在或不在您的管辖范围内`);
export const forbidden = (message = '您没有执行此操作的权限') => new AppError(403, 'FORBIDDEN', message);
export const unauthenticated = () => new AppError(401, 'AUTH_REQUIRED', '请先登录');
export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(400, code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(409, code, message, details);
