import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readGazette } from './read-gazette.js';
import { readDocumentNumberLine } from '../../../common/document-number.js';
import type { GazetteWarning } from '../../../common/contracts/gazette.js';

const seed = readFileSync(new URL('../../../data/seed/pingyin-2023-gazette.txt', import.meta.url), 'utf8');
const testGazette = (name: string) => readFileSync(new URL(`./test-gazettes/${name}`, import.meta.url), 'utf8');
const other = testGazette('another-county-2024.txt');
const said = (warnings: GazetteWarning[]) => warnings.map((w) => `${w.line} ${w.document} ${w.field}: ${w.message}`);

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

  it("keeps the breakdown table as printed, each row's cells back under the header where the copy slipped them", () => {
    const [table] = doc('平政办发〔2023〕5号').attachments[0].tables;
    expect(table.header).toEqual(['序号', '工作任务', '具体要求', '责任单位', '完成时限']);
    expect(table.rows.filter((r) => r.length !== 5)).toEqual([]);
    const row = (seq: string) => table.rows.find((r) => r[0] === seq)!;
    // 48: the copy put an empty cell first and the heading in 具体要求's place.
    expect(row('48').map((cell) => cell.slice(0, 13))).toEqual([
      '48',
      '强化培训考核，提高工作水平',
      '强化领导干部政务公开培训，',
      '各镇（街道）、各部门',
      '2023年12月底前',
    ]);
    // A merged cell is printed once and stays empty below, as on paper.
    expect(row('49').slice(0, 2)).toEqual(['49', '']);
    expect(row('9')[1]).toBe('高效开展民生保障信息公开');
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

describe('a 2021 county gazette with a masthead, a 目录 and full-width digits', () => {
  const text = testGazette('qinghe-county-2021.txt');
  const { documents, warnings, furnitureLines } = readGazette(text);
  const doc = (number: string) => documents.find((d) => d.number.text === number)!;

  it('finds its three documents, numbers normalised, and flags only the brackets GB/T 9704 does not use', () => {
    // 〔２０２１〕 is the standard's bracket with full-width digits: read, not flagged.
    expect(documents.map((d) => [d.number.text, d.title, d.dateWritten, d.disclosure])).toEqual([
      ['青政发〔2021〕2号', '青禾县人民政府关于印发青禾县2021年农村人居环境整治提升工作方案的通知', '2021-03-05', 'public'],
      ['青政办发〔2021〕5号', '青禾县人民政府办公室关于做好2021年春季森林防火工作的通知', '2021-03-12', 'on_request'],
      ['青政发〔2021〕3号', '青禾县人民政府关于公布第一批县级非物质文化遗产代表性项目名录的决定', '2021-03-20', 'public'],
    ]);
    expect(warnings.filter((w) => w.field === 'number').map((w) => [w.line, w.message])).toEqual([
      [57, expect.stringContaining('这里用的是“［］”')],
      [66, expect.stringContaining('这里用的是“（）”')],
    ]);
    expect(doc('青政发〔2021〕2号')).toMatchObject({
      organ: '青禾县人民政府',
      addressees: ['各乡镇人民政府', '县政府各部门'],
      signature: '青禾县人民政府',
      copyTo: [],
      attachments: [],
      enclosure: { title: '青禾县2021年农村人居环境整治提升工作方案' },
    });
    expect(doc('青政办发〔2021〕5号')).toMatchObject({ organ: '青禾县人民政府办公室', addressees: ['各乡镇人民政府', '县政府有关部门'] });
    // The 决定 prints nothing after its 附注 but the editor's line, which is not its enclosure.
    expect(doc('青政发〔2021〕3号')).toMatchObject({ enclosure: null, endLine: 71 });
  });

  it('drops the masthead, the issue and page furniture wherever it stands: after a title, mid-sentence, between rows', () => {
    expect(furnitureLines).toBe(6);
    expect(doc('青政发〔2021〕2号').enclosure!.paragraphs).toContain(
      '到2021年底，全县农村卫生厕所普及率达到90％以上，生活垃圾无害化处理率达到95％以上。',
    );
  });

  it('reads the task table, the merged 工作任务 and 责任单位 cells carried down across the page break', () => {
    expect(doc('青政发〔2021〕2号').tasks.map((t) => [t.seq, t.task, t.leadUnit, t.coUnits, t.deadline])).toEqual([
      [1, '推进农村厕所革命', '县农业农村局', ['各乡镇'], '2021-10-31'],
      [2, '治理农村生活垃圾', '县住建局', ['县财政局'], '2021-12-31'],
      [3, '治理农村生活垃圾', '县住建局', ['县财政局'], '2021-06-30'],
      [4, '提升村容村貌', '县自然资源局', [], 'ongoing'],
    ]);
  });

  it('skips the 目录 whose entries are the documents, and reports every other line no document holds', () => {
    expect(said(warnings.filter((w) => w.field === 'text'))).toEqual([
      '12 null text: 第一份文件之前的这一行不属于任何文件，未导入：本期刊登县政府文件三件，另附重要说明一段。',
      '72 null text: 青政发〔2021〕3号 之后的这一行不属于任何文件，未导入：本期责任编辑：李明校对：王芳',
    ]);
  });

  it('does not take the 目录 into the first title when nothing stands between them', () => {
    const reading = readGazette(text.replace('本期刊登县政府文件三件，另附重要说明一段。\n', ''));
    expect(reading.documents[0].title).toBe('青禾县人民政府关于印发青禾县2021年农村人居环境整治提升工作方案的通知');
    expect(reading.warnings.filter((w) => w.line !== null && w.line < 14)).toEqual([]);
  });

  it('reports a 目录 entry that names no document it found', () => {
    const reading = readGazette(text.replace('（青政发（２０２１）３号）', '（青政发（２０２１）４号）'));
    expect(said(reading.warnings)).toContainEqual(
      expect.stringMatching(/^10 null text: 第一份文件之前的这一行不属于任何文件，未导入：（青政发（2021）4号）…/),
    );
  });

  it('reports a document printed without a number inside the enclosure before it, and imports it into nothing', () => {
    const unnumbered = [
      '青禾县人民政府关于表彰2020年度森林防火先进单位的决定',
      '各乡镇人民政府：',
      '经研究，决定对以下单位予以表彰。',
      '青禾县人民政府',
      '２０２１年３月８日',
      '（此件公开发布）',
      '',
    ];
    const reading = readGazette(
      text.replace('青禾县人民政府办公室关于做好２０２１年\n', `${unnumbered.join('\n')}\n青禾县人民政府办公室关于做好２０２１年\n`),
    );
    expect(reading.documents.map((d) => d.number.text)).toEqual(['青政发〔2021〕2号', '青政办发〔2021〕5号', '青政发〔2021〕3号']);
    expect(reading.documents[0].tasks).toHaveLength(4);
    expect(reading.documents[0].text).not.toContain('表彰');
    expect(said(reading.warnings)).toContain(
      '55 null number: 第 55 行起的文件“青禾县人民政府关于表彰2020年度森林防火先进单位的决定”没有文号，未导入（第 55–60 行）；如需入库，请补上文号后重新导入',
    );
  });
});

describe('a town gazette with CRLF line ends, tabs and no 分工 notice', () => {
  const text = testGazette('liuquan-town-2022-crlf.txt');
  const { documents, warnings } = readGazette(text);

  it('is stored with CRLF line ends and tab indents', () => {
    expect(text).toContain('\r\n\t柳政发〔2022〕8号\r\n');
  });

  it('reads both numbered documents, their 附注 or its absence, the wrapped 抄送 and both 附件', () => {
    expect(documents.map((d) => [d.number.text, d.organ, d.title, d.dateWritten, d.disclosure, d.note])).toEqual([
      [
        '柳政发〔2022〕8号',
        '柳泉镇人民政府',
        '柳泉镇人民政府关于印发柳泉镇2022年秸秆禁烧工作方案的通知',
        '2022-05-20',
        'on_request',
        '（此件依申请公开）',
      ],
      ['柳政发〔2022〕9号', '柳泉镇人民政府', '柳泉镇人民政府关于调整镇防汛抗旱指挥部成员的通知', '2022-06-01', null, null],
    ]);
    const [plan, change] = documents;
    expect(plan).toMatchObject({
      addressees: ['各村（居）民委员会', '镇直各部门'],
      signature: '柳泉镇人民政府',
      attachmentNotes: ['柳泉镇秸秆禁烧网格责任表', '柳泉镇秸秆禁烧值班安排表'],
      copyTo: ['县农业农村局', '县生态环境局', '县秸秆综合利用工作办公室'],
      enclosure: { title: '柳泉镇2022年秸秆禁烧工作方案' },
    });
    expect(plan.paragraphs).toEqual(['现将《柳泉镇2022年秸秆禁烧工作方案》印发给你们，请结合实际认真抓好落实。']);
    expect(plan.attachments.map((a) => [a.label, a.title, a.tables.map((t) => [t.header, t.rows])])).toEqual([
      [
        '1',
        '柳泉镇秸秆禁烧网格责任表',
        [
          [
            ['网格', '村（居）', '责任人'],
            [
              ['一网格', '东柳村、西柳村', '张明'],
              ['二网格', '泉头村', '李强'],
            ],
          ],
        ],
      ],
      ['2', '柳泉镇秸秆禁烧值班安排表', [[['日期', '值班领导', '值班人员'], [['6月1日至6月15日', '王伟', '赵磊']]]]],
    ]);
    // No task table: the plan is supervised by its phases.
    expect(plan.tasks.map((t) => [t.task, t.deadline])).toEqual([
      ['宣传发动阶段', '2022-05-31'],
      ['全面禁烧阶段', '2022-07-15'],
    ]);
    expect(change).toMatchObject({ addressees: ['各村（居）民委员会', '镇直各部门'], signature: '柳泉镇人民政府', tasks: [], endLine: 43 });
  });

  it('asks for the missing 附注 and reports the 通告 printed without a number', () => {
    expect(said(warnings)).toEqual([
      '44 柳政发〔2022〕9号 disclosure: 没有附注（如“（此件公开发布）”），公开属性须由人工确认',
      '45 null number: 第 45 行起的文件“柳泉镇人民政府关于秋季禁止焚烧秸秆的通告”没有文号，未导入（第 45–48 行）；如需入库，请补上文号后重新导入',
    ]);
  });
});

describe('text that is not a gazette', () => {
  it('finds nothing and says so', () => {
    const reading = readGazette('只是一段文字。\n国办发〔2019〕54号文件要求……\n');
    expect(reading.documents).toEqual([]);
    expect(reading.warnings).toEqual([expect.objectContaining({ field: 'number', message: expect.stringContaining('没有找到') })]);
  });

  it('invents no document out of a news article that cites a number and prints a date', () => {
    const reading = readGazette(testGazette('not-a-gazette-news.txt'));
    expect(reading.documents).toEqual([]);
    expect(said(reading.warnings)).toEqual([
      'null null number: 公报中没有找到单独成行的发文字号（如“平政办发〔2023〕5号”），没有读出任何文件',
    ]);
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
