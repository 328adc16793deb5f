import { z } from 'zod';
import { parseIdCard } from '../id-card.js';
import { isValidPhone, normalizePhone } from '../phone.js';
import { FEE_METHODS } from '../disclosure-fees.js';
import { revealReason } from './reveal.js';
import { day, page, pagingQuery, timestamp } from './shared.js';

/**
 * 依申请公开 (server/domains/disclosure, docs/decisions/046): the public form, the applicant's
 * status page and the office's handling, under the 政府信息公开条例 (2019).
 */
export const APPLICANT_KINDS = ['natural', 'legal'] as const;
/** 年度报告 表三's columns for 法人或其他组织. */
export const ORGANIZATION_KINDS = ['business', 'research', 'public_interest', 'legal_service', 'other'] as const;
export const INFORMATION_FORMATS = ['paper', 'electronic', 'inspect'] as const;
export const DELIVERY_METHODS = ['mail', 'email', 'pickup', 'online'] as const;
export const APPLICATION_STATES = [
  'submitted', // 已提交, not yet confirmed as received (第三十一条)
  'reviewing', // 已登记, 审核中
  'awaiting_correction', // 待补正
  'handling', // 办理中
  'consulting', // 征求意见中: the clock stands still
  'replied', // 已答复
  'archived', // 已归档
  'withdrawn', // 视为放弃 (逾期不补正)
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
/** 第三十六条's answers. */
export const REPLY_TYPES = ['already_public', 'disclosed', 'partly_disclosed', 'not_disclosed', 'not_exist', 'not_ours', 'repeat'] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];
/** Grounds for withholding, as 年度报告 表三 (三) counts them. */
export const WITHHELD_GROUNDS = [
  'state_secret',
  'law_prohibited',
  'three_safety',
  'third_party',
  'internal_affairs',
  'process_info',
  'enforcement_file',
  'inquiry',
] as const;
export const CONSULTATION_KINDS = ['third_party', 'co_agency'] as const;
export const APPLICATION_ACTIONS = [
  'register',
  'accept',
  'request_correction',
  'receive_correction',
  'close_uncorrected',
  'start_consultation',
  'end_consultation',
  'extend',
  'set_fee',
  'reply',
  'archive',
  'note',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** 统一社会信用代码 (GB 32100-2015): 18 characters, no I, O, S, V, Z. */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const text = (max: number) => z.string().trim().min(1, '不能为空').max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);

// ── the public form ──────────────────────────────────────────────────────

/** A solved proof-of-work puzzle (common/proof-of-work.ts), as at sign-in. */
export const formChallenge = z.object({ token: z.string(), difficulty: z.number().int(), expiresAt: timestamp });
export type FormChallenge = z.infer<typeof formChallenge>;
const challengeSolution = z.object({ token: z.string().min(1).max(1024), nonce: z.string().min(1).max(16) });

const contactFields = {
  phone: z
    .string()
    .trim()
    .refine(isValidPhone, '联系电话格式不正确（手机号 11 位，固话带区号，如 0531-87881234）')
    .transform(normalizePhone),
  email: optionalText(100).pipe(z.email('电子邮箱格式不正确').optional()),
  address: optionalText(200),
  postalCode: optionalText(6).pipe(
    z
      .string()
      .regex(/^\d{6}$/, '邮政编码应为 6 位数字')
      .optional(),
  ),
  description: z.string().trim().min(5, '请描述所需政府信息（名称、文号或便于查询的特征，至少 5 个字）').max(2000),
  purpose: optionalText(500),
  format: z.enum(INFORMATION_FORMATS),
  delivery: z.enum(DELIVERY_METHODS),
};

const naturalApplicant = z.object({
  applicantKind: z.literal('natural'),
  name: text(50),
  idType: z.enum(['resident_id', 'passport', 'other']).default('resident_id'),
  idNumber: z.string().trim().min(1, '请填写证件号码').max(30),
  ...contactFields,
});
const legalApplicant = z.object({
  applicantKind: z.literal('legal'),
  name: text(100),
  organizationKind: z.enum(ORGANIZATION_KINDS),
  creditCode: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(CREDIT_CODE_PATTERN, '统一社会信用代码应为 18 位（数字或大写字母，不含 I、O、S、V、Z）')),
  legalRepresentative: text(50),
  contactPerson: text(50),
  ...contactFields,
});

