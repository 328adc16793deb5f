import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, invalid } from './errors.js';
import { IDEMPOTENCY_KEY_MESSAGE, IDEMPOTENCY_KEY_PATTERN } from '../../common/idempotency.js';

/**
 * Idempotency-Key, as clients that retry send it (the H5 outbox, Open311 applications): the
 * first request under a key makes the record, a retry gets the same record back, and a
 * different request under a key already used is refused — answering it with the first record
 * would tell the client its second report was filed when it was not (Stripe: 422).
 */
const keySchema = z.string().trim().regex(IDEMPOTENCY_KEY_PATTERN, IDEMPOTENCY_KEY_MESSAGE).optional();

/** The request's Idempotency-Key header, checked; undefined when the client sent none. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const key = keySchema.safeParse(request.headers['idempotency-key']);
  if (!key.success) throw invalid('IDEMPOTENCY_KEY', key.error.issues[0].message);
  return key.data;
}

/** A hash of a request body that does not depend on the order its keys were written in. */
export function fingerprintOf(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Refuses a retry whose body differs from the first request's; records made before fingerprints pass. */
export function assertSameRequest(stored: string | null, fingerprint: string) {
  if (stored !== null && stored !== fingerprint) {
    throw new AppError(
      422,
      'IDEMPOTENCY_MISMATCH',
      '该 Idempotency-Key 已用于另一份不同的请求；重新提交新的内容请使用新的 Idempotency-Key',
    );
  }
}
