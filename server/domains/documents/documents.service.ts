import {
  STANDARD_THEMES,
  type CreateInterpretationInput,
  type DocumentDetail,
  type DocumentItem,
  type DocumentQuery,
  type OpenDocumentDetail,
  type OpenDocumentFacets,
  type OpenDocumentItem,
  type OpenDocumentQuery,
  type PublishDocumentInput,
  type UpdateDocumentInput,
} from '../../../common/contracts/documents.js';
import type { Page } from '../../../common/contracts/shared.js';
import type { AuditEntry } from '../../platform/audit.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Updateable } from 'kysely';
import type { DocumentDisclosure, DocumentTable } from '../../platform/db/schema.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { offsetOf } from '../../platform/paging.js';
import { searchQueryOf } from '../../platform/search/chinese-words.js';
import type { DocumentExtrasRepository } from './document-extras.repository.js';
import type { DocumentsRepository } from './documents.repository.js';
import { presentDetail, presentItem, presentOpenDetail, presentOpenItem } from './documents.presenter.js';

/** What the library's services need: its repositories, the audit log, a transaction, today. */
export interface DocumentsDeps {
  documents: DocumentsRepository;
  extras: DocumentExtrasRepository;
  audit(entry: AuditEntry): Promise<unknown>;
  /** Runs the work with deps on one transaction. */
  transaction<T>(work: (deps: DocumentsDeps) => Promise<T>): Promise<T>;
  /** Today in the county, YYYY-MM-DD. */
  today(): string;
}

/** The words a snippet marks, and the filter the repository reads. */
function filterOf(query: OpenDocumentQuery) {
  const search = query.q ? searchQueryOf(query.q) : null;
  if (query.q && !search) throw invalid('SEARCH_NO_WORDS', '搜索词中没有可以检索的文字，请输入汉字、字母或数字');
  return {
    terms: search?.terms ?? [],
    filter: { query: search?.tsquery, year: query.year, organ: query.organ, theme: query.theme, validity: query.validity },
  };
}

export async function listOpenDocuments(deps: DocumentsDeps, query: OpenDocumentQuery): Promise<Page<OpenDocumentItem>> {
  const { terms, filter } = filterOf(query);
  const { rows, total } = await deps.documents.list({ ...filter, publicOnly: true }, { offset: offsetOf(query), limit: query.pageSize });
  return { items: rows.map((r) => presentOpenItem(r, terms)), total };
}

export async function listDocuments(deps: DocumentsDeps, query: DocumentQuery): Promise<Page<DocumentItem>> {
  const { terms, filter } = filterOf(query);
  const { rows, total } = await deps.documents.list(
    { ...filter, disclosure: query.disclosure, published: query.published === undefined ? undefined : query.published === 'yes' },
    { offset: offsetOf(query), limit: query.pageSize },
  );
  return { items: rows.map((r) => presentItem(r, terms)), total };
}

export async function openDocumentDetail(deps: DocumentsDeps, id: number): Promise<OpenDocumentDetail> {
  const row = await deps.documents.byId(id, true);
  if (!row) throw notFound('文件');
  return presentOpenDetail(row, await deps.extras.interpretationsOf(id), await deps.extras.filesOf(id));
}

export async function documentDetail(deps: DocumentsDeps, id: number): Promise<DocumentDetail> {
  const row = await deps.documents.byId(id);
  if (!row) throw notFound('文件');
  const [interpretations, files, exemption, withdrawals] = await Promise.all([
    deps.extras.interpretationsOf(id),
    deps.extras.filesOf(id),
    deps.extras.exemptionOf(id),
    deps.extras.withdrawalsOf(id),
  ]);
  return presentDetail(row, interpretations, files, exemption, withdrawals);
}

export async function openFacets(deps: DocumentsDeps): Promise<OpenDocumentFacets> {
  return deps.documents.facets();
}

export async function themeSuggestions(deps: DocumentsDeps) {
  return { inUse: await deps.documents.themesInUse(), standard: [...STANDARD_THEMES] };
}

/** Themes as a person lists them, each once. */
export const themesOf = (themes: string[]) => [...new Set(themes.map((t) => t.trim()))];

/**
 * A person's choice of the disclosure attribute, with the ground the law asks for when it is not
 * 主动公开 (政府信息公开条例 第十四至十六条); remembered as theirs, so a re-import leaves it.
 */
export function disclosureDecided(viewer: Viewer, disclosure: DocumentDisclosure, givenReason: string | null | undefined) {
  const reason = disclosure === 'public' ? null : givenReason?.trim() || null;
  if (disclosure !== 'public' && !reason)
    throw invalid('DISCLOSURE_REASON_REQUIRED', '依申请公开和不予公开的文件须说明理由（依据）', { field: 'disclosureReason' });
  return { disclosure, disclosure_reason: reason, disclosure_decided_by: viewer.userId };
}

/**
 * A person's changes to a document: its disclosure attribute (with the reason the law asks for
 * 依申请公开 and 不予公开), themes, validity (with its day), and the policy flags. A published
 * document keeps its attribute: it is public already.
 */
