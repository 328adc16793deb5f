import { createDocumentBody, type CreateDocumentInput, type DocumentDetail } from '@common/contracts/documents';
import { readTypedDocumentNumber } from '@common/document-number';

/** The 新建文件 / 编辑正文 form as typed: lists as text, a name per line or between 、，; a paragraph per line. */
export interface DocumentForm {
  number: string;
  organ: string;
  title: string;
  addressees: string;
  dateWritten: string;
  paragraphs: string;
  copyTo: string;
  disclosure: string;
  disclosureReason: string;
  isPolicy: boolean;
  isNormative: boolean;
}

const names = (text: string) =>
  text
    .split(/[、，,;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
const lines = (text: string) =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

export const formOf = (d: DocumentDetail | null): DocumentForm => ({
  number: d?.number ?? '',
  organ: d?.organ ?? '',
  title: d?.title ?? '',
  addressees: d?.addressees.join('、') ?? '',
  dateWritten: d?.dateWritten ?? '',
  paragraphs: d?.paragraphs.join('\n') ?? '',
  copyTo: d?.copyTo.join('、') ?? '',
  disclosure: d?.disclosure ?? '',
  disclosureReason: d?.disclosureReason ?? '',
  isPolicy: d?.isPolicy ?? false,
  isNormative: d?.isNormative ?? false,
});

export type FieldErrors = Partial<Record<keyof DocumentForm, string>>;

/**
 * The body the form sends, checked by the server's own contract and number reader
 * (common/document-number.ts): either the body, or each field's problem in words.
 */
export function bodyOf(form: DocumentForm): { body: CreateDocumentInput } | { errors: FieldErrors } {
  const checked = createDocumentBody.safeParse({
    number: form.number,
    organ: form.organ,
    title: form.title,
    addressees: names(form.addressees),
    dateWritten: form.dateWritten,
    paragraphs: lines(form.paragraphs),
    copyTo: names(form.copyTo),
    ...(form.disclosure
      ? { disclosure: form.disclosure, disclosureReason: form.disclosure === 'public' ? null : form.disclosureReason }
      : {}),
    isPolicy: form.isPolicy,
    isNormative: form.isNormative,
  });
  const errors: FieldErrors = {};
  if (!checked.success)
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0]) as keyof DocumentForm;
      errors[field] ??= issue.message;
    }
  const number = readTypedDocumentNumber(form.number.trim());
  if (form.number.trim() && !number.ok) errors.number ??= number.message;
  if (form.disclosure && form.disclosure !== 'public' && !form.disclosureReason.trim())
    errors.disclosureReason ??= '依申请公开和不予公开的文件须说明理由（依据）';
  return checked.success && Object.keys(errors).length === 0 ? { body: checked.data } : { errors };
}