/** What every application must say, however it arrives. */
function checkApplication(b: z.infer<typeof naturalApplicant> | z.infer<typeof legalApplicant>, ctx: z.RefinementCtx) {
  if (b.applicantKind === 'natural' && b.idType === 'resident_id') {
    const id = parseIdCard(b.idNumber);
    if (!id.ok) ctx.addIssue({ code: 'custom', path: ['idNumber'], message: id.message });
  }
  if (b.delivery === 'mail' && !b.address) ctx.addIssue({ code: 'custom', path: ['address'], message: '邮寄送达请填写通信地址' });
  if (b.delivery === 'email' && !b.email) ctx.addIssue({ code: 'custom', path: ['email'], message: '电子邮件送达请填写电子邮箱' });
}

/** The public form: the application, the solved puzzle, and a field robots fill. */
const formGuard = {
  challenge: challengeSolution,
  /** Left empty by people: the form hides it; a robot that fills every field is refused. */
  website: z.string().max(200).optional(),
};
export const submitApplicationBody = z
  .discriminatedUnion('applicantKind', [naturalApplicant.extend(formGuard), legalApplicant.extend(formGuard)])
  .superRefine(checkApplication);
export type SubmitApplicationInput = z.infer<typeof submitApplicationBody>;

/** An application that came by letter or in person, entered by the office with the day it was received (第三十一条). */
const received = { channel: z.enum(['letter', 'in_person']), receivedOn: day };
export const registerApplicationBody = z
  .discriminatedUnion('applicantKind', [naturalApplicant.extend(received), legalApplicant.extend(received)])
  .superRefine(checkApplication);
export type RegisterApplicationInput = z.infer<typeof registerApplicationBody>;
/** The application itself, as either way of arriving carries it. */
export type ApplicationInput = z.infer<typeof naturalApplicant> | z.infer<typeof legalApplicant>;

/** The receipt (回执): what the applicant keeps. */
export const applicationReceipt = z.object({
  trackingCode: z.string(),
  submittedAt: timestamp,
  applicantName: z.string(),
  description: z.string(),
});
export type ApplicationReceipt = z.infer<typeof applicationReceipt>;

/** The applicant finds their application by its tracking code and the phone or e-mail they gave. */
export const statusLookupBody = z.object({
  trackingCode: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().min(6).max(20)),
  contact: z.string().trim().min(3).max(100),
});
export type StatusLookup = z.infer<typeof statusLookupBody>;

const replySummary = z.object({
  replyType: z.enum(REPLY_TYPES),
  number: z.string(),
  repliedOn: day,
  content: z.string(),
  publicLocation: z.string().nullable(),
  otherAgency: z.string().nullable(),
  withheldReason: z.string().nullable(),
});
const feeSummary = z.object({
  method: z.enum(FEE_METHODS),
  quantity: z.number().int(),
  amountYuan: z.number().int(),
  explanation: z.string(),
});

/** What the applicant sees: public steps only, never the office's internal notes. */
export const publicApplicationStatus = z.object({
  trackingCode: z.string(),
  applicantName: z.string(),
  description: z.string(),
  submittedAt: timestamp,
  receivedOn: day.nullable(),
  state: z.enum(APPLICATION_STATES),
  dueOn: day.nullable(),
  deadlineExplanation: z.string().nullable(),
  steps: z.array(z.object({ at: timestamp, action: z.string(), note: z.string().nullable() })),
  correction: z.object({ requested: z.string(), respondBy: day, receivedOn: day.nullable() }).nullable(),
  extension: z.object({ days: z.number().int(), notice: z.string() }).nullable(),
  reply: replySummary.nullable(),
  fee: feeSummary.nullable(),
});
export type PublicApplicationStatus = z.infer<typeof publicApplicationStatus>;

// ── the office ───────────────────────────────────────────────────────────

export const applicationQuery = z.object({
  ...pagingQuery,
  state: z.enum(APPLICATION_STATES).optional(),
  /** Tracking code or applicant name, any part. */
  q: z.string().trim().max(50).optional(),
});
export type ApplicationQuery = z.infer<typeof applicationQuery>;

/** ok, near (≤ 3 working days left), overdue; paused while the clock stands; none before it starts or after the reply. */
export const CLOCK_COLOURS = ['none', 'ok', 'near', 'overdue', 'paused'] as const;

