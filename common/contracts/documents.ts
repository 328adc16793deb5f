import { z } from 'zod';
import { DISCLOSURE_ATTRIBUTES } from './gazette.js';
import { day, page, pagingQuery, timestamp } from './shared.js';

/**
 * The documents API (server/domains/documents, docs/decisions/043): the document library
 * (文件库), its interpretations (解读) and files, the government gazette's issues (政府公报), and
 * the public disclosure column (政府信息公开专栏) read without signing in at /api/open/….
 */

export { DISCLOSURE_ATTRIBUTES };
/** 有效 / 废止 / 失效. */
export const DOCUMENT_VALIDITIES = ['valid', 'repealed', 'expired'] as const;
export type DocumentValidity = (typeof DOCUMENT_VALIDITIES)[number];

/** 解读 as a text with Q&A, or a link to a 图解, a 问答 page or a 视频 published elsewhere. */
export const INTERPRETATION_KINDS = ['text', 'graphic', 'qa', 'video'] as const;

/**
 * 主题分类: the first level of the State Council's subject classification of government
 * information (中国政府网 政府信息公开 主题分类), offered beside the themes the library already uses.
 */
export const STANDARD_THEMES = [
  '综合政务',
  '国民经济管理、国有资产监管',
  '财政、金融、审计',
  '国土资源、能源',
  '农业、林业、水利',
  '工业、交通',
  '商贸、海关、旅游',
  '市场监管、安全生产监管',
  '城乡建设、环境保护',
  '科技、教育',
  '文化、广电、新闻出版',
  '卫生、体育',
  '人口与计划生育、妇女儿童工作',
  '劳动、人事、监察',
  '公安、安全、司法',
  '民政、扶贫、救灾',
  '民族、宗教',
  '对外事务',
  '其他',
] as const;

const theme = z.string().trim().min(1).max(30);
const year = z.coerce.number().int().min(1949).max(2200);

// ── the public column ──────────────────────────────────────────────────────

export const openDocumentQuery = z.object({
  ...pagingQuery,
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
  q: z.string().trim().max(100).optional(),
  year: year.optional(),
  organ: z.string().trim().max(60).optional(),
  theme: theme.optional(),
  validity: z.enum(DOCUMENT_VALIDITIES).optional(),
});
export type OpenDocumentQuery = z.infer<typeof openDocumentQuery>;

export const openDocumentItem = z.object({
  id: z.number().int(),
  /** 发文字号: 平政办发〔2023〕5号. */
  number: z.string(),
  title: z.string(),
  dateWritten: day.nullable(),
  organ: z.string().nullable(),
  indexNumber: z.string(),
  publishedOn: day.nullable(),
  validity: z.enum(DOCUMENT_VALIDITIES),
  themes: z.array(z.string()),
  /** HTML: the text around the query's words, each in <mark>, all else escaped; the text's beginning without a query. */
  snippet: z.string(),
});
export type OpenDocumentItem = z.infer<typeof openDocumentItem>;
export const openDocumentPage = page(openDocumentItem);

export const documentFileItem = z.object({ id: z.number().int(), fileName: z.string(), mime: z.string(), size: z.number().int() });

export const interpretationItem = z.object({
  id: z.number().int(),
  kind: z.enum(INTERPRETATION_KINDS),
  title: z.string(),
  body: z.string().nullable(),
  qa: z.array(z.object({ question: z.string(), answer: z.string() })),
  url: z.string().nullable(),
  pictures: z.array(documentFileItem),
});

const parsedTable = z.object({ title: z.string().nullable(), header: z.array(z.string()), rows: z.array(z.array(z.string())) });
const parsedAttachment = z.object({
  label: z.string().nullable(),
  title: z.string(),
  paragraphs: z.array(z.string()),
  tables: z.array(parsedTable),
});

/** A document's text as printed: 主送, 正文, 附件说明, 落款, 附注, 抄送, the enclosure and the 附件. */
const printedText = {
  addressees: z.array(z.string()),
  addresseeRole: z.string().nullable(),
  paragraphs: z.array(z.string()),
  attachmentNotes: z.array(z.string()),
  signature: z.string().nullable(),
  note: z.string().nullable(),
  copyTo: z.array(z.string()),
  enclosure: z.object({ title: z.string(), paragraphs: z.array(z.string()) }).nullable(),
  attachments: z.array(parsedAttachment),
};

/** What a document says, as the public and the staff read it alike. */
const documentText = {
  ...printedText,
  files: z.array(documentFileItem),
  interpretations: z.array(interpretationItem),
};

