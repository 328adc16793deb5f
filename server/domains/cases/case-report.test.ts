import { describe, expect, it } from 'vitest';
import type { CaseFormField } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { checkAttributes } from './case-report.js';

/** A category's form as the report must fill it: nothing missing, nothing extra, nothing malformed. */
const form: CaseFormField[] = [
  { key: 'plate', label: '号牌', type: 'text' },
  { key: 'signs', label: '弃用特征', type: 'multiselect', required: true, options: [{ value: 'dust', label: '积灰' }, { value: 'rust', label: '锈蚀' }] },
  { key: 'seen_on', label: '发现日期', type: 'date' },
  { key: 'danger', label: '是否危险', type: 'boolean' },
];
const code = (f: () => unknown) => { try { f(); } catch (e) { return (e as AppError).code; } return 'accepted'; };

describe('checkAttributes', () => {
  it('keeps what the form asks for, trimmed and de-duplicated', () => {
    expect(checkAttributes(form, { plate: ' 鲁A12345 ', signs: ['dust', 'dust', 'rust'], seen_on: '2024-02-29', danger: false }))
      .toEqual({ plate: '鲁A12345', signs: ['dust', 'rust'], seen_on: '2024-02-29', danger: false });
  });

  it('refuses a missing required field, an unknown field, an unknown option, a wrong type', () => {
    expect(code(() => checkAttributes(form, {}))).toBe('FIELD_REQUIRED');
    expect(code(() => checkAttributes(form, { signs: ['dust'], colour: 'red' }))).toBe('UNKNOWN_FIELD');
    expect(code(() => checkAttributes(form, { signs: ['burnt'] }))).toBe('FIELD_INVALID');
    expect(code(() => checkAttributes(form, { signs: ['dust'], danger: 'yes' }))).toBe('FIELD_INVALID');
  });

  it('refuses a date that does not exist', () => {
    for (const day of ['2026-02-31', '2025-02-29', '2026-13-01', '2026-1-5']) expect(code(() => checkAttributes(form, { signs: ['dust'], seen_on: day })), day).toBe('FIELD_INVALID');
  });
});
