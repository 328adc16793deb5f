import { maskPersonalNumbers } from '../../common/mask.js';

/**
 * What an audit line may keep of a personal number. The audit log is read at /api/audit by a
 * county administrator who is shown masked numbers everywhere else, and an export with
 * ?q=<full ID or phone> stored the number in full (security review, issue 7, item 4). So every
 * string in a line's detail is masked by pattern, not by field name, in the one function that
 * writes the log: no caller can forget, whatever it names its fields.
 *
 * Full 18-character ID numbers and mobile numbers are masked as on screen (370124********1234,
 * 139****9001) by common/mask.ts. Resident search also takes any 4–17-digit tail of an ID or a
 * phone (people.repository.ts applySearch), and a tail of ten digits or more — birth date,
 * sequence, check digit — or a 15-digit first-generation ID names a person as well as the whole
 * number does: those keep their last four only, which is what the masked forms show anyway.
 */
const LONG_DIGIT_RUN = /(?<![0-9A-Za-z*])\d{10,17}[\dXx]?(?![0-9A-Za-z*])/g;

export function maskAuditText(text: string): string {
  return maskPersonalNumbers(text).replace(LONG_DIGIT_RUN, (run) => '*'.repeat(run.length - 4) + run.slice(-4).toUpperCase());
}

/** The detail with every string in it (at any depth) masked; numbers long enough to be a phone are masked as text. */
export function maskAuditDetail(value: unknown): unknown {
  if (typeof value === 'string') return maskAuditText(value);
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1e9) {
    const masked = maskAuditText(String(value));
    return masked === String(value) ? value : masked;
  }
  if (Array.isArray(value)) return value.map(maskAuditDetail);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, maskAuditDetail(v)]));
  }
  return value;
}