export const applicationItem = z.object({
  id: z.number().int(),
  trackingCode: z.string(),
  applicantKind: z.enum(APPLICANT_KINDS),
  applicantName: z.string(),
  description: z.string(),
  state: z.enum(APPLICATION_STATES),
  submittedAt: timestamp,
  receivedOn: day.nullable(),
  dueOn: day.nullable(),
  clock: z.enum(CLOCK_COLOURS),
  /** Working days from today to the due day (negative when late); null without a running clock. */
  workingDaysLeft: z.number().int().nullable(),
});
export type ApplicationItem = z.infer<typeof applicationItem>;
export const applicationPage = page(applicationItem);

const deadline = z.object({ dueOn: day, explanation: z.string(), provisional: z.boolean() });

export const applicationDetail = applicationItem.extend({
  channel: z.string(),
  /** Masked (370124********1234): the office works with masked numbers (permissions.ts). */
  idType: z.string().nullable(),
  idNumber: z.string().nullable(),
  organizationKind: z.enum(ORGANIZATION_KINDS).nullable(),
  creditCode: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  contactPerson: z.string().nullable(),
  phone: z.string(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  postalCode: z.string().nullable(),
  purpose: z.string().nullable(),
  format: z.enum(INFORMATION_FORMATS),
  delivery: z.enum(DELIVERY_METHODS),
  replyDeadline: deadline.nullable(),
  /** The last day for the one 补正 notice, while it may still be sent. */
  correctionDeadline: deadline.nullable(),
  events: z.array(
    z.object({
      id: z.number().int(),
      at: timestamp,
      action: z.string(),
      actorName: z.string(),
      note: z.string().nullable(),
      internal: z.boolean(),
    }),
  ),
  correction: z
    .object({ issuedOn: day, requested: z.string(), respondBy: day, receivedOn: day.nullable(), receivedNote: z.string().nullable() })
    .nullable(),
  consultations: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(CONSULTATION_KINDS),
      party: z.string(),
      startedOn: day,
      endedOn: day.nullable(),
      outcome: z.string().nullable(),
    }),
  ),
  extension: z
    .object({ days: z.number().int(), reason: z.string(), approver: z.string(), approvedOn: day, notice: z.string(), notifiedOn: day })
    .nullable(),
  reply: replySummary.extend({ withheldGround: z.enum(WITHHELD_GROUNDS).nullable() }).nullable(),
  fee: feeSummary.extend({ priorPieces: z.number().int(), noticedOn: day }).nullable(),
  /** What the office may do next, in this state. */
  actions: z.array(z.enum(APPLICATION_ACTIONS)),
});
export type ApplicationDetail = z.infer<typeof applicationDetail>;

const note = optionalText(1000);
export const applicationActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('register'), note }),
  z.object({ action: z.literal('accept'), note }),
  z.object({ action: z.literal('request_correction'), requested: text(1000), respondBy: day }),
  z.object({ action: z.literal('receive_correction'), note }),
  z.object({ action: z.literal('close_uncorrected'), note: text(1000) }),
  z.object({ action: z.literal('start_consultation'), kind: z.enum(CONSULTATION_KINDS), party: text(100), note }),
  z.object({ action: z.literal('end_consultation'), outcome: text(1000) }),
  z.object({
    action: z.literal('extend'),
    days: z.number().int().min(1).max(20, '延长期限最长不超过 20 个工作日（条例第三十三条）'),
    reason: text(500),
    approver: text(50),
    notice: text(1000),
  }),
  z.object({
    action: z.literal('set_fee'),
    method: z.enum(FEE_METHODS),
    quantity: z.number().int().min(1).max(100_000),
    priorPieces: z.number().int().min(0).max(10_000).default(0),
  }),
  z.object({
    action: z.literal('reply'),
    replyType: z.enum(REPLY_TYPES),
    content: text(4000),
    publicLocation: optionalText(500),
    otherAgency: optionalText(100),
    withheldGround: z.enum(WITHHELD_GROUNDS).optional(),
    withheldReason: optionalText(1000),
  }),
  z.object({ action: z.literal('archive'), note }),
  z.object({ action: z.literal('note'), note: text(1000) }),
]);
export type ApplicationActionInput = z.infer<typeof applicationActionBody>;

/** 查看完整号码 of an applicant (docs/decisions/019): to call back or write to them; the reason is audited. */
export const revealApplicantBody = z.object({ field: z.enum(['phone', 'idNumber']), reason: revealReason });
export type RevealApplicantInput = z.infer<typeof revealApplicantBody>;

