import type { Viewer } from '../../platform/auth/viewer.js';
import type { ScopedDb } from '../../platform/db/scoped-db.js';
import { notFound } from '../../platform/errors.js';
import { localDateOf } from '../../platform/calendar/working-calendar.js';
import type { CalendarOverrides, RoutingRule, RoutingRuleInput } from '../../../common/contracts/case-desk.js';
import type { CatalogueRepository } from './case-catalogue.repository.js';
import type { CaseDeps } from './case-context.js';

/**
 * What a county administrator configures of casework besides the catalogue file: routing rules
 * by region, and the working-day calendar's local changes.
 */
export async function routingRules(catalogue: CatalogueRepository): Promise<RoutingRule[]> {
  return catalogue.allRules();
}

/** A rule for a category, limited to a region of the administrator's (404 outside it), to a unit or to the grid. */
export async function addRoutingRule(deps: { catalogue: CatalogueRepository; scope: (regionId: number) => Promise<ScopedDb> }, viewer: Viewer, b: RoutingRuleInput) {
  if (!await deps.catalogue.categoryById(b.categoryId)) throw notFound('事件分类');
  if (b.regionId !== undefined) await deps.scope(b.regionId);
  if (b.orgUnitId !== undefined && !await deps.catalogue.unitById(b.orgUnitId)) throw notFound('承办单位');
  const id = await deps.catalogue.insertRule({
    category_id: b.categoryId, region_id: b.regionId ?? null, org_unit_id: b.orgUnitId ?? null, to_grid: b.toGrid, note: b.note ?? null, created_by: viewer.userId,
  });
  return { id };
}

/** The catalogue file's rules are kept with the file: only rules made here can be deleted. */
export async function deleteRoutingRule(catalogue: CatalogueRepository, id: number) {
  if (!await catalogue.deleteOwnRule(id)) throw notFound('分派规则');
}

/** The administrators' calendar days, and whether the calendar knows last year to next year (so the page can ask for next year's 调休). */
export async function calendarOverrides(deps: Pick<CaseDeps, 'calendarDays' | 'calendar' | 'clock'>): Promise<CalendarOverrides> {
  const year = Number(localDateOf(deps.clock.now()).slice(0, 4));
  return {
    items: await deps.calendarDays.overrides(),
    years: [year - 1, year, year + 1].map((y) => ({ year: y, known: deps.calendar.knowsYear(y) })),
  };
}

/** A day made a working day or a holiday. Deadlines computed from now on use it; existing deadlines stand. */
export async function setCalendarDay(deps: Pick<CaseDeps, 'calendarDays'>, day: string, change: { kind: 'workday' | 'holiday'; note?: string }) {
  await deps.calendarDays.setOverride(day, change.kind, change.note ?? null);
}
