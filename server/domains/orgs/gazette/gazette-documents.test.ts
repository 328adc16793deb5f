import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitGazette } from './gazette-documents.js';

const gazettePath = new URL('../../../../data/seed/pingyin-2023-gazette.txt', import.meta.url);
const gazette = readFileSync(gazettePath, 'utf8');
const lines = gazette.split('\n');
const documents = splitGazette(gazette);

describe('splitGazette on the 2023 gazette', () => {
  it('finds every document, in order, repeated numbers included', () => {
    expect(documents.map((d) => d.number)).toEqual([
      '平政办发〔2023〕4号',
      '平政办发〔2023〕5号',
      '平政办发〔2023〕6号',
      '平政字〔2023〕22号',
      '平政办字〔2023〕7号',
      // one reply to proposal 1102097 per proposer
      '平政办字〔2023〕9号',
      '平政办字〔2023〕9号',
      '平政办字〔2023〕9号',
    ]);
  });

  it('does not take numbers cited inside sentences for documents', () => {
    expect(gazette).toContain('（国办发〔2019〕54号）');
    expect(documents.some((d) => d.number.includes('国办发'))).toBe(false);
  });

  it('reads title, issuer and date of the 分工 notice 6号', () => {
    const doc = documents[2];
    expect(doc).toMatchObject({
      title: '平阴县人民政府办公室 关于调整县政府领导成员分工的通知',
      issuer: '平阴县人民政府办公室',
      issuedOn: '2023-09-28', // printed 2023 年 9 月 28 日
    });
    expect(doc.body.startsWith('各镇人民政府，各街道办事处')).toBe(true);
    expect(doc.body).toContain('互为 AB 角');
    expect(doc.body).not.toContain('数字人民币');
  });

  it('reads the issuer of a county government document and of a proposal reply', () => {
    expect(documents[3]).toMatchObject({ issuer: '平阴县人民政府', issuedOn: '2023-08-29' });
    expect(documents[0]).toMatchObject({ issuer: '平阴县人民政府办公室', issuedOn: '2023-07-19' });
    expect(documents[5]).toMatchObject({
      title: '对县政协十一届二次会议 第1102097号提案的答复',
      issuer: '平阴县人民政府办公室',
      issuedOn: '2023-09-26',
    });
  });

  it('keeps each proposer reply separate, attachments in the body', () => {
    const replies = documents.filter((d) => d.number === '平政办字〔2023〕9号');
    expect(replies.map((d) => d.body.split('\n')[0])).toEqual(['委员：白咸勇', '委员：徐坤', '委员：常伟青']);
    for (const reply of replies) expect(reply.body).toContain('县政协委员提案质量评议表');
  });

  it('points startLine at the title line and endLine at the last line before the next title', () => {
    for (const [k, doc] of documents.entries()) {
      expect(lines[doc.startLine - 1].trim()).toBe(doc.title);
      expect(lines[doc.startLine + 1].trim()).toBe(doc.number);
      const next = documents[k + 1];
      if (next) expect(lines.slice(doc.endLine, next.startLine - 1).every((l) => l.trim() === '')).toBe(true);
    }
    const lastNonBlank = lines.map((l) => l.trim() !== '').lastIndexOf(true);
    expect(documents.at(-1)!.endLine).toBe(lastNonBlank + 1);
  });
});

describe('splitGazette on other text', () => {
  it('handles CRLF and a document without a date line', () => {
    const text = '某县人民政府 关于某事的通知\r\n\r\n平政发〔2024〕1号\r\n\r\n正文。\r\n';
    expect(splitGazette(text)).toEqual([
      {
        number: '平政发〔2024〕1号',
        title: '某县人民政府 关于某事的通知',
        issuer: null,
        issuedOn: null,
        body: '正文。',
        startLine: 1,
        endLine: 5,
      },
    ]);
  });

  it('finds nothing in text without document numbers', () => {
    expect(splitGazette('只是一段文字。\n')).toEqual([]);
  });
});