export const openDocumentDetail = openDocumentItem.omit({ snippet: true }).extend({
  validityOn: day.nullable(),
  isPolicy: z.boolean(),
  ...documentText,
});
export type OpenDocumentDetail = z.infer<typeof openDocumentDetail>;

const facet = <T extends z.ZodType>(value: T) => z.array(z.object({ value, count: z.number().int() }));
export const openDocumentFacets = z.object({
  years: facet(z.number().int()),
  organs: facet(z.string()),
  themes: facet(z.string()),
  validities: facet(z.enum(DOCUMENT_VALIDITIES)),
});
export type OpenDocumentFacets = z.infer<typeof openDocumentFacets>;

/** Who runs the column: the county's government, named from the region tree (not from code). */
export const openSite = z.object({ organName: z.string(), countyName: z.string() });

export const gazetteIssueItem = z.object({
  id: z.number().int(),
  year: z.number().int(),
  issueNumber: z.number().int(),
  title: z.string(),
  publishedOn: day.nullable(),
  documentCount: z.number().int(),
});
export const gazetteIssueList = z.object({ items: z.array(gazetteIssueItem) });
export const gazetteIssueDetail = gazetteIssueItem.extend({
  documents: z.array(
    z.object({
      id: z.number().int(),
      position: z.number().int(),
      number: z.string(),
      title: z.string(),
      organ: z.string().nullable(),
      dateWritten: day.nullable(),
      /** For the printable view: the whole text as printed, enclosure and 附件 included. */
      ...printedText,
    }),
  ),
});
export type GazetteIssueDetail = z.infer<typeof gazetteIssueDetail>;
export const gazetteIssueParams = z.object({ id: z.coerce.number().int().positive() });

// ── the library, for the county office ─────────────────────────────────────

/** 待确认: the gazette's 附注 said nothing the library knows, and no one has decided yet. */
export const DISCLOSURE_FILTERS = [...DISCLOSURE_ATTRIBUTES, 'undecided'] as const;

export const documentQuery = openDocumentQuery.extend({
  disclosure: z.enum(DISCLOSURE_FILTERS).optional(),
  published: z.enum(['yes', 'no']).optional(),
});
export type DocumentQuery = z.infer<typeof documentQuery>;

export const documentItem = openDocumentItem.extend({
  disclosure: z.enum(DISCLOSURE_ATTRIBUTES).nullable(),
  isPolicy: z.boolean(),
  isNormative: z.boolean(),
  interpretationCount: z.number().int(),
});
export type DocumentItem = z.infer<typeof documentItem>;
export const documentPage = page(documentItem);

export const documentDetail = documentItem.omit({ snippet: true }).extend({
  validityOn: day.nullable(),
  disclosureReason: z.string().nullable(),
  /** Whether a person chose the attribute (a re-import then leaves it); false when the 附注 gave it. */
  disclosureDecidedByPerson: z.boolean(),
  importSource: z.string().nullable(),
  /** 三同步: why a policy document went out without its interpretation, and who said so. */
  syncExemption: z.object({ reason: z.string(), by: z.string(), at: timestamp }).nullable(),
  /** Entered by hand (no gazette printed it when it was entered). */
  enteredByHand: z.boolean(),
  /** 撤回: each publication taken back, the newest first. */
  withdrawals: z.array(z.object({ publishedOn: day, reason: z.string(), by: z.string(), at: timestamp })),
  ...documentText,
});
export type DocumentDetail = z.infer<typeof documentDetail>;

export const updateDocumentBody = z
  .object({
    disclosure: z.enum(DISCLOSURE_ATTRIBUTES).optional(),
    /** Required for 依申请公开 and 不予公开 (政府信息公开条例 第十四至十六条 name the grounds). */
    disclosureReason: z.string().trim().max(500).nullable().optional(),
    themes: z.array(theme).max(10).optional(),
    validity: z.enum(DOCUMENT_VALIDITIES).optional(),
    /** The day it was repealed or lapsed; null when valid. */
    validityOn: day.nullable().optional(),
    isPolicy: z.boolean().optional(),
    isNormative: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: '没有要修改的内容' });
export type UpdateDocumentInput = z.infer<typeof updateDocumentBody>;

const names = (what: string) =>
  z.array(z.string().trim().min(1, `${what}不能有空项`).max(60, `${what}每项不超过 60 字`)).max(100, `${what}不超过 100 项`);

/**
 * A document's text as a person types it (a department's notice no gazette prints): what the
 * gazette importer reads from a gazette. The number is checked against GB/T 9704 by the
 * server with common/document-number.ts (readTypedDocumentNumber), which the form calls too.
 */