// ── 年度报告 表三 ─────────────────────────────────────────────────────────

export const annualTableQuery = z.object({ year: z.coerce.number().int().min(2008).max(2100) });
/** Columns: 自然人, the five kinds of 法人或其他组织, 总计. */
export const ANNUAL_TABLE_COLUMNS = ['natural', ...ORGANIZATION_KINDS, 'total'] as const;
export const annualTable = z.object({
  year: z.number().int(),
  columns: z.array(z.enum(ANNUAL_TABLE_COLUMNS)),
  rows: z.array(z.object({ key: z.string(), label: z.string(), level: z.number().int(), cells: z.array(z.number().int()) })),
});
export type AnnualTable = z.infer<typeof annualTable>;

// ── 重大决策预公开 ─────────────────────────────────────────────────────────

export const DECISION_STATES = ['planned', 'consulting', 'closed', 'decided'] as const;
export type DecisionState = (typeof DECISION_STATES)[number];
export const MODERATIONS = ['pending', 'approved', 'rejected'] as const;
export const ADOPTIONS = ['adopted', 'partly', 'not_adopted'] as const;
/** 重大行政决策程序暂行条例 第十五条: a comment period of at least 30 days unless a reason is given. */
export const MIN_COMMENT_DAYS = 30;

export const decisionQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** One entry of the year's catalogue (目录). */
export const decisionItem = z.object({
  id: z.number().int(),
  year: z.number().int(),
  seq: z.number().int(),
  title: z.string(),
  organ: z.string(),
  state: z.enum(DECISION_STATES),
  commentOpensOn: day.nullable(),
  commentClosesOn: day.nullable(),
  decidedOn: day.nullable(),
});
export type DecisionItem = z.infer<typeof decisionItem>;
export const decisionCatalogue = z.object({ items: z.array(decisionItem) });

const publicComment = z.object({
  id: z.number().int(),
  author: z.string(),
  content: z.string(),
  submittedAt: timestamp,
  adoption: z.enum(ADOPTIONS).nullable(),
  adoptionReason: z.string().nullable(),
});

/** What the public reads: the draft and its papers, the approved comments, the result with its adoption report. */
export const publicDecision = decisionItem.extend({
  draft: z.string(),
  explanation: z.string(),
  background: z.string(),
  shortPeriodReason: z.string().nullable(),
  /** Whether comments are taken today. */
  open: z.boolean(),
  result: z.string().nullable(),
  adoptionReport: z.string().nullable(),
  /** 决策文件: its number, and the library's id of it when the reader may open it there (the public: while published). */
  document: z.object({ number: z.string(), id: z.number().int().nullable() }).nullable(),
  comments: z.array(publicComment),
});
export type PublicDecision = z.infer<typeof publicDecision>;

export const commentBody = z.object({ content: z.string().trim().min(5, '意见至少 5 个字').max(2000) });
export const commentReceipt = z.object({ id: z.number().int(), moderation: z.enum(MODERATIONS) });

/** The office's view: every comment, with its moderation. */
export const decisionDetail = publicDecision.extend({
  comments: z.array(publicComment.extend({ moderation: z.enum(MODERATIONS), moderationNote: z.string().nullable() })),
  actions: z.array(z.string()),
});
export type DecisionDetail = z.infer<typeof decisionDetail>;

export const createDecisionBody = z.object({
  year: z.number().int().min(2000).max(2100),
  title: text(200),
  organ: text(100),
  draft: text(20_000),
  explanation: text(10_000),
  background: text(10_000),
});
export type CreateDecisionInput = z.infer<typeof createDecisionBody>;

export const decisionActionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('open_consultation'), opensOn: day, closesOn: day, shortPeriodReason: optionalText(500) }),
  z.object({ action: z.literal('close_consultation') }),
  z.object({
    action: z.literal('moderate'),
    commentId: z.number().int().positive(),
    verdict: z.enum(['approved', 'rejected']),
    note: optionalText(500),
  }),
  z.object({
    action: z.literal('mark_adoption'),
    commentId: z.number().int().positive(),
    adoption: z.enum(ADOPTIONS),
    reason: optionalText(1000),
  }),
  z.object({
    action: z.literal('decide'),
    result: text(10_000),
    /** 决策文件的文号, as the library writes it; the document must be in the library. */
    documentNumber: optionalText(60),
  }),
]);
export type DecisionActionInput = z.infer<typeof decisionActionBody>;
