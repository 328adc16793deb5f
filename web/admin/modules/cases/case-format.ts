import { formatDateTime } from '@lib/format';
import { t } from '@lib/i18n';
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
    default:
      return String(value);
  }
}

/** 0.873 → 87.3%; null → —. */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** ISO → 12-01 15:10, for dense tables (the full time is in the title attribute). */
export function formatShortTime(value: string | null | undefined): string {
  if (!value) return DASH;
  const full = formatDateTime(value);
  return full.slice(5, 16);
}

/**
 * How far a deadline is from now in words: 剩余 3 小时 / 已超时 2 天. Wall-clock time, which is what
 * a person reads on a clock; the colour (red/yellow) is the server's working-time judgement.
 */
export function deadlineDistance(value: string | null | undefined, now = Date.now()): string {
  if (!value) return '';
  const ms = new Date(value).getTime() - now;
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const amount =
    minutes >= 2880
      ? t('cases.time.days', { n: Math.round(minutes / 1440) })
      : minutes >= 60
        ? t('cases.time.hours', { n: Math.round(minutes / 60) })
        : t('cases.time.minutes', { n: Math.max(1, minutes) });
  return ms >= 0 ? t('cases.time.left', { amount }) : t('cases.time.over', { amount });
}

/** A step of the loop (accept, dispatch, sign, handle, verify, close, evaluate, done). */
export function stepLabel(step: string): string {
  const key = `cases.step.${step}`;
  const text = t(key);
  return text === key ? step : text;
}
