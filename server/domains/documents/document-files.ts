import type { FileStore } from '../../platform/files.js';
import type { Viewer } from '../../platform/auth/viewer.js';
import { invalid, notFound } from '../../platform/errors.js';
import type { DocumentsDeps } from './documents.service.js';
import { documentDetail } from './documents.service.js';

/** Uploaded attachments of a document (the gazette prints their names only) and pictures of its interpretations. */
const ATTACHMENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.ofd': 'application/ofd',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};
const PICTURE_TYPES = new Set(['.jpg', '.jpeg', '.png']);
/** The first bytes of each picture type: a picture is shown in pages, so its content must be what its name says. */
const PICTURE_MAGIC: Record<string, number[]> = {
  '.jpg': [0xff, 0xd8, 0xff],
  '.jpeg': [0xff, 0xd8, 0xff],
  '.png': [0x89, 0x50, 0x4e, 0x47],
};

export interface Upload {
  fileName: string;
  content: Buffer;
}

const extensionOf = (name: string) => /\.[a-z0-9]{1,5}$/i.exec(name)?.[0].toLowerCase() ?? '';

export async function uploadDocumentFile(
  deps: DocumentsDeps & { files: FileStore },
  viewer: Viewer,
  id: number,
  upload: Upload,
  interpretationId: number | null,
) {
  const ext = extensionOf(upload.fileName);
  const allowed = interpretationId === null ? ext in ATTACHMENT_TYPES : PICTURE_TYPES.has(ext);
  if (!allowed)
    throw invalid('FILE_TYPE', interpretationId === null ? '附件须为 PDF、OFD、Word、Excel 或 JPG/PNG 图片' : '解读图片须为 JPG 或 PNG', {
      fileName: upload.fileName,
    });
  if (upload.content.length === 0) throw invalid('FILE_EMPTY', '文件是空的');
  const magic = PICTURE_MAGIC[ext];
  if (magic && !magic.every((b, i) => upload.content[i] === b)) throw invalid('FILE_TYPE', '图片内容与文件类型不符');
  await deps.transaction(async (tx) => {
    if (!(await tx.documents.lockById(id))) throw notFound('文件');
    if (interpretationId !== null && !(await tx.extras.interpretationsOf(id)).some((i) => i.id === interpretationId))
      throw notFound('解读');
    const stored = await deps.files.put('documents', upload.content, ext);
    const fileId = await tx.extras.insertFile({
      document_id: id,
      interpretation_id: interpretationId,
      file_name: upload.fileName.slice(-200),
      mime: ATTACHMENT_TYPES[ext],
      size: stored.size,
      sha256: stored.sha256,
      path: stored.path,
      uploaded_by: viewer.userId,
    });
    await tx.audit({ action: 'document_file_uploaded', entity: 'document', entityId: id, detail: { fileId, fileName: upload.fileName } });
  });
  return documentDetail(deps, id);
}

export async function removeDocumentFile(deps: DocumentsDeps, fileId: number) {
  const file = await deps.extras.fileById(fileId);
  if (!file) throw notFound('附件');
  await deps.transaction(async (tx) => {
    await tx.extras.deleteFile(fileId);
    await tx.audit({
      action: 'document_file_removed',
      entity: 'document',
      entityId: file.document_id,
      detail: { fileId, fileName: file.file_name },
    });
  });
  return documentDetail(deps, file.document_id);
}

/** A stored file: the public may fetch those of published documents only. */
export async function documentFile(deps: DocumentsDeps, fileId: number, publicOnly: boolean) {
  const file = await deps.extras.fileById(fileId);
  if (!file || (publicOnly && file.published_on === null)) throw notFound('附件');
  return file;
}
