import { describe, expect, it } from 'vitest';
import { zipEntry } from '../../test/zip-entry.js';
import { officialDocumentDocx, type OfficialDocumentContent } from './official-document.js';

const NOTICE: OfficialDocumentContent = {
  organName: '平阴县人民政府办公室',
  number: '平政办发〔2023〕5号',
  title: '平阴县人民政府办公室关于印发2023年平阴县政务公开工作要点的通知',
  addressees: ['各镇人民政府', '各街道办事处'],
  paragraphs: ['《2023年平阴县政务公开工作要点》已经县政府同意，现印发给你们，请结合实际认真贯彻落实。'],
  attachmentNotes: [],
  signature: '平阴县人民政府办公室',
  dateWritten: '2023-07-28',
  note: '（此件公开发布）',
  appendices: [],
  copyTo: ['县委办公室', '县人大常委会办公室'],
  printedBy: '平阴县人民政府办公室',
  printedOn: '2023-07-28',
};

const bodyOf = async (content: OfficialDocumentContent) => zipEntry(await officialDocumentDocx(content), 'word/document.xml')!;

describe('the 版记 of a GB/T 9704 .docx', () => {
  it('stands at the foot of the last page: a table floated to the bottom margin, 抄送 then 印发, ruled thick outside and thin between', async () => {
    const xml = await bodyOf(NOTICE);
    const table = /<w:tbl>(.*?)<\/w:tbl>/s.exec(xml)![1];
    expect(table).toMatch(/<w:tblpPr[^>]*w:tblpYSpec="bottom"[^>]*w:vertAnchor="margin"/);
    expect(table).toMatch(/<w:top w:val="single"[^>]*w:sz="8"/);
    expect(table).toMatch(/<w:bottom w:val="single"[^>]*w:sz="8"/);
    expect(table).toMatch(/<w:insideH w:val="single"[^>]*w:sz="4"/);
    const rows = [...table.matchAll(/<w:t xml:space="preserve">([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(rows).toEqual(['抄送：县委办公室，县人大常委会办公室。', '平阴县人民政府办公室\t2023年7月28日印发']);
    // The floating table hangs on a paragraph after it, the body's last.
    expect(xml).toMatch(/<\/w:tbl><w:p\/?>(<\/w:p>)?<w:sectPr>/);
  });

  it('is left out when there is nothing to copy to and no 印发 line', async () => {
    const xml = await bodyOf({ ...NOTICE, copyTo: [], printedBy: null, printedOn: null });
    expect(xml).not.toContain('<w:tbl>');
    expect(xml).not.toContain('印发</w:t>');
  });
});
