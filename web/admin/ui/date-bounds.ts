import { EARLIEST_YEAR, LATEST_YEAR } from '@common/dates';

export type PickerType = 'date' | 'month';

/** The string a picker of this type reads and writes: 2026-12-05 for a day, 2026-12 for a month. */
export const VALUE_FORMAT: Record<PickerType, string> = { date: 'YYYY-MM-DD', month: 'YYYY-MM' };

const pad = (n: number) => String(n).padStart(2, '0');

/** A calendar day or month of the viewer's clock as the picker's string ('2026-12-05' / '2026-12'). */
export function pickerValue(date: Date, type: PickerType): string {
  const month = `${date.getFullYear()}-${pad(date.getMonth() + 1)}`;
  return type === 'month' ? month : `${month}-${pad(date.getDate())}`;
}

/**
 * Element's disabledDate for a [min, max] range of picker strings, inclusive. Without bounds the
 * platform's years (common/dates.ts) apply, as the native input's min/max did: a typed 0202 is
 * refused in the picker rather than sent for the server to refuse. Strings of one format compare
 * as their dates do, so no parsing is needed.
 */
export function outsideBounds(type: PickerType, min?: string, max?: string): (date: Date) => boolean {
  const lower = min ?? pickerValue(new Date(EARLIEST_YEAR, 0, 1), type);
  const upper = max ?? pickerValue(new Date(LATEST_YEAR, 11, 31), type);
  return (date) => {
    const value = pickerValue(date, type);
    return value < lower.slice(0, value.length) || value > upper.slice(0, value.length);
  };
}
