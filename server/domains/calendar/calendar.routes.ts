import {
  calendarDayParams,
  calendarDaySet,
  calendarOverrideBody,
  calendarOverrides as calendarOverridesSchema,
} from '../../../common/contracts/calendar.js';
import type { Clock } from '../../platform/clock.js';
import { guarded, typed, type App } from '../../platform/http.js';
import { calendarRepository } from './calendar.repository.js';
import type { LiveCalendar } from './calendar.live.js';
import { calendarOverrides, setCalendarDay, type CalendarDeps } from './calendar.service.js';

export interface CalendarRoutesOptions {
  /** This process's calendar (app.ts starts it), which a change reloads here and, by its announcement, everywhere. */
  calendar: LiveCalendar;
  clock: Clock;
}

const tags = ['calendar'];

/** The working-day calendar's local changes (调休, closures): county administrators only. */
export async function calendarRoutes(app: App, options: CalendarRoutesOptions) {
  const r = typed(app);
  const deps: CalendarDeps = {
    days: calendarRepository(app.db),
    transaction: (fn) => app.db.transaction().execute((trx) => fn(calendarRepository(trx))),
    calendar: options.calendar,
    clock: options.clock,
  };

  r.get(
    '/api/calendar-overrides',
    guarded('cases.configure', { tags, summary: '工作日历调整（国家安排之外的放假、上班日）', response: { 200: calendarOverridesSchema } }),
    async () => calendarOverrides(deps),
  );

  r.put(
    '/api/calendar-overrides/:day',
    guarded('cases.configure', {
      tags,
      summary: '设置某日为上班日或放假日（各服务进程随即按新日历计算时限）',
      params: calendarDayParams,
      body: calendarOverrideBody,
      response: { 200: calendarDaySet },
    }),
    async (request) => {
      await setCalendarDay(deps, request.params.day, request.body);
      return { ok: true as const };
    },
  );
}
