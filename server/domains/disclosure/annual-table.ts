import { ANNUAL_TABLE_COLUMNS, type AnnualTable } from '../../../common/contracts/disclosure.js';

/**
 * 政府信息公开工作年度报告 表三 (收到和处理政府信息公开申请情况, 国办公开办函〔2021〕30号) from
 * the applications themselves. Every figure is counted on its own from the rows, totals
 * included, and then the table's sums are checked: 一 + 二 = 三（七）+ 四, 三（七）= the sum of
 * its parts, 总计 = the sum of the columns. A table that does not add up is not shown; the
 * first row that fails is named (a reply without its type or ground, a legal person without
 * its kind, a day out of order all show up here).
 */
export interface AnnualFact {
  applicant_kind: string;
  organization_kind: string | null;
  received_on: string | null;
  concluded_on: string | null;
  state: string;
  reply_type: string | null;
  withheld_ground: string | null;
}

type Column = (typeof ANNUAL_TABLE_COLUMNS)[number];
interface RowSpec {
  key: string;
  label: string;
  level: number;
  /** Which concluded applications the row counts; absent: a heading, or a row counted otherwise. */
  counts?: (f: AnnualFact) => boolean;
}

const withheld = (ground: string) => (f: AnnualFact) => f.reply_type === 'not_disclosed' && f.withheld_ground === ground;
const never = () => false;

/** The result rows of 三, in the order and words of the official table. */
const RESULT_ROWS: RowSpec[] = [
  { key: 'disclosed', label: '（一）予以公开', level: 1, counts: (f) => f.reply_type === 'disclosed' || f.reply_type === 'already_public' },
  {
    key: 'partly',
    label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
    level: 1,
    counts: (f) => f.reply_type === 'partly_disclosed',
  },
  { key: 'withheld', label: '（三）不予公开', level: 1 },
  { key: 'withheld.state_secret', label: '1．属于国家秘密', level: 2, counts: withheld('state_secret') },
  { key: 'withheld.law_prohibited', label: '2．其他法律行政法规禁止公开', level: 2, counts: withheld('law_prohibited') },
  { key: 'withheld.three_safety', label: '3．危及“三安全一稳定”', level: 2, counts: withheld('three_safety') },
  { key: 'withheld.third_party', label: '4．保护第三方合法权益', level: 2, counts: withheld('third_party') },
  { key: 'withheld.internal_affairs', label: '5．属于三类内部事务信息', level: 2, counts: withheld('internal_affairs') },
  { key: 'withheld.process_info', label: '6．属于四类过程性信息', level: 2, counts: withheld('process_info') },
  { key: 'withheld.enforcement_file', label: '7．属于行政执法案卷', level: 2, counts: withheld('enforcement_file') },
  { key: 'withheld.inquiry', label: '8．属于行政查询事项', level: 2, counts: withheld('inquiry') },
  { key: 'unable', label: '（四）无法提供', level: 1 },
  {
    key: 'unable.not_held',
    label: '1．本机关不掌握相关政府信息',
    level: 2,
    counts: (f) => f.reply_type === 'not_exist' || f.reply_type === 'not_ours',
  },
  { key: 'unable.must_create', label: '2．没有现成信息需要另行制作', level: 2, counts: never },
  { key: 'unable.unclear', label: '3．补正后申请内容仍不明确', level: 2, counts: never },
  { key: 'not_handled', label: '（五）不予处理', level: 1 },
  { key: 'not_handled.petition', label: '1．信访举报投诉类申请', level: 2, counts: never },
  { key: 'not_handled.repeat', label: '2．重复申请', level: 2, counts: (f) => f.reply_type === 'repeat' },
  { key: 'not_handled.publication', label: '3．要求提供公开出版物', level: 2, counts: never },
  { key: 'not_handled.mass', label: '4．无正当理由大量反复申请', level: 2, counts: never },
  { key: 'not_handled.confirm', label: '5．要求行政机关确认或重新出具已获取信息', level: 2, counts: never },
  { key: 'other', label: '（六）其他处理', level: 1 },
  {
    key: 'other.uncorrected',
    label: '1．申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    level: 2,
    counts: (f) => f.state === 'withdrawn' || (f.state === 'archived' && f.reply_type === null),
  },
  { key: 'other.unpaid', label: '2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', level: 2, counts: never },
  { key: 'other.other', label: '3．其他', level: 2, counts: never },
];

