import { describe, expect, it } from 'vitest';
import type { CaseFormField } from './enums.js';
import { CaseFormError, checkAttributes, checkFormField } from './case-form.js';

/** A category's form as a report must fill it: nothing missing, nothing extra, nothing malformed (server and H5 alike). */
const form: CaseFormField[] = [
  { key: 'plate', label: '号牌', type: 'text' },
  {
    key: 'signs',
    label: '弃用特征',
    type: 'multiselect',
    required: true,
    options: [
      { value: 'dust', label: '积灰' },
      { value: 'rust', label: '锈蚀' },
    ],
  },
  { key: 'seen_on', label: '发现日期', type: 'date' },
  { key: 'danger', label: '是否危险', type: 'boolean' },
];
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as CaseFormError;
  }
  throw new Error('accepted');
};

describe('checkAttributes', () => {
  it('keeps what the form asks for, trimmed and de-duplicated', () => {
    expect(checkAttributes(form, { plate: ' 鲁A12345 ', signs: ['dust', 'dust', 'rust'], seen_on: '2024-02-29', danger: false })).toEqual({
      plate: '鲁A12345',
      signs: ['dust', 'rust'],
      seen_on: '2024-02-29',
      danger: false,
    });
  });

  it('refuses a missing required field, an unknown field, an unknown option, a wrong type, with the code and message the API answers', () => {
    expect(refusal(() => checkAttributes(form, {}))).toMatchObject({
      code: 'FIELD_REQUIRED',
      message: '请填写“弃用特征”',
      details: { field: 'signs' },
    });
    expect(refusal(() => checkAttributes(form, { signs: ['dust'], colour: 'red' }))).toMatchObject({
      code: 'UNKNOWN_FIELD',
      details: { fields: ['colour'] },
    });
    expect(refusal(() => checkAttributes(form, { signs: ['burnt'] }))).toMatchObject({
      code: 'FIELD_INVALID',
      message: '“弃用特征”填写不正确',
    });
    expect(refusal(() => checkAttributes(form, { signs: ['dust'], danger: 'yes' })).code).toBe('FIELD_INVALID');
  });

  it('refuses a date that does not exist', () => {
    for (const day of ['2026-02-31', '2025-02-29', '2026-13-01', '2026-1-5'])
      expect(refusal(() => checkAttributes(form, { signs: ['dust'], seen_on: day })).code, day).toBe('FIELD_INVALID');
  });
});

describe('checkFormField', () => {
  it('answers field by field what checkAttributes refuses first, so a form can mark every wrong field at once', () => {
    expect(checkFormField(form[1], [])).toEqual({ ok: false, code: 'FIELD_REQUIRED' });
    expect(checkFormField(form[0], undefined)).toEqual({ ok: true, value: undefined });
    expect(checkFormField(form[2], '2026-02-31')).toEqual({ ok: false, code: 'FIELD_INVALID' });
    expect(checkFormField(form[0], 'x'.repeat(201))).toEqual({ ok: false, code: 'FIELD_INVALID' });
    expect(checkFormField(form[3], true)).toEqual({ ok: true, value: true });
  });
});
