import { checkFormField } from '@common/case-form';
import type { CaseFormField } from '@common/enums';

/**
 * The category form's values checked by the server's own rule (common/case-form.ts, which
 * cases/report.ts refuses reports with), so a report queued offline is not refused when it
 * finally arrives. Typed text is trimmed first, as the form shows it. Returns the values to send
 * (empty ones left out) and a message per field that is wrong, in the client's language.
 */
export function checkFormValues(
  fields: CaseFormField[],
  values: Record<string, unknown>,
  messages: { required: (label: string) => string; invalid: (label: string) => string },
): { attributes: Record<string, unknown>; errors: Record<string, string> } {
  const attributes: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = values[field.key];
    const checked = checkFormField(field, typeof value === 'string' ? value.trim() : value);
    if (!checked.ok) errors[field.key] = checked.code === 'FIELD_REQUIRED' ? messages.required(field.label) : messages.invalid(field.label);
    else if (checked.value !== undefined) attributes[field.key] = checked.value;
  }
  return { attributes, errors };
}
