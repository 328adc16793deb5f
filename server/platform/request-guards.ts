import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, invalid } from './errors.js';

/**
 * Checks every request meets before any route sees it (security review, issue 7).
 */

/**
 * A NUL character (U+0000) cannot be stored in PostgreSQL text: anywhere in a query, a path
 * parameter or a JSON body it was a 500 and a dropped export (finding 9). Refused up front
 * with a validation error naming where it was.
 */
export async function refuseNulCharacters(request: FastifyRequest) {
  const where = findNul({ query: request.query, params: request.params, body: request.body });
  if (where) throw invalid('NUL_CHARACTER', `请求中含有不允许的空字符（\\u0000）：${where}`, { field: where });
}

function findNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '请求' : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findNul(v, `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      const here = path ? `${path}.${k}` : k;
      if (k.includes('\u0000')) return here;
      const found = findNul(v, here);
      if (found) return found;
    }
  }
  return null;
}

const CHANGES_STATE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Cross-site request forgery, second line (the first: SameSite=Lax session cookies). A browser
 * says where a request comes from; a state-changing request to the session API from a page of
 * another origin is refused (finding 15). Programs that send no Origin (curl, an Open311
 * server) are not browsers carrying someone's cookie, and Open311 authenticates by api_key.
 */
export function originGuard(allowedOrigins: readonly string[]) {
  return async (request: FastifyRequest) => {
    if (!CHANGES_STATE.has(request.method) || !request.url.startsWith('/api/')) return;
    const fetchSite = request.headers['sec-fetch-site'];
    const origin = request.headers.origin;
    if (fetchSite === 'cross-site' && !origin) throw refusedOrigin();
    if (!origin) return;
    if (origin === `${request.protocol}://${request.host}` || allowedOrigins.includes(origin)) return;
    throw refusedOrigin();
  };
}

const refusedOrigin = () => new AppError(403, 'ORIGIN_REFUSED', '请求来自其他网站，已拒绝；请在本平台页面中操作');

/**
 * Only JSON is parsed as a request body outside Open311 (its own form parser) and uploads
 * (multipart): a `text/plain` body is the one a cross-site form can send without asking first,
 * so it is not accepted, nor any other type, with a Chinese reason (finding 15).
 */
export function acceptJsonBodiesOnly(app: FastifyInstance) {
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', (_request, _payload, done) => {
    done(
      new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请求内容须为 JSON（Content-Type: application/json）；上传文件请用 multipart/form-data'),
      undefined,
    );
  });
}

/** 404 in Chinese everywhere: JSON under /api/, a short page elsewhere (finding 14). */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  if (request.url.startsWith('/api/')) {
    return reply.status(404).send({ code: 'NOT_FOUND', message: `没有这个接口：${request.method} ${request.url.split('?')[0]}` });
  }
  return reply.status(404).type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
}

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>页面不存在 · CivicGrid</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f5f7fa;color:#303133}
main{text-align:center;padding:2rem}h1{font-size:1.5rem;margin:0 0 .75rem}p{color:#606266;line-height:1.8}a{color:#1d4ed8}</style></head>
<body><main><h1>页面不存在</h1><p>您访问的地址不存在，可能已被移动或输入有误。</p>
<p><a href="/admin/">进入管理端</a> · <a href="/m/">进入居民端</a></p></main></body></html>`;
