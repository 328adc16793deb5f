import { describe, expect, it } from 'vitest';
import { joinParagraphs } from './paragraphs.js';

const lines = (...texts: string[]) => texts.map((text, i) => ({ text, no: i + 1 }));

describe('paragraphs from a PDF copy', () => {
  it('keeps a short section heading apart, and joins a numbered item the page cut short', () => {
    const read = joinParagraphs(
      lines(
        '三、责任分工',
        '',
        '5. 县委宣传部负责做好废弃汽车治理',
        '',
        '活动的宣传工作。',
        '（二）落实部门监管责任',
        '各成员单位按照各自职责',
        '形成工作合力。',
      ),
    );
    expect(read.map((p) => [p.line, p.text])).toEqual([
      [1, '三、责任分工'],
      [3, '5.县委宣传部负责做好废弃汽车治理活动的宣传工作。'],
      [6, '（二）落实部门监管责任'],
      [7, '各成员单位按照各自职责形成工作合力。'],
    ]);
  });

  it('starts a new paragraph at a heading even when the line before ends no sentence', () => {
    const read = joinParagraphs(lines('各镇（街道）要结合年度', '（四）扩大公众参与，提升公开实效。各镇要……。'));
    expect(read.map((p) => p.text)).toEqual(['各镇（街道）要结合年度', '（四）扩大公众参与，提升公开实效。各镇要……。']);
  });
});