export const documentTextBody = z.object({
  /** 发文字号: 平政办发〔2023〕5号. */
  number: z.string().trim().min(1, '请填写发文字号').max(40, '发文字号不超过 40 字'),
  /** 发文机关: 平阴县人民政府办公室. */
  organ: z.string().trim().min(1, '请填写发文机关').max(60, '发文机关不超过 60 字'),
  title: z.string().trim().min(1, '请填写标题').max(200, '标题不超过 200 字'),
  /** 主送机关. */
  addressees: names('主送机关'),
  /** 成文日期: not after today (the server checks, in the county's day). */
  dateWritten: day,
  /** 正文, paragraph by paragraph. */
  paragraphs: z
    .array(z.string().trim().min(1, '正文不能有空段').max(20_000, '正文每段不超过 20000 字'))
    .min(1, '请填写正文')
    .max(500, '正文不超过 500 段'),
  /** 抄送机关. */
  copyTo: names('抄送机关'),
});
export type DocumentTextInput = z.infer<typeof documentTextBody>;

/** 新建文件: the text, and what a person decides of it (absent disclosure: 待确认, as on import). */
export const createDocumentBody = documentTextBody.extend({
  disclosure: z.enum(DISCLOSURE_ATTRIBUTES).optional(),
  disclosureReason: z.string().trim().max(500, '理由不超过 500 字').nullable().optional(),
  themes: z.array(theme).max(10, '主题分类不超过 10 个').optional(),
  isPolicy: z.boolean().optional(),
  isNormative: z.boolean().optional(),
});
export type CreateDocumentInput = z.infer<typeof createDocumentBody>;

/** 撤回发布: the reason is required; it is shown on the document's page and kept in the audit log. */
export const withdrawDocumentBody = z.object({
  reason: z.string().trim().min(4, '请填写撤回的理由（至少 4 个字）').max(500, '理由不超过 500 字'),
});
export type WithdrawDocumentInput = z.infer<typeof withdrawDocumentBody>;

export const publishDocumentBody = z.object({
  /** 三同步: why a policy document goes out before its interpretation; only then may it. */
  syncExemptionReason: z.string().trim().min(4).max(500).optional(),
});
export type PublishDocumentInput = z.infer<typeof publishDocumentBody>;

export const createInterpretationBody = z
  .object({
    kind: z.enum(INTERPRETATION_KINDS),
    title: z.string().trim().min(1).max(200),
    body: z.string().trim().max(20_000).nullable().optional(),
    qa: z
      .array(z.object({ question: z.string().trim().min(1).max(500), answer: z.string().trim().min(1).max(5000) }))
      .max(50)
      .optional(),
    url: z
      .string()
      .trim()
      .max(500)
      .regex(/^https?:\/\//, '链接须以 http:// 或 https:// 开头')
      .nullable()
      .optional(),
  })
  .refine((b) => b.kind === 'text' || !!b.url, { message: '图解、问答、视频解读须填写链接', path: ['url'] })
  .refine((b) => b.kind !== 'text' || !!b.body || (b.qa?.length ?? 0) > 0, { message: '文字解读须有正文或问答', path: ['body'] });
export type CreateInterpretationInput = z.infer<typeof createInterpretationBody>;

export const interpretationParams = z.object({
  id: z.coerce.number().int().positive(),
  interpretationId: z.coerce.number().int().positive(),
});

export const themeSuggestions = z.object({
  /** Themes of the library's documents, the most used first. */
  inUse: z.array(z.object({ value: z.string(), count: z.number().int() })),
  standard: z.array(z.string()),
});

export const createGazetteIssueBody = z.object({
  year: year,
  issueNumber: z.number().int().min(1).max(999),
  title: z.string().trim().min(1).max(100),
});
export const gazetteIssueDocumentsBody = z.object({
  /** The issue's documents in the order printed; the list replaces the one before. */
  documentIds: z.array(z.number().int().positive()).max(200),
});

export const annualReportQuery = z.object({ year });
/**
 * 政府信息公开工作年度报告, table 二 (国办公开办函〔2021〕30号): 行政规范性文件 made this year,
 * repealed this year, and in force at the end of the year.
 */
export const annualReportFigures = z.object({
  year: z.number().int(),
  normative: z.object({ issued: z.number().int(), repealed: z.number().int(), inForce: z.number().int() }),
  /** Documents published this year (主动公开) and policy documents published with an interpretation. */
  published: z.number().int(),
  policyPublished: z.number().int(),
  policyInterpreted: z.number().int(),
});