export async function updateDocument(deps: DocumentsDeps, viewer: Viewer, id: number, input: UpdateDocumentInput): Promise<DocumentDetail> {
  await deps.transaction(async (tx) => {
    const row = await tx.documents.lockById(id);
    if (!row) throw notFound('文件');
    const set: Updateable<DocumentTable> = {};
    if (input.disclosure !== undefined || input.disclosureReason !== undefined) {
      const disclosure = input.disclosure ?? row.disclosure;
      if (disclosure === null) throw invalid('DISCLOSURE_REQUIRED', '请先选择公开属性');
      if (row.published_on !== null && disclosure !== row.disclosure)
        throw conflict('DOCUMENT_PUBLISHED', '文件已主动公开发布，不能再更改公开属性');
      Object.assign(set, disclosureDecided(viewer, disclosure, input.disclosureReason ?? row.disclosure_reason));
    }
    if (input.themes !== undefined) set.themes = themesOf(input.themes);
    if (input.validity !== undefined || input.validityOn !== undefined) {
      const validity = input.validity ?? row.validity;
      const on = validity === 'valid' ? null : (input.validityOn ?? (input.validity === undefined ? row.validity_on : null));
      if (validity !== 'valid' && !on)
        throw invalid('VALIDITY_DATE_REQUIRED', '废止或失效的文件须填写废止（失效）日期', { field: 'validityOn' });
      if (on && row.date_written && on < row.date_written)
        throw invalid('VALIDITY_DATE_BEFORE_WRITTEN', '废止（失效）日期不能早于成文日期', { field: 'validityOn' });
      Object.assign(set, { validity, validity_on: on });
    }
    if (input.isPolicy !== undefined) set.is_policy = input.isPolicy;
    if (input.isNormative !== undefined) set.is_normative = input.isNormative;
    await tx.documents.update(id, set);
    await tx.audit({ action: 'document_updated', entity: 'document', entityId: id, detail: { number: row.number, ...input } });
  });
  return documentDetail(deps, id);
}

/**
 * 主动公开: publishes a public document. 三同步 (2023 政务公开工作要点): a policy document goes out
 * with its interpretation; without one only when the publisher records why.
 */
export async function publishDocument(
  deps: DocumentsDeps,
  viewer: Viewer,
  id: number,
  input: PublishDocumentInput,
): Promise<DocumentDetail> {
  await deps.transaction(async (tx) => {
    const row = await tx.documents.lockById(id);
    if (!row) throw notFound('文件');
    if (row.published_on !== null) throw conflict('DOCUMENT_ALREADY_PUBLISHED', `文件已于${row.published_on}公开发布`);
    if (row.disclosure === null) throw conflict('DISCLOSURE_UNDECIDED', '公开属性待确认：请先确定公开属性，再发布');
    if (row.disclosure !== 'public') throw conflict('DOCUMENT_NOT_PUBLIC', '只有公开属性为“主动公开”的文件可以发布');
    const interpreted = (await tx.extras.interpretationsOf(id)).length > 0;
    const exempt = row.is_policy && !interpreted;
    if (exempt && !input.syncExemptionReason)
      throw conflict('INTERPRETATION_REQUIRED', '政策性文件须与解读同步发布（三同步）：请先添加解读，或填写不同步发布的理由', {
        field: 'syncExemptionReason',
      });
    if (exempt) await tx.extras.recordExemption(id, input.syncExemptionReason!, viewer.userId);
    await tx.documents.update(id, { published_on: deps.today(), published_by: viewer.userId });
    await tx.audit({
      action: 'document_published',
      entity: 'document',
      entityId: id,
      detail: { number: row.number, ...(exempt ? { syncExemptionReason: input.syncExemptionReason } : {}) },
    });
  });
  return documentDetail(deps, id);
}

export async function addInterpretation(deps: DocumentsDeps, viewer: Viewer, id: number, input: CreateInterpretationInput) {
  await deps.transaction(async (tx) => {
    const row = await tx.documents.lockById(id);
    if (!row) throw notFound('文件');
    const interpretationId = await tx.extras.insertInterpretation({
      document_id: id,
      kind: input.kind,
      title: input.title,
      body: input.body ?? null,
      qa: JSON.stringify(input.qa ?? []),
      url: input.url ?? null,
      created_by: viewer.userId,
    });
    await tx.audit({
      action: 'document_interpretation_added',
      entity: 'document',
      entityId: id,
      detail: { interpretationId, title: input.title },
    });
  });
  return documentDetail(deps, id);
}

export async function removeInterpretation(deps: DocumentsDeps, id: number, interpretationId: number) {
  await deps.transaction(async (tx) => {
    const row = await tx.documents.lockById(id);
    if (!row) throw notFound('文件');
    // A published policy document keeps what it was published with, unless an exemption says why not.
    const remaining = (await tx.extras.interpretationsOf(id)).filter((i) => i.id !== interpretationId).length;
    if (row.published_on !== null && row.is_policy && remaining === 0 && !(await tx.extras.exemptionOf(id)))
      throw conflict('INTERPRETATION_REQUIRED', '已发布的政策性文件须保留至少一篇解读（三同步）');
    if (!(await tx.extras.deleteInterpretation(id, interpretationId))) throw notFound('解读');
    await tx.audit({ action: 'document_interpretation_removed', entity: 'document', entityId: id, detail: { interpretationId } });
  });
  return documentDetail(deps, id);
}

/** The library's figures for the year's 政府信息公开工作年度报告 (table 二, and 三同步). */
export async function annualReport(deps: DocumentsDeps, year: number) {
  const f = await deps.documents.annualFigures(year);
  return {
    year,
    normative: { issued: f.issued, repealed: f.repealed, inForce: f.inForce },
    published: f.published,
    policyPublished: f.policy,
    policyInterpreted: f.interpreted,
  };
}
