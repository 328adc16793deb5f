import { z } from 'zod';
import { CASE_SOURCES, CASE_STATUSES, SATISFACTIONS } from '../../../common/enums.js';
import { pagingQuery } from '../../platform/paging.js';

/** Request shapes of the casework API, checked before any service code runs. */
const text = (max: number) => z.string().trim().min(1).max(max);
const photoIds = z.array(z.number().int().positive()).max(9).default([]);
const reason = text(500);

export const reportCaseBody = z.object({
  categoryId: z.number().int().positive(),
  title: text(60).optional(),
  description: text(2000),
  attributes: z.record(z.string(), z.unknown()).default({}),
  lon: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  address: text(200).optional(),
  houseId: z.number().int().positive().optional(),
  regionId: z.number().int().positive().optional(),
  photoIds,
  anonymous: z.boolean().default(false),
  urgent: z.boolean().default(false),
  // Staff entering a 12345 order give its number and the caller; others report as themselves.
  hotlineOrderNo: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, '热线工单号只能含字母、数字和连字符').optional(),
  reporterName: text(40).optional(),
  reporterPhone: z.string().trim().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, '电话号码格式不正确').optional(),
}).refine((b) => (b.lon === undefined) === (b.lat === undefined), { message: '经度和纬度须同时提供', path: ['lat'] });
export type ReportCaseInput = z.infer<typeof reportCaseBody>;

const target = z.object({ orgUnitId: z.number().int().positive().optional(), regionId: z.number().int().positive().optional() })
  .refine((t) => (t.orgUnitId === undefined) !== (t.regionId === undefined), { message: '须指定承办单位或网格之一' });

/** One body per action: what each step needs and nothing else. */
export const actionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note: text(500).optional() }),
  z.object({ action: z.literal('reject'), reason }),
  z.object({ action: z.literal('register'), note: text(500).optional() }),
  z.object({ action: z.literal('dispatch'), target: target.optional(), reason: reason.optional() }),
  z.object({ action: z.literal('sign'), note: text(500).optional() }),
  z.object({ action: z.literal('return'), reason }),
  z.object({ action: z.literal('transfer'), target, reason }),
  z.object({ action: z.literal('request_extension'), days: z.number().int().min(1).max(30), reason }),
  z.object({ action: z.literal('request_suspension'), reason }),
  z.object({ action: z.literal('approve_request'), note: text(500).optional() }),
  z.object({ action: z.literal('refuse_request'), reason }),
  z.object({ action: z.literal('resume'), note: text(500).optional() }),
  z.object({ action: z.literal('handle'), result: text(2000), photoIds }),
  z.object({ action: z.literal('verify'), note: text(500).optional(), photoIds }),
  z.object({ action: z.literal('verify_fail'), reason, photoIds }),
  z.object({ action: z.literal('close'), note: text(500).optional() }),
  z.object({ action: z.literal('evaluate'), satisfaction: z.enum(SATISFACTIONS), comment: text(500).optional() })
    .refine((b) => b.satisfaction !== 'dissatisfied' || b.comment, { message: '不满意时请写明原因', path: ['comment'] }),
  z.object({ action: z.literal('merge'), targetCaseId: z.number().int().positive(), reason: reason.optional() }),
  z.object({ action: z.literal('comment'), note: text(1000), internal: z.boolean().default(false) }),
  z.object({ action: z.literal('supervise'), note: reason }),
]);
export type ActionInput = z.infer<typeof actionBody>;

const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.enum(values)).max(values.length)).optional();

export const caseListQuery = z.object({
  ...pagingQuery,
  queue: z.enum(['all', 'mine']).default('all'),
  status: csv(CASE_STATUSES),
  source: z.enum(CASE_SOURCES).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  regionId: z.coerce.number().int().positive().optional(),
  orgUnitId: z.coerce.number().int().positive().optional(),
  clock: z.enum(['red', 'yellow']).optional(),
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  q: z.string().trim().max(40).optional(),
  sort: z.enum(['deadline', 'newest']).default('newest'),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const nearbyQuery = z.object({
  categoryId: z.coerce.number().int().positive(),
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
});

export const bulkDispatchBody = z.object({
  caseIds: z.array(z.number().int().positive()).min(1).max(100),
  target: target.optional(),
  reason: reason.optional(),
});
