import type { GazetteDocument } from '../../../common/contracts/gazette.js';

/**
 * Documents as the gazette importer hands them over (common/contracts/gazette.ts), written by
 * hand from the seed gazette (seed-docs/pingyin-2023-gazette.txt), shortened where the text is long.
 */
function gazetteDocument(number: string, fields: Partial<GazetteDocument> & Pick<GazetteDocument, 'title'>): GazetteDocument {
  const m = /^(.+)〔(\d{4})〕(\d+)号$/.exec(number)!;
  const doc: GazetteDocument = {
    number: { text: number, organCode: m[1], year: Number(m[2]), serial: Number(m[3]) },
    organ: '平阴县人民政府办公室',
    addressees: [],
    addresseeRole: null,
    paragraphs: [],
    attachmentNotes: [],
    signature: '平阴县人民政府办公室',
    dateWritten: null,
    note: null,
    disclosure: null,
    enclosure: null,
    attachments: [],
    copyTo: [],
    text: '',
    tasks: [],
    phases: [],
    startLine: 1,
    endLine: 1,
    ...fields,
  };
  doc.text ||= [doc.title, ...doc.paragraphs, ...(doc.enclosure ? [doc.enclosure.title, ...doc.enclosure.paragraphs] : [])].join('\n');
  return doc;
}

const TOWNS_AND_DEPARTMENTS = ['各镇人民政府', '各街道办事处', '平阴经济开发区', '县政府各部门'];

/** 分工通知: no 附注, so the library cannot tell its attribute (待确认). */
export const divisionOfLabour = () =>
  gazetteDocument('平政办发〔2023〕4号', {
    title: '平阴县人民政府办公室关于县政府办公室班子成员分工的通知',
    addressees: [...TOWNS_AND_DEPARTMENTS, '各企事业单位'],
    paragraphs: [
      '经县政府办公室党组会议研究，现将班子成员分工情况通知如下：',
      '赵传资同志主持县政府办公室（县政府研究室、大数据局）全面工作。',
      '丁韬同志分工负责政工、督查督办、提案议案办理、市民服务热线办理、大数据、政务公开、考核、外事等工作。',
    ],
    dateWritten: '2023-07-19',
    startLine: 3,
    endLine: 25,
  });

/** 政务公开工作要点: （此件公开发布）, with its enclosure. */
export const opennessPoints = () =>
  gazetteDocument('平政办发〔2023〕5号', {
    title: '平阴县人民政府办公室关于印发2023年平阴县政务公开工作要点的通知',
    addressees: TOWNS_AND_DEPARTMENTS,
    paragraphs: ['《2023年平阴县政务公开工作要点》已经县政府同意，现印发给你们，请结合实际认真贯彻落实。'],
    dateWritten: '2023-07-28',
    note: '（此件公开发布）',
    disclosure: 'public',
    enclosure: {
      title: '2023年平阴县政务公开工作要点',
      paragraphs: [
        '2023年政务公开工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面推进政务公开，有力回应群众关切，推动平台管理数字化。',
        '（一）深化重点领域信息公开。聚焦县委、县政府重点工作任务，抓好黄河重大国家战略、融入现代化济南都市圈建设、特色资源发展等重点工作的信息公开和政策解读。',
        '（三）高效开展民生保障信息公开。拓展使用“乐业平阴”就业平台，做好重点群体就业创业政策服务信息公开。',
      ],
    },
    startLine: 25,
    endLine: 200,
  });

/** 废弃汽车专项治理工作方案: (此件主动公开), half-width brackets as printed. */
export const abandonedVehiclePlan = () =>
  gazetteDocument('平政办字〔2023〕7号', {
    title: '平阴县人民政府办公室关于印发平阴县废弃汽车专项治理工作方案的通知',
    addressees: ['各镇人民政府', '各街道办事处', '县政府各部门'],
    paragraphs: ['《平阴县废弃汽车专项治理工作方案》已经县政府研究同意，现印发给你们，请认真贯彻执行。'],
    dateWritten: '2023-08-29',
    note: '(此件主动公开)',
    disclosure: 'public',
    enclosure: {
      title: '平阴县废弃汽车专项治理工作方案',
      paragraphs: [
        '为扎实推进废弃汽车专项治理工作，按照《济南市人民政府办公厅关于印发济南市废弃汽车专项治理工作方案的通知》（济政办字〔2023〕27号）要求，结合平阴县实际情况，制定本工作方案。',
        '3. 整治期限。按照全市统一安排，在全县范围内集中组织开展废弃汽车专项执法整治行动，2023年12月底前完成。',
      ],
    },
    startLine: 468,
    endLine: 590,
  });

/** 第1102097号提案的答复: one number, three committee members, copied to two offices. */
export const proposalReply = () =>
  gazetteDocument('平政办字〔2023〕9号', {
    title: '对县政协十一届二次会议第1102097号提案的答复',
    addressees: ['白咸勇', '徐坤', '常伟青'],
    addresseeRole: '委员',
    paragraphs: [
      '您提出的关于《关于加快智慧社区建设的建议》的提案收悉。根据“提案重点建议清单”，现答复如下：',
      '十分感谢您对我县智慧社区建设的关注和关心，平阴县2022年遴选9个社区参与省大数据局基础型智慧社区试点建设。',
      '感谢您对我们工作的关心和支持。',
    ],
    dateWritten: '2023-09-26',
    copyTo: ['县政府办公室', '县政协提案工作委员会'],
    attachments: [
      {
        label: '6',
        title: '县政协委员提案质量评议表',
        paragraphs: ['注：1. 每件提案填写一份表格；'],
        tables: [
          { title: null, header: ['质量测评', '分值', '得分'], rows: [['提案的格式规范，达到“三有”的基本要求', '20分', '']], line: 700 },
        ],
        line: 690,
      },
    ],
    startLine: 590,
    endLine: 714,
  });

export const seedDocuments = () => [divisionOfLabour(), opennessPoints(), abandonedVehiclePlan(), proposalReply()];
