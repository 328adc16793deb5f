import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';

/** Renders every failure as {code, message, details?}: stable code for programs, Chinese for people. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return reply.status(error.status).send({ code: error.code, message: error.message, details: error.details });
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
    return reply.status(error.statusCode).send({ code: error.code ?? 'BAD_REQUEST', message: '请求无效', details: { reason: error.message } });
  }
  request.log.error(error);
  return reply.status(500).send({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
}
