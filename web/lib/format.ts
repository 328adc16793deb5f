/** Display formats shared by the clients. All take null/undefined and show a dash. */
const DASH = '—';

type Maybe<T> = T | null | undefined;

/** '2023-05-04' or an ISO timestamp → 2023-05-04. */
export function formatDate(value: Maybe<string | Date>): string {
  if (!value) return DASH;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** ISO timestamp → 2023-05-04 14:03:09 in the viewer's time zone (China Standard Time in use). */
export function formatDateTime(value: Maybe<string | Date>): string {
  if (!value) return DASH;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDate(date)} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

// Every figure the clients show goes through these, so 12,345 is written one way everywhere.
const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 12345 → 12,345 (counts) */
export function formatNumber(value: Maybe<number>): string {
  return value === null || value === undefined ? DASH : integer.format(value);
}

/** 1234.567 → 1,234.57 (shares, averages: at most two decimals) */
export function formatDecimal(value: Maybe<number>): string {
  return value === null || value === undefined ? DASH : decimal.format(value);
}

/** A share as a percentage, one decimal: 0.873 → 87.3% (on-time and satisfaction rates). */
export function formatPercent(value: Maybe<number>): string {
  return value === null || value === undefined ? DASH : percent.format(value);
}

/** 89.5 → 89.5 m² */
export function formatArea(value: Maybe<number>): string {
  return value === null || value === undefined ? DASH : `${formatDecimal(value)} m²`;
}

/** 1500 → ¥1,500.00 */
export function formatMoney(value: Maybe<number>): string {
  return value === null || value === undefined ? DASH : `¥${money.format(value)}`;
}

export function orDash(value: Maybe<string | number>): string {
  return value === null || value === undefined || value === '' ? DASH : String(value);
}

/** Bytes → 12.3 KB, for download progress. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
