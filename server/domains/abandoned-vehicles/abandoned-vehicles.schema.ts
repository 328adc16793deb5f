import { z } from 'zod';
import { isoDay } from '../../platform/iso-day.js';

/**
 * Request shapes of the abandoned-vehicle campaign (废弃汽车专项治理, 平政办字〔2023〕7号).
 * Everything a step writes is checked here first; the service checks what depends on the
 * dossier's state (deadlines passed, objection open) before it writes anything.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

export const PHASE_CODES = ['survey', 'self_clear', 'disposal'] as const;

export const phaseBody = z.object({
  code: z.string().trim().regex(/^[a-z][a-z0-9_]{1,30}$/, '阶段代码为小写字母、数字、下划线'),
  name: text(20),
  startsOn: isoDay,
  endsOn: isoDay,
});

export const campaignBody = z.object({
  code: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{2,40}$/, '方案代码为小写字母、数字、连字符'),
  name: text(60),
  docNumber: text(40),
  issuedOn: isoDay,
  issuingUnit: text(60),
  legalBasis: text(1000),
  reportDay: z.number().int().min(1).max(28).default(8),
  phases: z.array(phaseBody).min(1).max(8),
});
export type CampaignInput = z.infer<typeof campaignBody>;

/** 告知方式: how the owner or the public was told. */
export const OWNER_NOTICE_METHODS = ['phone', 'sms', 'in_person', 'letter'] as const;
export const PUBLIC_NOTICE_METHODS = ['posted', 'media', 'posted_and_media'] as const;

export const ownerNoticeBody = z.object({
  method: z.enum(OWNER_NOTICE_METHODS),
  deadline: isoDay,
  note: text(500).optional(),
});

export const publicNoticeBody = z.object({
  method: z.enum(PUBLIC_NOTICE_METHODS),
  deadline: isoDay,
  /** The unit in whose name the notice goes out; defaults to the handling unit. */
  issuingUnit: text(60).optional(),
});

export const objectionBody = z.object({
  raisedBy: text(60),
  content: text(1000),
});

export const resolveObjectionBody = z.object({ resolution: text(1000) });

/**
 * 分类处置 outcomes, one per branch of the plan (二（二）3): 自行清理; 报废注销 (道路交通安全法
 * 第十四条); removed by 城管 (市容环境), 公安交管 (第九十三条), 停车管理; 依民法典处置 for owners
 * who cannot be found; 移交办案单位 for vehicles suspected in a crime.
 */
export const DISPOSALS = ['self_cleared', 'scrapped', 'removed_chengguan', 'removed_police', 'removed_parking', 'civil_law', 'transferred'] as const;

export const disposalBody = z.object({
  outcome: z.enum(DISPOSALS),
  note: text(500).optional(),
  /** 移交办案单位: required when the outcome is 'transferred', refused otherwise. */
  receivingUnit: text(60).optional(),
}).refine((b) => (b.outcome === 'transferred') === (b.receivingUnit !== undefined), {
  message: '移交办案单位时须填写接收单位，其他处置方式不填', path: ['receivingUnit'],
});

export const monthQuery = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').optional(),
  campaignId: z.coerce.number().int().positive().optional(),
});

export const progressQuery = z.object({ campaignId: z.coerce.number().int().positive().optional() });

export const caseIdParams = z.object({ caseId: z.coerce.number().int().positive() });
export const objectionParams = caseIdParams.extend({ objectionId: z.coerce.number().int().positive() });
