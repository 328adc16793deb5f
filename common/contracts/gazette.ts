import { z } from 'zod';

/**
 * The gazette importer (server/domains/gazette, docs/decisions/042): what it reads out of a
 * 政府公报 text, document by document, and the report it ends with. The report is also what
 * `civicgrid import gazette <file> --json` prints, and later checks rely on its field names.
 *
 * The parsed document (`GazetteDocument`) is richer than the report: the documents, tasks,
 * proposals and orgs domains each import the part they own from it.
 */

/** 公开属性 as the library keeps it; the 附注 line says which (（此件公开发布） → public). */
export const DISCLOSURE_ATTRIBUTES = ['public', 'on_request', 'not_public'] as const;
export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number];

/** 发文字号 read by GB/T 9704—2012 7.2.4: 机关代字〔年份〕顺序号号. */
export interface DocumentNumber {
  /** As the library stores and shows it, normalised: 平政办发〔2023〕5号. */
  text: string;
  /** 机关代字: 平政办发. */
  organCode: string;
  year: number;
  serial: number;
}

/** One row of a table, its cells trimmed; cells merged across rows are empty here, as printed. */
export interface GazetteTable {
  /** The line above the table that names it (附件's title), or null. */
  title: string | null;
  header: string[];
  rows: string[][];
  /** 1-based line of each row in the gazette. */
  rowLines: number[];
  /** 1-based line of the header in the gazette. */
  line: number;
}

/** 附件: a numbered enclosure after the main text (附件 / 附件 5), with its title and its tables. */
export interface GazetteAttachment {
  /** 附件 number as printed ('5'); null for a lone 附件. */
  label: string | null;
  title: string;
  paragraphs: string[];
  tables: GazetteTable[];
  line: number;
}

/** A milestone target of a task (上半年/三季度/全年 目标), with the day it is due. */
export interface GazetteTarget {
  /** The column it came from: 上半年目标. */
  period: string;
  due: string | null;
  text: string;
}

/** One row of a task table (工作任务分解表, 目标任务清单), merged cells carried down. */
export interface GazetteTask {
  seq: number;
  /** 一级 heading: 聚焦重点工作，推动政务公开高质量发展; null when the table has no such level. */
  category: string | null;
  /** 工作任务 / 主要任务: 深化重点领域信息公开. */
  task: string;
  /** 具体要求; null when the table has none (the 数字人民币 list has targets instead). */
  requirement: string | null;
  /** First unit listed, as printed (各镇（街道） stays a collective: the tasks domain expands it). */
  leadUnit: string | null;
  coUnits: string[];
  /** YYYY-MM-DD, 'ongoing' (长期坚持), or null when the text gives no date. */
  deadline: string | null;
  deadlineText: string | null;
  targets: GazetteTarget[];
  /** 1-based line of the row in the gazette. */
  line: number;
}

/** A phase of a plan (全面排查阶段（2023年9月10日前完成）), with its dates. */
export interface GazettePhase {
  seq: number;
  name: string;
  start: string | null;
  end: string | null;
  /** The dates as printed in the brackets: 2023年9月11日至10月31日. */
  dates: string;
  text: string;
  line: number;
}

export interface GazetteDocument {
  number: DocumentNumber;
  /** 发文机关: 平阴县人民政府办公室 (from the title, else the 落款). */
  organ: string | null;
  /** Full title, the organ included, line breaks and layout spaces removed. */
  title: string;
  /** 主送机关, or the committee members a reply is sent to (委员：白咸勇). */
  addressees: string[];
  /** 委员 when the addressees are the proposers a reply answers; null for 主送机关. */
  addresseeRole: string | null;
  /** 正文 paragraphs (wrapped lines joined), from after the addressees to the 落款. */
  paragraphs: string[];
  /** 附件说明 (附件：1．… 2．…) as listed in the text. */
  attachmentNotes: string[];
  /** The 落款 line: 平阴县人民政府办公室. */
  signature: string | null;
  /** 成文日期 as YYYY-MM-DD. */
  dateWritten: string | null;
  /** The 附注 line as printed: （此件公开发布）. */
  note: string | null;
  /** null when the 附注 says nothing the library knows: a person decides (the report says so). */
  disclosure: DisclosureAttribute | null;
  /** What a 印发 notice sends out (the 工作要点, the 方案): its title and paragraphs. */
  enclosure: { title: string; paragraphs: string[] } | null;
  attachments: GazetteAttachment[];
  copyTo: string[];
  /** The whole text of the document, page furniture removed: what full-text search reads. */
  text: string;
  tasks: GazetteTask[];
  phases: GazettePhase[];
  /** 1-based lines of the document's first and last lines in the gazette. */
  startLine: number;
  endLine: number;
}

/** A field the importer could not read, or a thing a person should look at, and where. */
export const gazetteWarning = z.object({
  line: z.number().int().nullable(),
  /** The document it concerns, by number; null for the gazette as a whole. */
  document: z.string().nullable(),
  field: z.string(),
  message: z.string(),
});
export type GazetteWarning = z.infer<typeof gazetteWarning>;

export const gazetteReportTask = z.object({
  seq: z.number().int(),
  category: z.string().nullable(),
  task: z.string(),
  requirement: z.string().nullable(),
  leadUnit: z.string().nullable(),
  coUnits: z.array(z.string()),
  deadline: z.string().nullable(),
  deadlineText: z.string().nullable(),
  targets: z.array(z.object({ period: z.string(), due: z.string().nullable(), text: z.string() })),
});

export const gazetteReportDocument = z.object({
  number: z.string(),
  organCode: z.string(),
  year: z.number().int(),
  serial: z.number().int(),
  organ: z.string().nullable(),
  title: z.string(),
  dateWritten: z.string().nullable(),
  disclosure: z.enum(DISCLOSURE_ATTRIBUTES).nullable(),
  addressees: z.array(z.string()),
  copyTo: z.array(z.string()),
  attachments: z.number().int(),
  tasks: z.array(gazetteReportTask),
  phases: z.array(z.object({ seq: z.number().int(), name: z.string(), start: z.string().nullable(), end: z.string().nullable() })),
});

/** What an import did: every document found, what each domain wrote, and every warning. */
export const gazetteImportReport = z.object({
  documents: z.array(gazetteReportDocument),
  warnings: z.array(gazetteWarning),
  /** Lines dropped as page furniture (县政府办公室文件, — 10 —). */
  furnitureLines: z.number().int(),
  /** Rows written or updated by each part of the import ('documents': 6, 'tasks': 65 …). */
  imported: z.record(z.string(), z.number().int()),
});
export type GazetteImportReport = z.infer<typeof gazetteImportReport>;

/** An upload of a gazette text in the admin (导入公报): the file's name and its text, UTF-8. */
export const GAZETTE_TEXT_LIMIT = 4 * 1024 * 1024;
export const gazetteImportBody = z.object({
  fileName: z.string().trim().min(1).max(200),
  text: z.string().min(1, '公报文本为空').max(GAZETTE_TEXT_LIMIT, '公报文本超过 4 MB，请分期导入'),
});
export type GazetteImportBody = z.infer<typeof gazetteImportBody>;
