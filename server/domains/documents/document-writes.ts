import type { CreateDocumentInput, DocumentDetail, DocumentTextInput, WithdrawDocumentInput } from '../../../common/contracts/documents.js';
import type { DocumentNumber } from '../../../common/contracts/gazette.js';
import { readTypedDocumentNumber } from '../../../common/document-number.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { conflict, invalid, isUniqueViolation, notFound } from '../../platform/errors.js';
import { assertSameRequest, fingerprintOf } from '../../platform/idempotency.js';
import { typedTextColumns } from './document-text.js';
import { disclosureDecided, documentDetail, themesOf, type DocumentsDeps } from './documents.service.js';
import { numberColumnsOf } from './index-number.js';

/**
 * What a person writes of the library's documents beside the gazette import (docs/decisions/043):
 * a document entered by hand, its text edited while unpublished, and a publication withdrawn
 * (撤回). Each is one transaction with its audit line; a wrong transition has its own code.
 */

/** The typed number, read by GB/T 9704 as the gazette's reader reads it (common/document-number.ts). */
function typedNumber(text: string) {
  const read = readTypedDocumentNumber(text);
  if (!read.ok) throw invalid('DOCUMENT_NUMBER_INVALID', read.message, { field: 'number' });
  return read.number;
}

/** Whether another document of the library has the number (the unique index answers a race). */
async function isNumberTaken(deps: DocumentsDeps, number: DocumentNumber, exceptId?: number) {
  const [taken] = await deps.documents.byKeys([number]);
  return taken !== undefined && taken.id !== exceptId;
}

const numberTaken = (number: string) => conflict('DOCUMENT_NUMBER_EXISTS', `文件库中已有发文字号为 ${number} 的文件`, { field: 'number' });

/** 成文日期 is a day that has come: a document is not written tomorrow. */
function assertWritten(deps: DocumentsDeps, input: DocumentTextInput) {
  if (input.dateWritten > deps.today()) throw invalid('DATE_WRITTEN_FUTURE', '成文日期不能晚于今天', { field: 'dateWritten' });
}

/**
 * 新建文件: a document no gazette prints, entered by hand. Without a disclosure attribute it is
 * 待确认, as an import leaves it. Sent again under the same Idempotency-Key it answers the first
 * document; the same key with another body is 422. Two entries of one number at once meet on
 * the number's unique index: the loser is told the number is taken.
 */
export async function createDocument(
  deps: DocumentsDeps,
  viewer: Viewer,
  input: CreateDocumentInput,
  idempotencyKey?: string,
): Promise<DocumentDetail> {
  const key = idempotencyKey ? `user:${viewer.userId}:${idempotencyKey}` : null;
  const fingerprint = fingerprintOf(input);
  const replay = async () => {
    const earlier = key ? await deps.documents.byIdempotencyKey(key) : undefined;
    if (!earlier) return undefined;
    assertSameRequest(earlier.idempotency_fingerprint, fingerprint);
    return documentDetail(deps, earlier.id);
  };
  const earlier = await replay();
  if (earlier) return earlier;
  assertWritten(deps, input);
  const number = typedNumber(input.number);
  // The number is taken: by this key's first try, which answers a retry (it may have committed
  // since the replay above), or by another document.
  const taken = async () => {
    const winner = await replay();
    if (winner) return winner;
    throw numberTaken(number.text);
  };
  if (await isNumberTaken(deps, number)) return taken();
  const create = deps.transaction(async (tx) => {
    const id = await tx.documents.insert({
      ...numberColumnsOf(number),
      ...typedTextColumns(input),
      ...(input.disclosure ? disclosureDecided(viewer, input.disclosure, input.disclosureReason) : {}),
      themes: themesOf(input.themes ?? []),
      is_policy: input.isPolicy ?? false,
      is_normative: input.isNormative ?? false,
      entered_by: viewer.userId,
      idempotency_key: key,
      idempotency_fingerprint: key ? fingerprint : null,
    });
    await tx.audit({
      action: 'document_created',
      entity: 'document',
      entityId: id,
      detail: { number: number.text, title: input.title, disclosure: input.disclosure ?? null },
    });
    return id;
  });
  let id: number;
  try {
    id = await create;
  } catch (e) {
    // Two tries at once met on the key's or the number's unique index, and this one lost.
    if (isUniqueViolation(e)) return taken();
    throw e;
  }
  return documentDetail(deps, id);
}

/**
 * 编辑正文: the text of a document not published. A published one is not changed in place —
 * the public has read it; it is withdrawn first. The number of a document a gazette printed is
 * the gazette's (a re-import finds the document by it), so it stays; the rest of its text may be
 * corrected, and a re-import of that gazette puts the printed text back (decision 043).
 */
export async function editDocumentText(deps: DocumentsDeps, id: number, input: DocumentTextInput): Promise<DocumentDetail> {
  assertWritten(deps, input);
  const number = typedNumber(input.number);
  try {
    await deps.transaction(async (tx) => {
      const row = await tx.documents.lockById(id);
      if (!row) throw notFound('文件');
      if (row.published_on !== null)
        throw conflict('DOCUMENT_PUBLISHED', `文件已于${row.published_on}公开发布，正文不能直接修改：请先撤回发布，修改后再发布`);
      if (await isNumberTaken(tx, number, id)) throw numberTaken(number.text);
      if (row.import_source !== null && number.text !== row.number)
        throw conflict('DOCUMENT_NUMBER_FROM_GAZETTE', `发文字号 ${row.number} 是公报刊登的，不能修改`, { field: 'number' });
      await tx.documents.update(id, { ...numberColumnsOf(number), ...typedTextColumns(input) });
      await tx.audit({
        action: 'document_text_edited',
        entity: 'document',
        entityId: id,
        detail: { number: number.text, ...(number.text !== row.number ? { previousNumber: row.number } : {}) },
      });
    });
  } catch (e) {
    // Another edit or entry took the number between the check and the write.
    if (isUniqueViolation(e)) throw numberTaken(number.text);
    throw e;
  }
  return documentDetail(deps, id);
}

/**
 * 撤回发布: the document leaves the public column (list, page, .docx, files) and keeps its
 * record; the withdrawal (who, when, why, the publication it ends) is kept and shown. Withdrawing
 * is a person's decision of its publication, so it is remembered as theirs
 * (`disclosure_decided_by`): a later gazette import does not publish it again. It may be
 * published again by hand, under 三同步 as the first time. A published gazette issue that
 * printed it keeps it in its admin view; the public page lists published documents only.
 */
export async function withdrawDocument(
  deps: DocumentsDeps,
  viewer: Viewer,
  id: number,
  input: WithdrawDocumentInput,
): Promise<DocumentDetail> {
  await deps.transaction(async (tx) => {
    const row = await tx.documents.lockById(id);
    if (!row) throw notFound('文件');
    if (row.published_on === null) throw conflict('DOCUMENT_NOT_PUBLISHED', '文件尚未公开发布，无需撤回');
    await tx.extras.insertWithdrawal({
      document_id: id,
      published_on: row.published_on,
      reason: input.reason,
      withdrawn_by: viewer.userId,
    });
    await tx.documents.update(id, { published_on: null, published_by: null, disclosure_decided_by: viewer.userId });
    await tx.audit({
      action: 'document_withdrawn',
      entity: 'document',
      entityId: id,
      detail: { number: row.number, publishedOn: row.published_on, reason: input.reason },
    });
  });
  return documentDetail(deps, id);
}
