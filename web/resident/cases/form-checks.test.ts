import { describe, expect, it } from 'vitest';
import { checkAttributes } from '@common/case-form';
import type { CaseFormField } from '@common/enums';
import { checkFormValues } from './form-checks';

// 废弃汽车's form in data/cases/categories.json, in short.
const FIELDS: CaseFormField[] = [
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
  { key: 'location_kind', label: '停放位置', type: 'select', required: true, options: [{ value: 'road', label: '公共道路' }] },
  { key: 'danger', label: '是否已造成危险', type: 'boolean' },
  { key: 'count', label: '数量', type: 'number' },
];
const messages = { required: (l: string) => `请填写“${l}”`, invalid: (l: string) => `“${l}”填写不正确` };

describe('checkFormValues', () => {
  it('passes good values, trimmed, and leaves out empty optional ones', () => {
    const out = checkFormValues(
      FIELDS,
      { plate: ' 鲁A12345 ', signs: ['dust'], location_kind: 'road', danger: false, count: undefined },
      messages,
    );
    expect(out.errors).toEqual({});
    expect(out.attributes).toEqual({ plate: '鲁A12345', signs: ['dust'], location_kind: 'road', danger: false });
  });

  it('names each required field left empty', () => {
    expect(checkFormValues(FIELDS, { signs: [] }, messages).errors).toEqual({
      signs: '请填写“弃用特征”',
      location_kind: '请填写“停放位置”',
    });
  });

  it('refuses values the server would refuse', () => {
    const out = checkFormValues(FIELDS, { signs: ['fire'], location_kind: 'road', count: Number.NaN }, messages);
    expect(out.errors).toEqual({ signs: '“弃用特征”填写不正确', count: '“数量”填写不正确' });
  });

  it('accepts exactly what the server accepts, and sends what the server keeps (an offline report is never refused later)', () => {
    const tries: Record<string, unknown>[] = [
      { signs: ['dust', 'dust'], location_kind: 'road' },
      { signs: ['dust'], location_kind: 'road', danger: 'yes' },
      { signs: ['rust'], location_kind: 'road', plate: 'x'.repeat(201) },
      { signs: ['dust'], location_kind: 'river' },
      { location_kind: 'road' },
      { signs: ['dust'], location_kind: 'road', count: 3, plate: '鲁A1' },
    ];
    for (const values of tries) {
      const client = checkFormValues(FIELDS, values, messages);
      const server = (() => {
        try {
          return checkAttributes(FIELDS, values);
        } catch {
          return null;
        }
      })();
      expect(Object.keys(client.errors).length === 0, JSON.stringify(values)).toBe(server !== null);
      if (server) expect(client.attributes).toEqual(server);
    }
  });
});
