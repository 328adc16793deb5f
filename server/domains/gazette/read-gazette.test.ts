import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGazette } from './read-gazette.js';
import { readDocumentNumberLine } from '../../../common/document-number.js';

const seed = readFileSync(new URL('../../../data/seed/pingyin-2023-gazette.txt', import.meta.url), 'utf8');
const other = readFileSync(new URL('./test-gazettes/another-county-2024.txt', import.meta.url), 'utf8');

describe('the 2023 Pingyin gazette', () => {
  const { documents, warnings, furnitureLines } = readGazette(seed);
  const doc = (number: string) => documents.find((d) => d.number.text === number)!;

  it('finds every document exactly once, and no number it only cites', () => {
    expect(documents.map((d) => d.number.text)).toEqual([
      '平政办发〔2023〕4号',
      '平政办发〔2023〕5号',
      '平政办发〔2023〕6号',
      '平政字〔2023〕22号',
      '平政办字〔2023〕7号',
      '平政办字〔2023〕9号',
    ]);
    // 国办发〔2019〕54号 and 济政办字〔2023〕27号 are cited inside sentences.
    expect(documents.some((d) => d.number.organCode === '国办发' || d.number.organCode === '济政办字')).toBe(false);
  });

  it('reads number, organ, title, addressees, date, 附注 and attachments', () => {
    expect(doc('平政办发〔2023〕5号')).toMatchObject({
      number: { organCode: '平政办发', year: 2023, serial: 5 },
      organ: '平阴县人民政府办公室',
      title: '平阴县人民政府办公室关于印发2023年平阴县政务公开工作要点的通知',
      addressees: ['各镇人民政府', '各街道办事处', '平阴经济开发区', '县政府各部门'],
      signature: '平阴县人民政府办公室',
      dateWritten: '2023-07-28',
      note: '（此件公开发布）',
      disclosure: 'public',
      attachmentNotes: ['2023年平阴县政务公开重点工作任务分解表'],
      enclosure: { title: '2023年平阴县政务公开工作要点' },
    });
    expect(doc('平政办发〔2023〕5号').attachments).toHaveLength(1);
    // 2023 年 9 月 28 日: the spacing the PDF left.
    expect(doc('平政办发〔2023〕6号').dateWritten).toBe('2023-09-28');
    expect(doc('平政办字〔2023〕7号')).toMatchObject({ disclosure: 'public', note: '(此件主动公开)', dateWritten: '2023-08-29' });
    expect(doc('平政字〔2023〕22号')).toMatchObject({ organ: '平阴县人民政府', disclosure: null });
  });

  it('asks a person for the disclosure attribute where there is no 附注, never guessing', () => {
    const asked = warnings.filter((w) => w.field === 'disclosure').map((w) => w.document);
    expect(asked).toEqual(['平政办发〔2023〕4号', '平政办发〔2023〕6号', '平政字〔2023〕22号', '平政办字〔2023〕9号']);
  });

  it('reads the reply printed three times as one document with its three proposers', () => {
    expect(doc('平政办字〔2023〕9号')).toMatchObject({
      title: '对县政协十一届二次会议第1102097号提案的答复',
      organ: '平阴县人民政府办公室',
      addresseeRole: '委员',
      addressees: ['白咸勇', '徐坤', '常伟青'],
      dateWritten: '2023-09-26',
      // 抄送:县政府办公室、县政协提案 ⏎ 工作委员会
      copyTo: ['县政府办公室', '县政协提案工作委员会'],
    });
    expect(doc('平政办字〔2023〕9号').attachments.map((a) => [a.label, a.title])).toEqual([
      ['5', '县政协委员提案办理答复反馈表'],
      ['6', '县政协委员提案质量评议表'],
    ]);
    expect(warnings.find((w) => w.field === 'addressees' && w.document === '平政办字〔2023〕9号')?.message).toContain('出现 3 次');
  });

  it('leaves page furniture out of every document', () => {
    expect(furnitureLines).toBe(15);
    for (const d of documents) expect(d.text).not.toMatch(/县政府办公室文件|县 政 府 文 件|^— \d+ —$/m);
  });

  it('reads the 49 tasks of the 政务公开 breakdown, merged cells carried down', () => {
    const tasks = doc('平政办发〔2023〕5号').tasks;
    expect(tasks.map((t) => t.seq)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
    expect(tasks[0]).toMatchObject({
      category: '聚焦重点工作，推动政务公开高质量发展',
      task: '深化重点领域信息公开',
      leadUnit: '县发改局',
      coUnits: ['县工信局', '县特色产业发展中心', '县商务事业发展中心', '相关镇（街道）', '相关部门'],
      deadline: '2023-12-31',
      deadlineText: '2023年12月底前',
    });
    // Row 2 prints neither its 工作任务 nor its 完成时限: both merged with row 1.
    expect(tasks[1]).toMatchObject({ task: '深化重点领域信息公开', deadline: '2023-12-31', leadUnit: '县发改局' });
    expect(tasks[12]).toMatchObject({
      category: '围绕行政决策，助推政务公开成为常态',
      task: '做好重大行政决策事项公开',
      deadline: '2023-06-30',
    });
    // Row 15's cells slipped a column left in the copy; read by what they say.
    expect(tasks[14]).toMatchObject({ task: '推动重大行政决策公众参与机制', leadUnit: '县发展和改革委员会', deadline: '2023-12-31' });
    expect(tasks[14].requirement).toMatch(/^涉及公众利益密切的决策事项/);
    expect(tasks[18]).toMatchObject({ leadUnit: '各镇（街道）', coUnits: ['各部门'] });
    expect(tasks[30].deadline).toBe('2023-12-31'); // printed one column too far right
    expect(tasks[40]).toMatchObject({ leadUnit: '县自然资源局', deadline: '2023-09-30' });
    expect(tasks[46]).toMatchObject({
      task: '明确指标任务，抓好责任落实',
      deadline: 'ongoing',
      deadlineText: '长期坚持',
      leadUnit: '县政府办公室',
    });
    for (const task of tasks) expect(task.requirement).toBeTruthy();
  });

  it('files a row under the heading its text is under when the copy put a merged cell on the wrong row, and says so', () => {
    const tasks = doc('平政办发〔2023〕5号').tasks;
    expect(tasks[32].task).toBe('做好政府网站和政务新媒体运维管理');
    expect(tasks[35].task).toBe('强化基层政务公开');
    expect(warnings.filter((w) => w.field === 'task').map((w) => w.line)).toEqual([172, 173, 174, 184]);
  });

  it('reads the 16 tasks of the 数字人民币 list with their three targets', () => {
    const tasks = doc('平政字〔2023〕22号').tasks;
    expect(tasks).toHaveLength(16);
    expect(tasks[0]).toMatchObject({ seq: 1, task: '代发工资场景', requirement: null, leadUnit: '县财政局', deadline: '2023-12-31' });
    expect(tasks[0].targets.map((t) => [t.period, t.due])).toEqual([
      ['上半年目标', '2023-06-30'],
      ['三季度目标', '2023-09-30'],
      ['全年目标', '2023-12-31'],
    ]);
    expect(tasks[13].targets[2].text).toContain('全年数币消费笔数突破2万笔');
    // 人保财 (for 人保财险) is in a list of units all the same.
    expect(tasks[14]).toMatchObject({ task: '科创金融场景', leadUnit: '人民银行平阴县支行' });
  });

  it('reads the abandoned-vehicle plan, which has no task table, by its phases', () => {
    expect(doc('平政办字〔2023〕7号').tasks.map((t) => [t.task, t.deadline, t.deadlineText])).toEqual([
      ['全面排查阶段', '2023-09-10', '2023年9月10日前完成'],
      ['自行清理阶段', '2023-10-31', '2023年9月11日至10月31日'],
      ['分类处置阶段', '2023-12-31', '2023年11月1日至12月31日'],
    ]);
    expect(doc('平政字〔2023〕22号').phases.map((p) => [p.name, p.start, p.end])).toEqual([
      ['全面启动阶段', '2023-01-01', '2023-06-30'],
      ['重点攻坚阶段', '2023-07-01', '2023-12-31'],
      ['增量扩面阶段', '2024-01-01', '2025-06-30'],
      ['经验总结阶段', '2025-07-01', '2025-12-31'],
    ]);
  });
});

describe('a gazette of another county and year, laid out otherwise', () => {
  // CRLF line ends, half-width brackets, a zero-padded number, a title over two lines, the
  // gazette's own header and a page number in the middle of the text, Chinese-numeral dates.
  const { documents, warnings, furnitureLines } = readGazette(other.replace(/\n/g, '\r\n'));

  it('finds its documents and reads them', () => {
    expect(documents.map((d) => d.number.text)).toEqual(['东政办发〔2024〕12号', '东政发〔2024〕3号']);
    expect(documents[0]).toMatchObject({
      organ: '东阿县人民政府办公室',
      title: '东阿县人民政府办公室关于印发东阿县2024年城乡环境整治工作方案的通知',
      dateWritten: '2024-03-05',
      disclosure: 'public',
      attachmentNotes: ['东阿县2024年城乡环境整治任务清单', '东阿县城乡环境整治联络员名单'],
      copyTo: ['县委办公室', '县人大常委会办公室', '县政协办公室'],
    });
    expect(documents[0].attachments.map((a) => [a.label, a.title, a.tables.length])).toEqual([
      ['1', '东阿县2024年城乡环境整治任务清单', 1],
      ['2', '东阿县城乡环境整治联络员名单', 1],
    ]);
    expect(furnitureLines).toBe(4);
  });

  it('joins a paragraph the page break cut, without the running header', () => {
    expect(documents[0].enclosure!.paragraphs).toContain('（二）整治乱堆乱放。对主次干道两侧乱堆乱放进行集中整治，严禁占道经营。');
  });

  it('reads its task table and phases', () => {
    expect(documents[0].tasks.map((t) => [t.seq, t.category, t.task, t.leadUnit, t.deadline])).toEqual([
      [1, '主要任务', '清理陈年垃圾', '县城管局', '2024-06-30'],
      [2, '主要任务', '清理陈年垃圾', '县城管局', '2024-06-30'],
      [3, '主要任务', '整治乱堆乱放', '县市场监管局', 'ongoing'],
    ]);
    expect(documents[0].phases.map((p) => [p.start, p.end])).toEqual([
      [null, '2024-03-10'],
      ['2024-03-11', '2024-06-30'],
      ['2024-07-01', '2024-12-31'],
    ]);
  });

  it('reports what departs from GB/T 9704, a 附注 it cannot read and a number used twice', () => {
    const said = warnings.map((w) => `${w.document} ${w.field}: ${w.message}`);
    expect(said).toEqual([
      expect.stringMatching(/^东政办发〔2024〕12号 number: .*六角括号/),
      expect.stringMatching(/^东政发〔2024〕3号 number: .*不编虚位（3 不编为 03）/),
      expect.stringMatching(/^东政发〔2024〕3号 disclosure: 附注“（此件删减后公开）”没有说明公开属性/),
      expect.stringMatching(/^东政发〔2024〕3号 number: 第 86 行的“东阿县人民政府关于另一件事的通知”.*未导入/),
    ]);
  });
});

describe('text that is not a gazette', () => {
  it('finds nothing and says so', () => {
    const reading = readGazette('只是一段文字。\n国办发〔2019〕54号文件要求……\n');
    expect(reading.documents).toEqual([]);
    expect(reading.warnings).toEqual([expect.objectContaining({ field: 'number', message: expect.stringContaining('没有找到') })]);
  });
});

describe('document numbers by GB/T 9704', () => {
  it.each([
    ['平政办发〔2023〕5号', '平政办发〔2023〕5号', []],
    ['平政办发［2023］5号', '平政办发〔2023〕5号', ['六角括号']],
    ['平政办发(2023)5号', '平政办发〔2023〕5号', ['六角括号']],
    ['平政办发〔2023〕第5号', '平政办发〔2023〕5号', ['第']],
    ['平政办发〔23〕5号', '平政办发〔2023〕5号', ['四位']],
    ['平政办发〔2023〕005号   签发人：张三', '平政办发〔2023〕5号', ['虚位']],
  ])('%s → %s', (line, text, problems) => {
    const read = readDocumentNumberLine(line)!;
    expect(read.number.text).toBe(text);
    expect(read.problems).toHaveLength(problems.length);
    problems.forEach((p, i) => expect(read.problems[i]).toContain(p));
  });

  it('is not a number inside a sentence, nor a number of nothing', () => {
    for (const line of ['按照（国办发〔2019〕54号）要求', '平政办发〔2023〕0号', '〔2023〕5号', '平政办发〔202〕5号']) {
      expect(readDocumentNumberLine(line)).toBeNull();
    }
  });
});
