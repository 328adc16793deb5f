import { z } from 'zod';
import { day, page, pagingQuery, timestamp } from './shared.js';
import {
  ADOPTION_CATEGORIES,
  CONSULTATION_METHODS,
  EVALUATION_CRITERIA,
  PERTINENCE_LEVELS,
  SATISFACTION_LEVELS,
  type EvaluationCriterion,
} from '../proposal-forms.js';

/**
 * CPPCC proposals (政协提案) and NPC suggestions (人大建议): server/domains/proposals,
 * docs/decisions/045. `GET /api/proposals?number=` answers items with `number`, `proposers` and
 * `replyDocumentNumber`; later checks rely on those names.
 */

/** The proposal's state (server/domains/proposals/proposal-states.ts has its transitions). */
export const PROPOSAL_STATES = ['pending_review', 'not_filed', 'to_assign', 'handling', 'replied', 'closed'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
/** 单办 / 分办 / 会办. */
export const HANDLING_MODES = ['single', 'split', 'joint'] as const;
export type HandlingMode = (typeof HANDLING_MODES)[number];
export const PROPOSAL_KINDS = ['proposal', 'suggestion'] as const;
export const SESSION_BODIES = ['cppcc', 'npc'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const id = z.coerce.number().int().positive();
/** 发文字号 by GB/T 9704: 机关代字〔年份〕顺序号号, as 平政办字〔2023〕9号. */
export const documentNumber = z
  .string()
  .trim()
  .regex(/^[^〔〕\s]+〔\d{4}〕[1-9]\d*号$/, '文号须形如 平政办字〔2023〕9号（六角括号，序号不编虚位）');

/** A deadline and how it was counted: `from` plus `amount` `unit`, or an extension's day with its reason. */
export const deadline = z.object({
  kind: z.enum(['return', 'opinion', 'reply', 'rehandling']),
  from: day,
  amount: z.number().int(),
  unit: z.enum(['days', 'months']),
  due: day,
  extensionReason: z.string().nullable(),
});
export type Deadline = z.infer<typeof deadline>;

// Sessions ----------------------------------------------------------------------------------

export const proposalSession = z.object({
  id: z.number().int(),
  body: z.enum(SESSION_BODIES),
  level: z.string(),
  term: z.number().int(),
  sessionNumber: z.number().int(),
  name: z.string(),
  opensOn: day.nullable(),
  closesOn: day.nullable(),
  proposals: z.number().int(),
});
export type ProposalSession = z.infer<typeof proposalSession>;
export const proposalSessionList = z.object({ items: z.array(proposalSession) });

export const createSessionBody = z
  .object({
    body: z.enum(SESSION_BODIES),
    level: text(4).default('县'),
    term: z.number().int().min(1).max(99),
    sessionNumber: z.number().int().min(1).max(99),
    opensOn: day.nullable().default(null),
    closesOn: day.nullable().default(null),
  })
  .refine((s) => !s.opensOn || !s.closesOn || s.closesOn >= s.opensOn, { message: '闭幕日期不能早于开幕日期', path: ['closesOn'] });

// Proposals ---------------------------------------------------------------------------------

export const proposalQuery = z.object({
  number: z.string().trim().max(20).optional(),
  sessionId: id.optional(),
  state: z.enum(PROPOSAL_STATES).optional(),
  unitId: id.optional(),
  q: z.string().trim().max(50).optional(),
  ...pagingQuery,
});
export type ProposalQuery = z.infer<typeof proposalQuery>;

const unitPart = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  role: z.enum(['lead', 'co']),
  status: z.enum(['handling', 'returned', 'opinion_sent', 'replied']),
});

export const proposalItem = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  sessionName: z.string(),
  kind: z.enum(PROPOSAL_KINDS),
  number: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  state: z.enum(PROPOSAL_STATES),
  mode: z.enum(HANDLING_MODES).nullable(),
  /** 提案者, in the order printed. */
  proposers: z.array(z.string()),
  /** The units of the current round, returned ones left out. */
  units: z.array(unitPart),
  /** The latest reply's 文号 (平政办字〔2023〕9号), or null before any reply. */
  replyDocumentNumber: z.string().nullable(),
  /** The earliest reply deadline still open, or null. */
  replyDeadline: deadline.nullable(),
});
export type ProposalItem = z.infer<typeof proposalItem>;
export const proposalPage = page(proposalItem);

export const feedbackForm = z.object({
  consultation: z.enum(CONSULTATION_METHODS),
  pertinence: z.enum(PERTINENCE_LEVELS),
  satisfaction: z.enum(SATISFACTION_LEVELS),
  adoption: z.enum(ADOPTION_CATEGORIES),
  /** 签名: the proposer who filled the form. */
  signer: text(20),
  /** 联系电话; masked for roles without personal data in full. */
  signerPhone: z.string().nullable(),
  recordedAt: timestamp,
});

export const proposalReply = z.object({
  id: z.number().int(),
  repliedOn: day,
  documentNumber: z.string(),
  /** The document library's row of that number, when the library holds it. */
  documentId: z.number().int().nullable(),
  content: z.string(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  /** Whether it came on or before the reply deadline; null when the assignment date is unknown. */
  onTime: z.boolean().nullable(),
  feedback: feedbackForm.nullable(),
});

export const proposalAssignment = unitPart.extend({
  id: z.number().int(),
  round: z.number().int(),
  assignedOn: day.nullable(),
  returnedOn: day.nullable(),
  returnReason: z.string().nullable(),
  opinion: z.string().nullable(),
  opinionOn: day.nullable(),
  /** Whether a co-unit's opinion reached the lead within its month; null while none was sent. */
  opinionOnTime: z.boolean().nullable(),
  returnDeadline: deadline.nullable(),
  opinionDeadline: deadline.nullable(),
  replyDeadline: deadline.nullable(),
  /** The latest day an extension may reach (6 months from assignment). */
  latestReplyDay: day.nullable(),
  reply: proposalReply.nullable(),
});

export const scores = z.object(
  Object.fromEntries(EVALUATION_CRITERIA.map((c) => [c.code, z.number().int()])) as Record<EvaluationCriterion, z.ZodNumber>,
);

export const proposalEvaluation = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  scores,
  total: z.number().int(),
  recommended: z.boolean(),
  suggestions: z.string().nullable(),
  evaluatedAt: timestamp,
});

