import type { GazetteDocument, GazettePhase, GazetteTask } from '../../../common/contracts/gazette.js';

/**
 * GazetteDocuments as the importer parses them, built by hand from the seed gazette
 * (seed-docs/pingyin-2023-gazette.txt) for the tasks domain's tests: rows of the 政务公开 task
 * breakdown (平政办发〔2023〕5号, merged 工作任务 cells carried down), of the 数字人民币 target
 * list (平政字〔2023〕22号) and the abandoned-vehicle plan's phases (平政办字〔2023〕7号).
 */
function document(number: string, title: string, dateWritten: string, rest: Partial<GazetteDocument>): GazetteDocument {
  const m = /^(.+)〔(\d{4})〕(\d+)号$/.exec(number);
  if (!m) throw new Error(number);
  return {
    number: { text: number, organCode: m[1], year: Number(m[2]), serial: Number(m[3]) },
    organ: '平阴县人民政府办公室',
    title,
    addressees: ['各镇人民政府', '各街道办事处', '县政府各部门'],
    addresseeRole: null,
    paragraphs: [],
    attachmentNotes: [],
    signature: '平阴县人民政府办公室',
    dateWritten,
    note: '（此件公开发布）',
    disclosure: 'public',
    enclosure: null,
    attachments: [],
    copyTo: [],
    text: '',
    tasks: [],
    phases: [],
    startLine: 1,
    endLine: 2,
    ...rest,
  };
}

const task = (t: Partial<GazetteTask> & Pick<GazetteTask, 'seq' | 'task'>): GazetteTask => ({
  category: null,
  requirement: null,
  leadUnit: null,
  coUnits: [],
  deadline: '2023-12-31',
  deadlineText: '2023年12月底前',
  targets: [],
  line: 100 + t.seq,
  ...t,
});

export const disclosureTasks = (overrides: { task1Units?: string[] } = {}) => {
  const [lead, ...co] = overrides.task1Units ?? [
    '县发改局',
    '县工信局',
    '县特色产业发展中心',
    '县商务事业发展中心',
    '相关镇（街道）',
    '相关部门',
  ];
  return document('平政办发〔2023〕5号', '平阴县人民政府办公室关于印发2023年平阴县政务公开工作要点的通知', '2023-07-28', {
    attachments: [
      {
        label: null,
        title: '2023年平阴县政务公开重点工作任务分解表',
        paragraphs: [],
        tables: [
          {
            title: '2023年平阴县政务公开重点工作任务分解表',
            header: ['序号', '工作任务', '具体要求', '责任单位', '完成时限'],
            rows: [],
            line: 117,
          },
        ],
        line: 115,
      },
    ],
    tasks: [
      task({
        seq: 1,
        task: '深化重点领域信息公开',
        requirement:
          '聚焦县委、县政府重点工作任务，抓好黄河重大国家战略、融入现代化济南都市圈建设、特色资源发展等重点工作的信息公开和政策解读。',
        leadUnit: lead,
        coUnits: co,
      }),
      task({
        seq: 5,
        task: '加强激发市场主体活力信息公开',
        requirement: '持续优化营商环境，强化政策集成供给，加强“稳中向好、进中提质”系列政策包的权威发布和全面解读。',
        leadUnit: '县行政审批服务局',
      }),
      task({
        seq: 17,
        category: '聚焦重点工作，推动政务公开高质量发展',
        task: '做好政策评价效果情况公开',
        requirement: '要建立常态化政策评估机制，选取本单位重点政策……2023年年底将政策评价结果和运用情况向社会公开。',
        leadUnit: '各镇（街道）',
        coUnits: ['各部门'],
      }),
      task({
        seq: 18,
        category: '加强政策解读，促进便民措施落地见效',
        task: '加强专栏建设，推进政策统一公开',
        requirement:
          '进一步加强政府信息公开专栏建设，规范发布法定主动公开内容，加强主动公开基本目录动态管理，根据重点任务及群众需求实时调整更新。',
        leadUnit: '各镇（街道）',
        coUnits: ['各部门'],
      }),
      // Merged in the source: 工作任务, 责任单位 and 完成时限 carried down from 18.
      task({
        seq: 19,
        category: '加强政策解读，促进便民措施落地见效',
        task: '加强专栏建设，推进政策统一公开',
        requirement: '以省、市政府文件库建设为契机，规范录入各类政府文件，统一管理统一发布。',
        leadUnit: '各镇（街道）',
        coUnits: ['各部门'],
      }),
    ],
  });
};

export const ecnyTargets = () =>
  document('平政字〔2023〕22号', '平阴县人民政府关于印发平阴县数字人民币试点工作实施方案的通知', '2023-08-29', {
    attachments: [
      {
        label: null,
        title: '平阴县数字人民币试点目标任务清单',
        paragraphs: [],
        tables: [
          {
            title: '平阴县数字人民币试点目标任务清单',
            header: ['序号', '主要任务', '责任单位', '上半年目标', '三季度目标', '全年目标'],
            rows: [],
            line: 426,
          },
        ],
        line: 422,
      },
    ],
    tasks: [
      task({
        seq: 14,
        task: '消费补贴使用场景',
        leadUnit: '县商务发展中心',
        coUnits: ['财政局', '人民银行平阴县支行', '各镇街及开发区管委会', '各运营机构等'],
        deadline: '2023-12-31',
        deadlineText: null,
        targets: [
          { period: '上半年目标', due: null, text: '组织实施消费立减等活动，选取部分商超使用数币发放满减红包。' },
          { period: '三季度目标', due: null, text: '推动商家、运营机构创新促销模式，加大数字人民币消费满减投入，提高数币消费占比。' },
          { period: '全年目标', due: null, text: '全年数币消费笔数突破 2 万笔，数币消费金额突破 1000 万元。' },
        ],
      }),
    ],
    // The plan's 工作步骤 also have phases; a document with a task table gives its tasks only.
    phases: [
      {
        seq: 1,
        name: '全面启动阶段',
        start: '2023-01-01',
        end: '2023-06-30',
        text: '按照“先易后难，先点后面，先基础后创新”的原则……',
        line: 396,
      },
    ],
  });

const phase = (p: GazettePhase) => p;
export const abandonedVehiclePhases = () =>
  document('平政办字〔2023〕7号', '平阴县人民政府办公室关于印发平阴县废弃汽车专项治理工作方案的通知', '2023-08-29', {
    phases: [
      phase({
        seq: 1,
        name: '全面排查阶段（2023年9月10日前完成）',
        start: null,
        end: '2023-09-10',
        text: '坚持“以块为主、条块结合”的原则……',
        line: 504,
      }),
      phase({
        seq: 2,
        name: '自行清理阶段（2023年9月11日至10月31日）',
        start: '2023-09-11',
        end: '2023-10-31',
        text: '根据排查车辆信息清单……',
        line: 508,
      }),
      phase({
        seq: 3,
        name: '分类处置阶段（2023年11月1日至12月31日）',
        start: '2023-11-01',
        end: '2023-12-31',
        text: '组织有关执法部门……依法依规分类处置。',
        line: 510,
      }),
    ],
  });
