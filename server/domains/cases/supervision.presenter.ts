import type { BoardRow, CaseStatistics, SupervisionBoard, SupervisionNotice } from '../../../common/contracts/case-desk.js';
import type { CaseSource, CaseStatus } from '../../../common/enums.js';
import type { SupervisionRepository } from './supervision.repository.js';
import { iso, isoOrNull, type TextLens } from './cases.presenter.js';

/** 督办 and 考评 as they leave the server (common/contracts/cases.ts). */
type Board = Awaited<ReturnType<SupervisionRepository['board']>>;
type Statistics = Awaited<ReturnType<SupervisionRepository['statistics']>>;
type NoticeRow = Awaited<ReturnType<SupervisionRepository['notices']>>['rows'][number];

/**
 * Where each status counts on the big screen: 事件总计 = 已处理 + 未处理 + 不予受理. A merged case
 * lives on in the case it joined, so it counts nowhere. Handled and verified cases are still
 * open on their clocks (核查, 结案 to come) but are 已处理 to the public figure.
 */
const TOTALS_BUCKET: Record<CaseStatus, 'handled' | 'open' | 'rejected' | null> = {
  reported: 'open',
  accepted: 'open',
  registered: 'open',
  dispatched: 'open',
  in_progress: 'open',
  suspended: 'open',
  handled: 'handled',
  verified: 'handled',
  closed: 'handled',
  evaluated: 'handled',
  rejected: 'rejected',
  merged: null,
};

/** Red and yellow per handling unit and per town, worst first, and the big screen's totals (事件总计, 已处理, 未处理). */
export function presentBoard(b: Board): SupervisionBoard {
  // Every open case is in one handler's row, and red is overdue (clockConditions.colourAt).
  const overdue = b.byUnit.reduce((sum, r) => sum + (r.colour === 'red' ? Number(r.n) : 0), 0);
  const totals = { total: 0, handled: 0, open: 0, rejected: 0, overdue };
  for (const { status, n } of b.byStatus) {
    const bucket = TOTALS_BUCKET[status as CaseStatus];
    if (!bucket) continue;
    totals[bucket] += Number(n);
    totals.total += Number(n);
  }
  return {
    totals,
    units: pivot(
      b.byUnit.map((r) => ({
        key: r.unit_id ? `unit:${r.unit_id}` : `region:${r.region_id ?? 'none'}`,
        name: r.name,
        unitId: r.unit_id,
        regionId: r.region_id,
        colour: r.colour,
        n: Number(r.n),
      })),
    ),
    towns: pivot(b.byTown.map((r) => ({ key: String(r.id), name: r.name, regionId: r.id, colour: r.colour, n: Number(r.n) }))),
  };
}

function pivot(
  rows: { key: string; name: string; colour: string; n: number; unitId?: number | null; regionId?: number | null }[],
): BoardRow[] {
  const out = new Map<string, BoardRow>();
  for (const r of rows) {
    const row = out.get(r.key) ?? {
      name: r.name,
      unitId: r.unitId ?? null,
      regionId: r.regionId ?? null,
      red: 0,
      yellow: 0,
      green: 0,
      paused: 0,
      open: 0,
    };
    row[r.colour as 'red' | 'yellow' | 'green' | 'paused'] += r.n;
    row.open += r.n;
    out.set(r.key, row);
  }
  return [...out.values()].sort((a, b) => b.red - a.red || b.yellow - a.yellow || b.open - a.open);
}

export function presentStatistics(s: Statistics): CaseStatistics {
  const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);
  return {
    units: s.units.map((u) => ({
      unitId: u.id,
      name: u.name,
      received: Number(u.received),
      handled: Number(u.handled),
      onTimeRate: rate(Number(u.on_time), Number(u.handled)),
      avgHandlingHours: u.avg_hours === null ? null : Math.round(Number(u.avg_hours) * 10) / 10,
      reopenRate: rate(Number(u.reopened), Number(u.received)),
      satisfactionRate: rate(Number(u.satisfied), Number(u.rated)),
      rated: Number(u.rated),
    })),
    categories: s.categories.map((c) => ({ name: c.name, count: Number(c.n) })),
    sources: s.sources.map((r) => ({ source: r.source as CaseSource, count: Number(r.n) })),
    daily: s.daily.map((d) => ({ day: d.day, reported: Number(d.reported), handled: Number(d.handled) })),
  };
}

export function presentNotice(s: NoticeRow, lens: TextLens): SupervisionNotice {
  return {
    id: s.id,
    caseId: s.case_id,
    number: s.number,
    title: lens(s.title),
    status: s.status as CaseStatus,
    level: s.level,
    reason: lens(s.reason),
    issuedAt: iso(s.issued_at),
    bySystem: s.issued_by === null,
    acknowledgedAt: isoOrNull(s.acknowledged_at),
    unit: s.unit,
    leader: s.leader,
    backupLeader: s.backup_leader,
  };
}
