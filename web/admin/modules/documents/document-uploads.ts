import { api } from '@lib/api';
import type { DocumentDetail } from '@common/contracts/documents';

/** Uploads one file to a document (an attachment), or to one of its interpretations (a picture); answers the document as it now is. */
export function uploadDocumentFile(documentId: number, file: File, interpretationId?: number) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<DocumentDetail>(`/documents/${documentId}/files`, form, { query: { interpretationId } });
}

/** Where a file of the library is read by staff. */
export const documentFileUrl = (fileId: number) => `/api/document-files/${fileId}`;
