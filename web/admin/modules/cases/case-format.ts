import { formatDateTime, formatDecimal } from '@lib/format';
import { enumLabel, t } from '@lib/i18n';
import { formatNumber } from '@lib/format';
import type { ClockColour, CaseSummary } from '@common/contracts/cases';

type ClockReading = CaseSummary['clockReading'];
import type { CaseFormField } from '@common/enums';

/** Display helpers for casework values; all show a dash for nothing. */
const DASH = '—';

/** A form field's value as its label says it: option labels, 是/否, lists joined. */
export function attributeText(field: CaseFormField, value: unknown): string {
  if (value === undefined || value === null || value === '') return DASH;
  const option = (v: unknown) => field.options?.find((o) => o.value === v)?.label ?? String(v);
  switch (field.type) {
    case 'boolean':
      return value ? t('common.yes') : t('common.no');
    case 'select':
      return option(value);
    case 'multiselect':
      return Array.isArray(value) && value.length ? value.map(option).join('、') : DASH;
    case 'number':
      return typeof value === 'number' ? formatDecimal(value) : String(value);
    default:
      return String(value);
  }
}

/** ISO → 12-01 15:10, for dense tables (the full time is in the title attribute). */
export function formatShortTime(value: string | null | undefined): string {
  if (!value) return DASH;
  const full = formatDateTime(value);
  return full.slice(5, 16);
}

/**
 * How long until a deadline, in words: 剩余 3 小时. Wall-clock time, which is what a person reads
 * on a clock. A deadline already passed gives nothing: how late a case is is said once, in
 * working days, by its clock reading (clockText), never a second time in other units beside it.
 */
export function deadlineDistance(value: string | null | undefined, now = Date.now()): string {
  if (!value) return '';
  const ms = new Date(value).getTime() - now;
  if (ms < 0) return '';
  const minutes = Math.round(ms / 60_000);
  const amount =
    minutes >= 2880
      ? t('cases.time.days', { n: Math.round(minutes / 1440) })
      : minutes >= 60
        ? t('cases.time.hours', { n: Math.round(minutes / 60) })
        : t('cases.time.minutes', { n: Math.max(1, minutes) });
  return t('cases.time.left', { amount });
}

/**
 * A clock reading in words (common/case-clock.ts decides; this only says it): 已超时 3 个工作日,
 * 即将超时 · 已用 85%, 正常 · 已用 40%, 已暂停.
 */
export function clockText(clock: ClockColour, reading: ClockReading): string {
  switch (reading.state) {
    case 'overdue': {
      // A calendar_hours case is late in real days and hours (已超时 2 小时), never 工作小时.
      const calendar = reading.overdue?.basis === 'calendar';
      return reading.overdue && reading.overdue.days >= 1
        ? t(calendar ? 'cases.clock.overdueCalendarDays' : 'cases.clock.overdueDays', { n: formatNumber(reading.overdue.days) })
        : t(calendar ? 'cases.clock.overdueCalendarHours' : 'cases.clock.overdueHours', { n: formatNumber(reading.overdue?.hours ?? 1) });
    }
    case 'paused':
      return t('cases.clock.paused');
    case 'stopped':
      return t('cases.clock.none');
    default: {
      const label = enumLabel('clock', clock);
      return reading.percent === null ? label : `${label} · ${t('cases.clock.used', { n: reading.percent })}`;
    }
  }
}

/** A step of the loop (accept, dispatch, sign, handle, verify, close, evaluate, done). */
export function stepLabel(step: string): string {
  const key = `cases.step.${step}`;
  const text = t(key);
  return text === key ? step : text;
}
