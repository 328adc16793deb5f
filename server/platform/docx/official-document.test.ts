import { describe, expect, it } from 'vitest';
import { zipEntry } from '../../test/zip-entry.js';
import { columnWidths, officialDocumentDocx, type OfficialDocumentContent } from './official-document.js';

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

describe('a table of an appendix', () => {
  it('gives its columns widths by what they hold, adding up to the 版心 (156 mm)', () => {
    const header = ['序号', '工作任务', '具体要求', '责任单位', '完成时限'];
    const rows = [
      [
        '1',
        '深化重点领域信息公开',
        '聚焦县委、县政府重点工作任务，抓好黄河重大国家战略、融入现代化济南都市圈建设等重点工作的信息公开和政策解读。',
        '县发改局、县工信局、县特色产业发展中心、相关部门',
        '2023年12月底前',
      ],
      ['2', '', '围绕持续扩大有效投资，做好浪溪河下游治理、黄河休闲旅游景观带等建设工程项目的信息公开工作。', '县发改局、县水务局', ''],
    ];
    const [seq, task, requirement, units, deadline] = columnWidths(header, rows);
    expect(seq + task + requirement + units + deadline).toBe(Math.round((156 * 1440) / 25.4));
    expect(requirement).toBeGreaterThan(units);
    expect(units).toBeGreaterThan(deadline);
    expect(Math.min(seq, task, requirement, units, deadline)).toBe(seq);
    expect(seq).toBeGreaterThanOrEqual(600);
  });
});
