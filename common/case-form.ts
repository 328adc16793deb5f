import type { CaseFormField } from './enums.js';
import { isIsoDay } from './dates.js';

/**
 * The extra fields of a case category's form (data/cases/categories.json), checked the one way:
 * the server refuses a report with it (cases/report.ts) and the H5 client checks a report before
 * queueing it offline (web/resident/cases/form-checks.ts), so a report that waited for the
 * network is not refused when it arrives.
 */
/** The photos one report or one step carries, at most (the server refuses more; the H5 picker stops there). */
export const MAX_CASE_PHOTOS = 9;
/** The largest photo the server takes, in MB (server/platform/photos PHOTO_LIMITS; both clients refuse larger ones before uploading). */
export const CASE_PHOTO_MAX_MB = 15;

export type FormFieldCheck = { ok: true; value: unknown } | { ok: false; code: 'FIELD_REQUIRED' | 'FIELD_INVALID' };

const isEmpty = (value: unknown) => value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** One field's value as it is kept (undefined: left empty), or why it is refused. */
export function checkFormField(field: CaseFormField, value: unknown): FormFieldCheck {
  if (isEmpty(value)) return field.required ? { ok: false, code: 'FIELD_REQUIRED' } : { ok: true, value: undefined };
  const kept = keptValue(field, value);
  return kept === REFUSED ? { ok: false, code: 'FIELD_INVALID' } : { ok: true, value: kept };
}

const REFUSED = Symbol('refused');

function keptValue(field: CaseFormField, value: unknown): unknown {
  const options = new Set(field.options?.map((o) => o.value));
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 200 ? value.trim() : REFUSED;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : REFUSED;
    case 'boolean':
      return typeof value === 'boolean' ? value : REFUSED;
    case 'date':
      return isIsoDay(value) ? value : REFUSED;
    case 'select':
      return typeof value === 'string' && options.has(value) ? value : REFUSED;
    case 'multiselect':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && options.has(v)) ? [...new Set(value)] : REFUSED;
  }
}

/** A refused form, with the stable code and the Chinese message the API answers with. */
export class CaseFormError extends Error {
  constructor(
    readonly code: 'UNKNOWN_FIELD' | 'FIELD_REQUIRED' | 'FIELD_INVALID',
    message: string,
    readonly details: { fields: string[] } | { field: string },
  ) {
    super(message);
  }
}

/** The category's form fields as sent: required ones present, types and options right, nothing extra. */
export function checkAttributes(form: CaseFormField[], attributes: Record<string, unknown>): Record<string, unknown> {
  const fields = new Set(form.map((f) => f.key));
  const unknown = Object.keys(attributes).filter((k) => !fields.has(k));
  if (unknown.length) throw new CaseFormError('UNKNOWN_FIELD', `该分类没有这些填写项：${unknown.join('、')}`, { fields: unknown });
  const out: Record<string, unknown> = {};
  for (const field of form) {
    const checked = checkFormField(field, attributes[field.key]);
    if (!checked.ok) {
      const message = checked.code === 'FIELD_REQUIRED' ? `请填写“${field.label}”` : `“${field.label}”填写不正确`;
      throw new CaseFormError(checked.code, message, { field: field.key });
    }
    if (checked.value !== undefined) out[field.key] = checked.value;
  }
  return out;
}
