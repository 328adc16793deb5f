import { describe, expect, it } from 'vitest';
import { bodyOf, formOf } from './document-form';

const form = (overrides = {}) => ({
  ...formOf(null),
  number: '平农发〔2026〕3号',
  organ: '平阴县农业农村局',
  title: '关于做好春季管护工作的通知',
  addressees: '各镇（街道）、县直各部门\n',
  dateWritten: '2026-03-02',
  paragraphs: '第一段。\n\n第二段。',
  ...overrides,
});

describe('the document form', () => {
  it('turns lists typed as text into the body, one paragraph a line', () => {
    expect(bodyOf(form())).toEqual({
      body: expect.objectContaining({ addressees: ['各镇（街道）', '县直各部门'], paragraphs: ['第一段。', '第二段。'], copyTo: [] }),
    });
  });

  it('says what is wrong with each field, in words, by the server rules', () => {
    const result = bodyOf(form({ number: '平农发〔2026〕03号', title: ' ', paragraphs: '', disclosure: 'not_public' }));
    expect(result).toEqual({
      errors: {
        number: expect.stringContaining('应写作 平农发〔2026〕3号'),
        title: '请填写标题',
        paragraphs: '请填写正文',
        disclosureReason: expect.stringContaining('须说明理由'),
      },
    });
  });
});
