import ExcelJS from 'exceljs';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditEntry } from '../../platform/audit.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { notFound } from '../../platform/errors.js';
import type { CampaignPlan, Measures, Progress } from '../../../common/contracts/abandoned-vehicles.js';
import type { AvReportsRepository, CampaignsRepository, CampaignWithPhases, MeasureRow } from './abandoned-vehicles.repository.js';
import { campaignFor } from './campaigns.js';
import { previousMonth, reportDueOn } from './phases.js';
import { DISPOSAL_ZH, maskPlate } from './abandoned-vehicles.labels.js';
import { presentCampaign } from './abandoned-vehicles.presenter.js';

/** What the reports need: the viewer's abandoned-vehicle cases (their region's), the campaigns, the time, the audit log. */
export interface AvReportDeps {
  reports: AvReportsRepository;
  campaigns: CampaignsRepository;
  clock: Clock;
  audit(viewer: Viewer, entry: AuditEntry): Promise<void>;
}

/**
 * 重点工作月报 (平政办字〔2023〕7号 四（四）): each town and department reports the previous month
 * by the 8th. Figures by town and by handling unit, and a few typical cases, for the viewer's
 * region only.
 */
const startOfDay = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextMonthStart = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
const ZERO: Measures = { found: 0, notified: 0, selfCleared: 0, disposed: 0, pending: 0 };
const MEASURES = ['found', 'notified', 'selfCleared', 'disposed', 'pending'] as const;
const total = (rows: Measures[]): Measures =>
  Object.fromEntries(MEASURES.map((k) => [k, rows.reduce((n, r) => n + r[k], 0)])) as unknown as Measures;

/** Every town of the viewer's region, with zeros where nothing happened. */
async function byTown(deps: AvReportDeps, from: Date, to: Date) {
  const [towns, counted] = await Promise.all([deps.reports.towns(), deps.reports.measuresBy({ from, to, by: 'town' })]);
  const rows = towns.map((t) => ({ key: String(t.id), name: t.name, ...ZERO, ...stripKey(counted.find((c) => c.key === String(t.id))) }));
  // Cases filed at county level (no town) are listed after the towns.
  const rest = counted.filter((c) => !towns.some((t) => String(t.id) === c.key));
  return [...rows, ...rest];
}
const stripKey = (r: MeasureRow | undefined) =>
  r ? { found: r.found, notified: r.notified, selfCleared: r.selfCleared, disposed: r.disposed, pending: r.pending } : {};

/** A campaign's own dates, up to now: what it found and did, not what came after it ended. */
function campaignPeriod(campaign: CampaignWithPhases, now: Date) {
  const end = campaign.endsOn ? startOfDay(nextDay(campaign.endsOn)) : now;
  return { from: startOfDay(campaign.startsOn ?? campaign.issuedOn), to: end < now ? end : now };
}
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export async function campaignProgress(deps: AvReportDeps, campaignId?: number): Promise<Progress> {
  const today = localDateOf(deps.clock.now());
  const campaign = campaignId !== undefined ? await deps.campaigns.byId(campaignId) : await campaignFor(deps.campaigns, today);
  if (!campaign) throw notFound('专项治理方案');
  const { from, to } = campaignPeriod(campaign, deps.clock.now());
  const towns = await byTown(deps, from, to);
  return { campaign: presentCampaign(campaign, today), asOf: to.toISOString(), towns, total: total(towns) };
}

const HEADERS = [
  { header: '排查发现', key: 'found', width: 10 },
  { header: '告知/公告', key: 'notified', width: 10 },
  { header: '自行清理', key: 'selfCleared', width: 10 },
  { header: '分类处置', key: 'disposed', width: 10 },
  { header: '未处置（月末）', key: 'pending', width: 14 },
];

/**
 * What the report covers: the month (报上月情况, due by the report day of the next), or for the
 * year-end summary (年底完成情况) the campaign's dates up to today.
 */
async function reportPeriod(deps: AvReportDeps, q: { month?: string; campaignId?: number; period?: 'month' | 'year_end' }) {
  const today = localDateOf(deps.clock.now());
  if (q.period === 'year_end') {
    const campaign = q.campaignId !== undefined ? await deps.campaigns.byId(q.campaignId) : await campaignFor(deps.campaigns, today);
    if (!campaign) throw notFound('专项治理方案');
    const yearEnd = campaign.plan?.reporting;
    return {
      campaign,
      ...campaignPeriod(campaign, deps.clock.now()),
      key: `${campaign.code}-年底`,
      heading: '完成情况（年底报送）',
      due: yearEnd ? `${yearEnd.yearEndDue}报送${yearEnd.yearEndTo}` : `${campaign.endsOn ?? today}前报送`,
    };
  }
  const month = q.month ?? previousMonth(today);
  const campaign = q.campaignId !== undefined ? await deps.campaigns.byId(q.campaignId) : await campaignFor(deps.campaigns, `${month}-01`);
  if (q.campaignId !== undefined && !campaign) throw notFound('专项治理方案');
  const [y, m] = month.split('-').map(Number);
  return {
    campaign: campaign ?? null,
    from: startOfDay(`${month}-01`),
    to: startOfDay(nextMonthStart(month)),
    key: month,
    heading: `工作月报（${y}年${m}月）`,
    due: `于${reportDueOn(month, campaign?.reportDay ?? 8)}前报送${campaign?.plan?.reporting.monthlyTo ?? ''}`,
  };
}

