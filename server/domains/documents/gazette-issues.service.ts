import type { GazetteIssueDetail } from '../../../common/contracts/documents.js';
import type { AuditEntry } from '../../platform/audit.js';
import { conflict, invalid, notFound } from '../../platform/errors.js';
import { presentPrintedText } from './documents.presenter.js';
import type { GazetteIssuesRepository } from './gazette-issues.repository.js';

/** 政府公报 issues: what their services need. */
export interface GazetteIssuesDeps {
  issues: GazetteIssuesRepository;
  audit(entry: AuditEntry): Promise<unknown>;
  transaction<T>(work: (deps: GazetteIssuesDeps) => Promise<T>): Promise<T>;
  today(): string;
}

type IssueRow = NonNullable<Awaited<ReturnType<GazetteIssuesRepository['byId']>>>;
const presentIssue = (r: IssueRow, documentCount: number) => ({
  id: r.id,
  year: r.year,
  issueNumber: r.issue_number,
  title: r.title,
  publishedOn: r.published_on,
  documentCount,
});

export async function listIssues(deps: GazetteIssuesDeps, publishedOnly: boolean) {
  const rows = await deps.issues.list(publishedOnly);
  return { items: rows.map((r) => presentIssue(r, Number(r.document_count ?? 0))) };
}

/** An issue with its documents in order; the public sees published issues and their published documents. */
export async function issueDetail(deps: GazetteIssuesDeps, id: number, publishedOnly: boolean): Promise<GazetteIssueDetail> {
  const issue = await deps.issues.byId(id);
  if (!issue || (publishedOnly && issue.published_on === null)) throw notFound('公报');
  const documents = await deps.issues.documentsOf(id, publishedOnly);
  return {
    ...presentIssue(issue, documents.length),
    documents: documents.map((d) => ({
      id: d.id,
      position: d.position,
      number: d.number,
      title: d.title,
      organ: d.organ,
      dateWritten: d.date_written,
      ...presentPrintedText(d),
    })),
  };
}

export async function createIssue(deps: GazetteIssuesDeps, input: { year: number; issueNumber: number; title: string }) {
  const id = await deps.transaction(async (tx) => {
    if (await tx.issues.byNumber(input.year, input.issueNumber))
      throw conflict('GAZETTE_ISSUE_EXISTS', `${input.year}年第${input.issueNumber}期公报已存在`);
    const issueId = await tx.issues.insert({ year: input.year, issue_number: input.issueNumber, title: input.title });
    await tx.audit({ action: 'gazette_issue_created', entity: 'gazette_issue', entityId: issueId, detail: input });
    return issueId;
  });
  return issueDetail(deps, id, false);
}

/** Sets the issue's documents and their order in one write; a published issue is printed and stays as it is. */
export async function setIssueDocuments(deps: GazetteIssuesDeps, id: number, documentIds: number[]) {
  if (new Set(documentIds).size !== documentIds.length) throw invalid('GAZETTE_DUPLICATE_DOCUMENT', '同一文件在一期公报中只能出现一次');
  await deps.transaction(async (tx) => {
    const issue = await tx.issues.byId(id);
    if (!issue) throw notFound('公报');
    if (issue.published_on !== null) throw conflict('GAZETTE_ISSUE_PUBLISHED', '公报已发布，不能再调整文件');
    const known = new Set(await tx.issues.existingDocuments(documentIds));
    const unknown = documentIds.filter((d) => !known.has(d));
    if (unknown.length > 0) throw invalid('DOCUMENT_NOT_FOUND', '文件不存在', { documentIds: unknown });
    await tx.issues.replaceDocuments(id, documentIds);
    await tx.audit({ action: 'gazette_issue_documents_set', entity: 'gazette_issue', entityId: id, detail: { documentIds } });
  });
  return issueDetail(deps, id, false);
}

export async function publishIssue(deps: GazetteIssuesDeps, id: number) {
  await deps.transaction(async (tx) => {
    const issue = await tx.issues.byId(id);
    if (!issue) throw notFound('公报');
    if (issue.published_on !== null) throw conflict('GAZETTE_ISSUE_PUBLISHED', `公报已于${issue.published_on}发布`);
    if ((await tx.issues.documentsOf(id, false)).length === 0) throw conflict('GAZETTE_ISSUE_EMPTY', '公报中还没有文件，不能发布');
    await tx.issues.publish(id, deps.today());
    await tx.audit({
      action: 'gazette_issue_published',
      entity: 'gazette_issue',
      entityId: id,
      detail: { year: issue.year, issueNumber: issue.issue_number },
    });
  });
  return issueDetail(deps, id, false);
}
