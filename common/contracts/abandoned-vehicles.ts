import { z } from 'zod';
import { CASE_STATUSES } from '../enums.js';
import { AV_STEPS, DISPOSALS, OWNER_NOTICE_METHODS, PUBLIC_NOTICE_METHODS } from '../abandoned-vehicles.js';
import { day, timestamp } from './shared.js';

/**
 * The abandoned-vehicle campaign API (废弃汽车专项治理, 平政办字〔2023〕7号; server/domains/
 * abandoned-vehicles): the campaign and its phases, the 一车一档 dossier of each abandoned-vehicle
 * case and its steps, the progress page and the monthly report. Everything a step writes is
 * checked here first; the service checks what depends on the dossier (deadlines, objections).
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.number().int();

// ——— the campaign ———

export const phaseBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,30}$/, '阶段代码为小写字母、数字、下划线'),
  name: text(20),
  startsOn: day,
  endsOn: day,
});

export const campaignBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{2,40}$/, '方案代码为小写字母、数字、连字符'),
  name: text(60),
  docNumber: text(40),
  issuedOn: day,
  issuingUnit: text(60),
  legalBasis: text(1000),
  reportDay: z.number().int().min(1).max(28).default(8),
  phases: z.array(phaseBody).min(1).max(8),
});
export type CampaignInput = z.infer<typeof campaignBody>;

export const campaignPhase = z.object({ code: z.string(), name: z.string(), startsOn: day, endsOn: day });
export type CampaignPhase = z.infer<typeof campaignPhase>;

/**
 * What the plan itself sets out, read from the gazette by the importer (server/domains/
 * abandoned-vehicles/plan.ts), never typed in: the 协调机制 with its member units and their duties
 * (三、责任分工) and what the monthly and year-end reports carry (四（四）做好信息报送).
 */
export const campaignPlan = z.object({
  sourceDoc: z.string(),
  coordination: z.object({
    /** 平阴县废弃汽车治理工作协调机制 */
    name: z.string(),
    /** The leading unit (牵头): 县发展和改革局. */
    lead: z.string(),
    /** 召集人 and 成员, as the plan words them. */
    convener: z.string(),
    /** Where its office sits and what it does (协调机制办公室设在…). */
    office: z.string(),
    /** Its remit (主要负责…). */
    remit: z.string(),
    /** Member units in the plan's order, each with the duties 三（二） gives it (none when it gives none). */
    members: z.array(z.object({ unit: z.string(), duties: z.array(z.string()) })),
  }),
  reporting: z.object({
    /** 每月8日前: the day of the month the previous month is reported by. */
    monthlyDueDay: z.number().int(),
    /** Who reports and to whom, as the plan says. */
    monthlyFrom: z.string(),
    monthlyTo: z.string(),
    /** 印发政策文件、建立协调机制、法律法规修订、开展活动、取得的工作成效、典型案例、经验做法. */
    monthlyContents: z.array(z.string()),
    /** 2023年年底 … 完成情况 报送至 …: the year-end summary. */
    yearEndDue: z.string(),
    yearEndContent: z.string(),
    yearEndTo: z.string(),
  }),
});
export type CampaignPlan = z.infer<typeof campaignPlan>;

export const campaign = z.object({
  id,
  code: z.string(),
  name: z.string(),
  docNumber: z.string(),
  issuedOn: day,
  issuingUnit: z.string(),
  legalBasis: z.string(),
  /** The day of each month by which the previous month is reported (每月8日前). */
  reportDay: z.number().int(),
  startsOn: day.nullable(),
  endsOn: day.nullable(),
  phases: z.array(campaignPhase),
  /** Read from the plan's text; null for a campaign entered by hand. */
  plan: campaignPlan.nullable(),
  /** The phase running today, by the phase dates. */
  currentPhase: z.string().nullable(),
  state: z.enum(['running', 'not_started', 'ended']),
});
export type Campaign = z.infer<typeof campaign>;
export const campaignList = z.object({ items: z.array(campaign) });

// ——— progress and the monthly report ———

export const progressQuery = z.object({ campaignId: z.coerce.number().int().positive().optional() });
export const monthQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
    .optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  /**
   * year_end: the 年底完成情况 the plan asks for (四（四）), over the campaign's whole dates up to
   * today, instead of one month.
   */
  period: z.enum(['month', 'year_end']).default('month'),
});

