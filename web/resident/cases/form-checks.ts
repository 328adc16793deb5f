import { isIsoDay } from '@common/dates';
import type { CaseFormField } from './case-types';

/**
 * The category form's values checked as the server will check them (case-report.ts
 * checkAttributes), so a report queued offline is not refused when it finally arrives.
 * Returns the values to send (empty ones left out) and a message per field that is wrong.
 */
export function checkFormValues(
  fields: CaseFormField[],
  values: Record<string, unknown>,
  messages: { required: (label: string) => string; invalid: (label: string) => string },
): { attributes: Record<string, unknown>; errors: Record<string, string> } {
  const attributes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    let value = values[field.key];
    if (typeof value === 'string') value = value.trim();
    const empty = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    if (empty) {
      if (field.required) errors[field.key] = messages.required(field.label);
      continue;
    }
    const options = new Set((field.options ?? []).map((o) => o.value));
    const ok =
      field.type === 'text' ? typeof value === 'string' && value.length <= 200
        : field.type === 'number' ? typeof value === 'number' && Number.isFinite(value)
          : field.type === 'boolean' ? typeof value === 'boolean'
            : field.type === 'date' ? isIsoDay(value)
              : field.type === 'select' ? typeof value === 'string' && options.has(value)
                : Array.isArray(value) && value.every((v) => typeof v === 'string' && options.has(v));
    if (!ok) errors[field.key] = messages.invalid(field.label);
    else attributes[field.key] = value;
  }
  return { attributes, errors };
}
