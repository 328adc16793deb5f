/**
 * The working-day calendar's public face (docs/decisions/007, 011): its routes, the process's
 * live calendar that app.ts starts and casework reads through `CalendarAccess`, and a one-off
 * load for the seed. Everything else in this folder is the domain's own.
 */
export { calendarRoutes, type CalendarRoutesOptions } from './calendar.routes.js';
export { loadCalendar, startCalendar, type CalendarAccess, type LiveCalendar } from './calendar.live.js';