export class AnnualTableMismatch extends Error {
  constructor(
    readonly row: string,
    message: string,
  ) {
    super(message);
  }
}

/** The table for `year`, or an AnnualTableMismatch naming the first row whose sum fails. */
export function annualTable(year: number, facts: AnnualFact[]): AnnualTable {
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const columnOf = (f: AnnualFact): Column | null =>
    f.applicant_kind === 'natural' ? 'natural' : (ANNUAL_TABLE_COLUMNS.find((c) => c === f.organization_kind && c !== 'total') ?? null);
  /** One row's cells: each column counted, and 总计 counted over every fact, not summed from the columns. */
  const cellsOf = (matching: AnnualFact[]) =>
    ANNUAL_TABLE_COLUMNS.map((c) => (c === 'total' ? matching.length : matching.filter((f) => columnOf(f) === c).length));

  const received = facts.filter((f) => f.received_on !== null && f.received_on <= last);
  const concluded = received.filter((f) => f.concluded_on !== null && f.concluded_on >= first && f.concluded_on <= last);
  const rows = [
    { key: 'new', label: '一、本年新收政府信息公开申请数量', level: 0, cells: cellsOf(received.filter((f) => f.received_on! >= first)) },
    {
      key: 'carried_in',
      label: '二、上年结转政府信息公开申请数量',
      level: 0,
      cells: cellsOf(received.filter((f) => f.received_on! < first && (f.concluded_on === null || f.concluded_on >= first))),
    },
    { key: 'results', label: '三、本年度办理结果', level: 0, cells: [] as number[] },
    ...RESULT_ROWS.map((r) => ({ key: r.key, label: r.label, level: r.level, cells: r.counts ? cellsOf(concluded.filter(r.counts)) : [] })),
    { key: 'results.total', label: '（七）总计', level: 1, cells: cellsOf(concluded) },
    {
      key: 'carried_out',
      label: '四、结转下年度继续办理',
      level: 0,
      cells: cellsOf(received.filter((f) => f.concluded_on === null || f.concluded_on > last)),
    },
  ];
  check(rows);
  return { year, columns: [...ANNUAL_TABLE_COLUMNS], rows };
}

function check(rows: { key: string; label: string; cells: number[] }[]) {
  const row = (key: string) => rows.find((r) => r.key === key)!;
  const totalColumn = ANNUAL_TABLE_COLUMNS.length - 1;
  for (const r of rows) {
    if (r.cells.length === 0) continue;
    const columns = r.cells.slice(0, totalColumn).reduce((a, b) => a + b, 0);
    if (columns !== r.cells[totalColumn])
      throw new AnnualTableMismatch(r.key, `“${r.label}”一行各列之和 ${columns} 与总计 ${r.cells[totalColumn]} 不符（有申请人类型未填写）`);
  }
  const parts = rows.filter((r) => r.key.startsWith('results.') === false && RESULT_ROWS.some((s) => s.key === r.key && s.counts));
  const total = row('results.total');
  for (let c = 0; c < ANNUAL_TABLE_COLUMNS.length; c++) {
    const sum = parts.reduce((a, r) => a + r.cells[c], 0);
    if (sum !== total.cells[c])
      throw new AnnualTableMismatch(
        'results.total',
        `“三（七）总计”${sum < total.cells[c] ? '多于' : '少于'}各项办理结果之和：有已办结的申请未归入任何一项结果（答复类型或不予公开理由缺失）`,
      );
    const inflow = row('new').cells[c] + row('carried_in').cells[c];
    const outflow = total.cells[c] + row('carried_out').cells[c];
    if (inflow !== outflow)
      throw new AnnualTableMismatch(
        'carried_out',
        `“一 + 二”（${inflow}）不等于“三（七）+ 四”（${outflow}）：有申请的办结日期早于收到日期`,
      );
  }
}
