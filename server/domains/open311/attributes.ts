import type { CaseFormField } from '../../platform/db/schema.js';
import { invalid } from '../../platform/errors.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { parseW3cDateTime } from '../../../common/contracts/open311.js';
import { publicFields } from './open311.presenter.js';

/**
 * The spec's attribute values (always text in a form) as the category form's values. Only
 * public fields may be given: a client never saw the others. reportCase then checks required
 * fields, options and lengths as it does for every report.
 */
export function caseAttributes(form: CaseFormField[], given: Record<string, string | string[]>): Record<string, unknown> {
  const fields = new Map(publicFields(form).map((f) => [f.key, f]));
  const unknown = Object.keys(given).filter((k) => !fields.has(k));
  if (unknown.length) throw invalid('UNKNOWN_FIELD', `该服务没有这些属性：${unknown.join('、')}`, { fields: unknown });
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    const field = fields.get(key)!;
    if (field.type === 'multiselect') {
      out[key] = (Array.isArray(value) ? value : [value]).filter(Boolean);
      continue;
    }
    if (Array.isArray(value) && value.length !== 1) throw invalid('FIELD_INVALID', `“${field.label}”只能填一个值`, { field: key });
    const text = Array.isArray(value) ? value[0] : value;
    if (text !== '') out[key] = scalarOf(field, text);
  }
  return out;
}

function scalarOf(field: CaseFormField, text: string): unknown {
  const wrong = () => invalid('FIELD_INVALID', `“${field.label}”填写不正确`, { field: field.key });
  switch (field.type) {
    case 'number':
      if (!/^-?\d+(\.\d+)?$/.test(text)) throw wrong();
      return Number(text);
    case 'boolean':
      if (['true', '1', '是'].includes(text)) return true;
      if (['false', '0', '否'].includes(text)) return false;
      throw wrong();
    case 'date': {
      const at = parseW3cDateTime(text);
      if (!at) throw wrong();
      return localDateOf(at);
    }
    default:
      return text;
  }
}