/** 发现 (reported), 告知 (owner or public notice given), 自行清理, 分类处置, 未处置 (at the end of the period). */
export const measures = z.object({
  found: z.number().int(),
  notified: z.number().int(),
  selfCleared: z.number().int(),
  disposed: z.number().int(),
  pending: z.number().int(),
});
export type Measures = z.infer<typeof measures>;
export const townProgress = measures.extend({ key: z.string(), name: z.string() });
export type TownProgress = z.infer<typeof townProgress>;

export const progress = z.object({ campaign, asOf: timestamp, towns: z.array(townProgress), total: measures });
export type Progress = z.infer<typeof progress>;

// ——— the dossier (一车一档) ———

export const caseIdParams = z.object({ caseId: z.coerce.number().int().positive() });
export const objectionParams = caseIdParams.extend({ objectionId: z.coerce.number().int().positive() });

export const ownerNoticeBody = z.object({
  method: z.enum(OWNER_NOTICE_METHODS),
  deadline: day,
  note: text(500).optional(),
});
export type OwnerNoticeInput = z.infer<typeof ownerNoticeBody>;

export const publicNoticeBody = z.object({
  method: z.enum(PUBLIC_NOTICE_METHODS),
  deadline: day,
  /** The unit in whose name the notice goes out; defaults to the handling unit. */
  issuingUnit: text(60).optional(),
});
export type PublicNoticeInput = z.infer<typeof publicNoticeBody>;

export const objectionBody = z.object({ raisedBy: text(60), content: text(1000) });
export type ObjectionInput = z.infer<typeof objectionBody>;

export const resolveObjectionBody = z.object({ resolution: text(1000) });

export const disposalBody = z
  .object({
    outcome: z.enum(DISPOSALS),
    note: text(500).optional(),
    /** 移交办案单位: required when the outcome is 'transferred', refused otherwise. */
    receivingUnit: text(60).optional(),
  })
  .refine((b) => (b.outcome === 'transferred') === (b.receivingUnit !== undefined), {
    message: '移交办案单位时须填写接收单位，其他处置方式不填',
    path: ['receivingUnit'],
  });
export type DisposalInput = z.infer<typeof disposalBody>;

/** The dossier as the case policy lets the viewer see it: the owner masked unless their role needs them in full. */
export const dossier = z.object({
  caseId: id,
  caseNumber: z.string(),
  caseStatus: z.enum(CASE_STATUSES),
  address: z.string().nullable(),
  regionName: z.string(),
  handler: z.string().nullable(),
  vehicle: z.object({
    plate: z.string().nullable(),
    brand: z.string().nullable(),
    vehicleKind: z.string().nullable(),
    signs: z.array(z.string()),
    locationKind: z.string().nullable(),
  }),
  campaign: z.object({ id, name: z.string(), docNumber: z.string() }).nullable(),
  owner: z.object({
    status: z.enum(['unchecked', 'found', 'unknown']),
    checkedAt: timestamp.nullable(),
    registeredPlate: z.string().nullable(),
    registeredBrand: z.string().nullable(),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    idCard: z.string().nullable(),
    address: z.string().nullable(),
    masked: z.boolean(),
  }),
  ownerNotice: z.object({ method: z.enum(OWNER_NOTICE_METHODS), at: timestamp, deadline: day, overdue: z.boolean() }).nullable(),
  publicNotice: z
    .object({
      method: z.enum(PUBLIC_NOTICE_METHODS),
      at: timestamp,
      deadline: day,
      overdue: z.boolean(),
      issuingUnit: z.string().nullable(),
      downloadUrl: z.string(),
    })
    .nullable(),
  objections: z.array(
    z.object({
      id,
      raisedAt: timestamp,
      raisedBy: z.string(),
      content: z.string(),
      resolvedAt: timestamp.nullable(),
      resolution: z.string().nullable(),
    }),
  ),
  objectionOpen: z.boolean(),
  disposal: z
    .object({
      outcome: z.enum(DISPOSALS),
      at: timestamp,
      unit: z.string().nullable(),
      receivingUnit: z.string().nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  /** The steps this viewer may take now. */
  steps: z.array(z.enum(AV_STEPS)),
});
export type Dossier = z.infer<typeof dossier>;
