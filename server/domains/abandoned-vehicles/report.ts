import ExcelJS from 'exceljs';
import type { Viewer } from '../../platform/auth/viewer.js';
import type { Clock } from '../../platform/clock.js';
import type { AuditEntry } from '../../platform/audit.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import { notFound } from '../../platform/errors.js';
import type { Measures, Progress } from '../../../common/contracts/abandoned-vehicles.js';
import type { AvReportsRepository, CampaignsRepository, MeasureRow } from './abandoned-vehicles.repository.js';
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

export async function campaignProgress(deps: AvReportDeps, campaignId?: number): Promise<Progress> {
  const today = localDateOf(deps.clock.now());
  const campaign = campaignId !== undefined ? await deps.campaigns.byId(campaignId) : await campaignFor(deps.campaigns, today);
  if (!campaign) throw notFound('专项治理方案');
  const from = startOfDay(campaign.startsOn ?? campaign.issuedOn);
  const to = deps.clock.now();
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

export async function monthlyReport(deps: AvReportDeps, viewer: Viewer, q: { month?: string; campaignId?: number }) {
  const today = localDateOf(deps.clock.now());
  const month = q.month ?? previousMonth(today);
  const campaign = q.campaignId !== undefined ? await deps.campaigns.byId(q.campaignId) : await campaignFor(deps.campaigns, `${month}-01`);
  if (q.campaignId !== undefined && !campaign) throw notFound('专项治理方案');
  const from = startOfDay(`${month}-01`);
  const to = startOfDay(nextMonthStart(month));
  const [towns, units, typical] = await Promise.all([
    byTown(deps, from, to),
    deps.reports.measuresBy({ from, to, by: 'unit' }),
    deps.reports.disposedCases({ from, to, limit: 5 }),
  ]);
  const [y, m] = month.split('-').map(Number);
  const title = `${campaign?.name ?? '废弃汽车专项治理'}工作月报（${y}年${m}月）`;
  const note = `${viewer.regionName} · 依据${campaign?.docNumber ?? '平政办字〔2023〕7号'}，于${reportDueOn(month, campaign?.reportDay ?? 8)}前报送 · 生成于${today}`;

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
  if (!typical.length) cases.addRow({ number: '本月无处置完成的案例' });
  await deps.audit(viewer, { action: 'export_av_monthly_report', entity: 'av_campaign', entityId: campaign?.id, detail: { month } });
  return { month, fileName: `废弃汽车专项治理月报-${month}.xlsx`, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
}
