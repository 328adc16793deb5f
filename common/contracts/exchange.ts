import { z } from 'zod';
import type { Permission } from '../permissions.js';
import { timestamp } from './shared.js';

/**
 * The exchange API (server/domains/exchange): Excel templates, imports that run as jobs in the
 * background and are followed by polling, and exports of a list as the viewer sees it.
 */

/** The largest workbook an import takes, in MB (server/domains/exchange/workbook-limits.ts says why; the upload area refuses larger ones before sending). */
export const IMPORT_UPLOAD_MB = 30;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What the server sends as a file: its bytes, or a stream of them (an export is written as it is read). */
type FileBody = Uint8Array | { pipe(destination: never): unknown };

/** A downloaded workbook: the 200 of a template or an export, bytes rather than JSON (OpenAPI: a binary string). */
export const xlsxDownload = {
  description: 'Excel 工作簿（.xlsx）',
  content: { [XLSX_MEDIA_TYPE]: { schema: z.custom<FileBody>().meta({ type: 'string', format: 'binary' }) } },
};

export const IMPORT_KINDS = ['residents', 'houses', 'vehicles', 'estates', 'devices'] as const;
export const importKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof importKind>;
export const importKindParams = z.object({ kind: importKind });
/** Kinds whose rows need more than imports.run: devices are registered by those who manage them (decision 028). */
export const IMPORT_KIND_PERMISSION: Partial<Record<ImportKind, Permission>> = { devices: 'iot.manage' };

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One problem of one sheet row: a rejected row has one or more. */
export const importRowError = z.object({
  row: z.number().int(),
  /** The column's header (身份证号, 房屋标准地址 …). */
  field: z.string().optional(),
  code: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

/** What storing one batch of checked rows did; a job's counters add these up. */
export interface BatchOutcome {
  created: number;
  updated: number;
  unchanged: number;
  errors: ImportRowError[];
}

/** An accepted upload: the job to follow at /api/imports/:id. */
export const importAccepted = z.object({ id: z.number().int() });

export const importJob = z.object({
  id: z.number().int(),
  kind: importKind,
  fileName: z.string(),
  /** The region the rows went into: the importer's. */
  regionName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  /** Data rows in the sheet; 0 until counted. */
  totalRows: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  /** Why a failed job stopped, in Chinese for the report. */
  failure: z.string().nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
export type ImportJob = z.infer<typeof importJob>;
export const importJobList = z.object({ items: z.array(importJob) });

/** A job with its rejected rows: the first 5 000 (server/domains/exchange/import-jobs.repository.ts). */
export const importJobDetail = importJob.extend({ errors: z.array(importRowError) });
export type ImportJobDetail = z.infer<typeof importJobDetail>;
