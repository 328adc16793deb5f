import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, NotFoundError, storageFull } from './errors.js';
import { isDiskFull } from './file-disk.js';

/** Renders every failure as {code, message, details?}: stable code for programs, Chinese for people. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  // A route may have set headers for the file it meant to send (a day's Cache-Control on a
  // photo, an attachment name): a refusal is neither cached nor saved as that file.
  reply.removeHeader('content-disposition');
  reply.header('cache-control', 'no-store');
  // A full disk met anywhere below a route (the file store maps its own; PGlite's data
  // directory or a temporary file may not) is STORAGE_FULL, never a bare 500 (issue 7, item 6).
  const refusal = error instanceof AppError ? error : isDiskFull(error) ? Object.assign(storageFull(), { cause: error }) : undefined;
  if (refusal) {
    // 5xx refusals (a full disk, a damaged stored file) are for the administrator to act on.
    if (refusal.status >= 500) request.log.error({ err: refusal.cause ?? refusal, code: refusal.code }, refusal.message);
    const toResident = refusal instanceof NotFoundError && (!request.viewer || request.viewer.role === 'resident');
    const message = toResident ? refusal.residentMessage : refusal.message;
    return reply.status(refusal.status).send({ code: refusal.code, message, details: refusal.details });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields = error.validation.map((v) => ({
      field: [error.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])].join('.'),
      message: v.message,
    }));
    const names = fields.map((f) => f.field).join('、');
    return reply.status(400).send({ code: 'VALIDATION', message: `请求参数有误：${names}`, details: { fields } });
  }
  if (error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
    return reply.status(413).send({ code: 'TOO_LARGE', message: '上传的文件过大' });
  }
  if (error.statusCode && error.statusCode < 500) {
    return reply
      .status(error.statusCode)
      .send({ code: error.code ?? 'BAD_REQUEST', message: '请求无效', details: { reason: error.message } });
  }
  request.log.error(error);
  return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
}
