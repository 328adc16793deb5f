import { z } from 'zod';
import { day } from './shared.js';

/**
 * The working-day calendar's local changes (server/domains/calendar): days an administrator made
 * working days or holidays beyond the State Council's arrangement (调休, local closures), and
 * whether the calendar knows the years around now (docs/decisions/007).
 */
export const CALENDAR_DAY_KINDS = ['workday', 'holiday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

export const calendarDayParams = z.object({ day });
export const calendarOverrideBody = z.object({ kind: z.enum(CALENDAR_DAY_KINDS), note: z.string().trim().max(100).optional() });
export type CalendarOverrideInput = z.infer<typeof calendarOverrideBody>;

export const calendarOverrides = z.object({
  items: z.array(z.object({ day, kind: z.enum(CALENDAR_DAY_KINDS), note: z.string().nullable() })),
  /** Last year to next year: whether the calendar knows each, so the page can ask for next year's 调休. */
  years: z.array(z.object({ year: z.number().int(), known: z.boolean() })),
});
export type CalendarOverrides = z.infer<typeof calendarOverrides>;

export const calendarDaySet = z.object({ ok: z.literal(true) });
