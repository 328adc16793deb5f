/**
 * The campaign's calendar, pure: the phase a day falls in (computed from the phase dates, never
 * stored), whether phases are well ordered, and the month a report covers and when it is due.
 */
export type PhaseState = { kind: 'before' } | { kind: 'in'; code: string; name: string } | { kind: 'after' };

interface PhaseDates {
  code: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** Pure: where a day ('YYYY-MM-DD', local) falls among the phases (sorted by start). */
export function phaseOn(phases: readonly PhaseDates[], day: string): PhaseState {
  if (!phases.length || day < phases[0].startsOn) return { kind: 'before' };
  const hit = phases.find((p) => p.startsOn <= day && day <= p.endsOn);
  if (hit) return { kind: 'in', code: hit.code, name: hit.name };
  // A gap between two phases belongs to the phase before it: its work simply runs on.
  const before = [...phases].reverse().find((p) => p.endsOn < day);
  return before === phases[phases.length - 1] ? { kind: 'after' } : { kind: 'in', code: before!.code, name: before!.name };
}

/** Pure: phases must be in order, each within itself, none overlapping, codes unique. */
export function phaseProblem(phases: readonly PhaseDates[]): string | null {
  const codes = new Set<string>();
  for (const [i, p] of phases.entries()) {
    if (p.startsOn > p.endsOn) return `“${p.name}”的开始日期晚于结束日期`;
    if (codes.has(p.code)) return `阶段代码“${p.code}”重复`;
    codes.add(p.code);
    if (i > 0 && phases[i - 1].endsOn >= p.startsOn) return `“${p.name}”须在“${phases[i - 1].name}”结束之后开始`;
  }
  return null;
}

/** Pure: the month a report covers by default: the one before the day's month (报上月情况). */
export function previousMonth(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** Pure: the day the month's report is due: the report day of the following month (每月8日前). */
export function reportDueOn(month: string, reportDay: number): string {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `${next}-${String(reportDay).padStart(2, '0')}`;
}