/** What the viewer may do to the proposal now; the admin shows these actions and no others. */
export const PROPOSAL_ACTIONS = ['review', 'assign', 'return', 'opinion', 'reply', 'extend', 'feedback', 'evaluate'] as const;
export type ProposalAction = (typeof PROPOSAL_ACTIONS)[number];

export const proposalDetail = proposalItem.extend({
  content: z.string().nullable(),
  reviewReason: z.string().nullable(),
  reviewedAt: timestamp.nullable(),
  assignments: z.array(proposalAssignment),
  evaluations: z.array(proposalEvaluation),
  actions: z.array(z.enum(PROPOSAL_ACTIONS)),
});
export type ProposalDetail = z.infer<typeof proposalDetail>;

export const registerProposalBody = z.object({
  sessionId: z.number().int().positive(),
  kind: z.enum(PROPOSAL_KINDS),
  number: z
    .string()
    .trim()
    .regex(/^[0-9]{1,12}$/, '编号须为数字，如 1102097'),
  title: text(200),
  content: z.string().trim().max(20_000).nullable().default(null),
  category: z.string().trim().max(30).nullable().default(null),
  proposers: z
    .array(text(20))
    .min(1, '至少填写一名提案者')
    .max(50)
    .refine((names) => new Set(names).size === names.length, '提案者重复'),
});
export type RegisterProposalBody = z.infer<typeof registerProposalBody>;

export const reviewBody = z
  .object({ decision: z.enum(['file', 'reject']), reason: z.string().trim().max(500).nullable().default(null) })
  .refine((b) => b.decision === 'file' || !!b.reason, { message: '不予立案须写明理由', path: ['reason'] });

export const assignBody = z.object({
  mode: z.enum(HANDLING_MODES),
  /** 单办 and 会办: one; 分办: two or more, each replying for its part. */
  leadUnitIds: z.array(z.number().int().positive()).min(1).max(20),
  /** 会办 only: the units that send their opinions to the lead. */
  coUnitIds: z.array(z.number().int().positive()).max(20).default([]),
  assignedOn: day,
});
export type AssignBody = z.infer<typeof assignBody>;

export const returnBody = z.object({ reason: text(500), returnedOn: day });
export const opinionBody = z.object({ opinion: text(5000), opinionOn: day });
export const extendBody = z.object({ unitId: z.number().int().positive(), until: day, reason: text(500) });

export const replyBody = z.object({
  repliedOn: day,
  documentNumber,
  content: text(50_000),
  contactName: z.string().trim().max(20).nullable().default(null),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9-]{7,20}$/, '联系电话格式不正确')
    .nullable()
    .default(null),
});
export type ReplyBody = z.infer<typeof replyBody>;

export const feedbackBody = z.object({
  unitId: z.number().int().positive(),
  consultation: z.enum(CONSULTATION_METHODS),
  pertinence: z.enum(PERTINENCE_LEVELS),
  satisfaction: z.enum(SATISFACTION_LEVELS),
  adoption: z.enum(ADOPTION_CATEGORIES),
  signer: text(20),
  signerPhone: z
    .string()
    .trim()
    .regex(/^[0-9-]{7,20}$/, '联系电话格式不正确')
    .nullable()
    .default(null),
});
export type FeedbackBody = z.infer<typeof feedbackBody>;

/** 附件6: each score 0 to its criterion's maximum (common/proposal-forms.ts); the service refuses one above. */
export const evaluationBody = z.object({
  scores,
  recommended: z.boolean(),
  suggestions: z.string().trim().max(2000).nullable().default(null),
});
export type EvaluationBody = z.infer<typeof evaluationBody>;

// Statistics --------------------------------------------------------------------------------

export const statisticsQuery = z.object({ sessionId: id.optional() });

const rates = {
  /** Filed proposals assigned to units. */
  assigned: z.number().int(),
  /** Of those, the ones every lead unit of the latest round has replied to. */
  replied: z.number().int(),
  /** Replies with a known deadline, and of those the ones on or before it. */
  timedReplies: z.number().int(),
  onTime: z.number().int(),
  feedback: z.number().int(),
  /** 满意 and 基本满意. */
  satisfied: z.number().int(),
  /** replied / assigned, onTime / timedReplies, satisfied / feedback; null when nothing to divide by. */
  replyRate: z.number().nullable(),
  onTimeRate: z.number().nullable(),
  satisfactionRate: z.number().nullable(),
};

export const proposalStatistics = z.object({
  total: z.object({ proposals: z.number().int(), ...rates }),
  byCategory: z.array(z.object({ category: z.string().nullable(), proposals: z.number().int() })),
  byUnit: z.array(z.object({ unitId: z.number().int(), unitName: z.string(), ...rates })),
  bySession: z.array(z.object({ sessionId: z.number().int(), sessionName: z.string(), proposals: z.number().int(), ...rates })),
});
export type ProposalStatistics = z.infer<typeof proposalStatistics>;