export async function monthlyReport(
  deps: AvReportDeps,
  viewer: Viewer,
  q: { month?: string; campaignId?: number; period?: 'month' | 'year_end' },
) {
  const today = localDateOf(deps.clock.now());
  const { campaign, from, to, key, heading, due } = await reportPeriod(deps, q);
  const [towns, units, typical] = await Promise.all([
    byTown(deps, from, to),
    deps.reports.measuresBy({ from, to, by: 'unit' }),
    deps.reports.disposedCases({ from, to, limit: 5 }),
  ]);
  const title = `${campaign?.name ?? '废弃汽车专项治理'}${heading}`;
  const note = `${viewer.regionName} · 依据${campaign?.docNumber ?? '平政办字〔2023〕7号'}，${due} · 生成于${today}`;

  const wb = new ExcelJS.Workbook();
  wb.creator = 'CivicGrid';
  const sheet = (name: string, first: Partial<ExcelJS.Column>, rows: (MeasureRow | ({ name: string } & Measures))[]) => {
    const s = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3 }] });
    // Keys and widths only: a header on a column would overwrite the title row.
    s.columns = [first, ...HEADERS].map(({ key, width }) => ({ key, width }));
    s.addRow([title]).font = { bold: true, size: 14 };
    s.addRow([note]);
    s.addRow([first.header as string, ...HEADERS.map((h) => h.header)]).font = { bold: true };
    for (const r of rows) s.addRow({ name: r.name, ...stripKey(r as MeasureRow) });
    const sum = s.addRow({ name: '合计', ...total(rows) });
    sum.font = { bold: true };
    return s;
  };
  sheet('按镇街', { header: '镇街', key: 'name', width: 16 }, towns);
  sheet('按承办单位', { header: '承办单位', key: 'name', width: 22 }, units);
  const cases = wb.addWorksheet('典型案例');
  cases.columns = [
    { header: '事件编号', key: 'number', width: 22 },
    { header: '地点', key: 'place', width: 36 },
    { header: '号牌', key: 'plate', width: 12 },
    { header: '告知情况', key: 'notice', width: 16 },
    { header: '处置结果', key: 'outcome', width: 22 },
    { header: '处置单位', key: 'unit', width: 18 },
    { header: '处置日期', key: 'at', width: 12 },
  ];
  cases.getRow(1).font = { bold: true };
  for (const c of typical) {
    const attrs = c.attributes as Record<string, unknown>;
    cases.addRow({
      number: c.number,
      place: c.address ?? c.region_name,
      plate: maskPlate(typeof attrs.plate === 'string' ? attrs.plate : null),
      notice: c.public_notice_at ? '已发布限期清理通知书' : c.owner_notice_at ? '已告知车辆所有人' : '—',
      outcome: `${DISPOSAL_ZH[c.disposal!]}${c.receiving_unit ? `（${c.receiving_unit}）` : ''}`,
      unit: c.disposal_unit ?? '',
      at: c.disposal_at ? localDateOf(c.disposal_at) : '',
    });
  }
  if (!typical.length) cases.addRow({ number: '本期无处置完成的案例' });
  contentsSheet(wb, title, campaign?.plan ?? null, total(towns), typical.length);
  await deps.audit(viewer, {
    action: 'export_av_monthly_report',
    entity: 'av_campaign',
    entityId: campaign?.id,
    detail: { period: q.period ?? 'month', key },
  });
  const kind = q.period === 'year_end' ? '完成情况' : '月报';
  return { month: key, fileName: `废弃汽车专项治理${kind}-${key}.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}

/**
 * 报送内容: one row for each thing the plan says the report carries (四（四）: 印发政策文件、建立协调
 * 机制、…、经验做法), in its words. What the platform knows it fills (工作成效 from the figures, 典型
 * 案例 from the sheet beside); the rest are the reporting unit's own work and stay for it to write.
 */
function contentsSheet(wb: ExcelJS.Workbook, title: string, plan: CampaignPlan | null, sums: Measures, typicalCases: number) {
  const sheet = wb.addWorksheet('报送内容');
  sheet.columns = [
    { key: 'item', width: 20 },
    { key: 'content', width: 80 },
  ];
  sheet.addRow([title]).font = { bold: true, size: 14 };
  if (!plan) {
    sheet.addRow(['本方案未载明报送内容，请按方案文件填报。']);
    return;
  }
  sheet.addRow([
    `依据${plan.sourceDoc}：${plan.reporting.monthlyFrom}每月${plan.reporting.monthlyDueDay}日前报${plan.reporting.monthlyTo}`,
  ]);
  sheet.addRow(['报送事项', '内容']).font = { bold: true };
  const known: Record<string, string> = {
    取得的工作成效: `排查发现${sums.found}辆，告知/公告${sums.notified}辆，自行清理${sums.selfCleared}辆，分类处置${sums.disposed}辆，未处置${sums.pending}辆（见“按镇街”“按承办单位”）`,
    典型案例: typicalCases ? `见“典型案例”表（${typicalCases}件）` : '本期无处置完成的案例',
  };
  for (const item of plan.reporting.monthlyContents) sheet.addRow({ item, content: known[item] ?? '（由报送单位填写）' });
}
