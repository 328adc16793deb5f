import type { BatchOutcome, ImportRowError } from '../../common/contracts/exchange.js';

/**
 * What the domains that store an import's rows share (people, regions, vehicles): the outcome a
 * batch adds to its job's counters, a row's refusal, and the step every keyed import ends with.
 */
export const emptyOutcome = (): BatchOutcome => ({ created: 0, updated: 0, unchanged: 0, errors: [] });

export const rejectRow = (row: { row: number }, field: string, code: string, message: string): ImportRowError => ({
  row: row.row,
  field,
  code,
  message,
});

/**
 * Stores one checked row by its key: inserted when there is none yet, left alone when every
 * value is as stored (so a re-import changes nothing), updated otherwise.
 */
export async function storeKeyed<V extends object>(
  out: BatchOutcome,
  current: ({ id: number } & { [K in keyof V]: unknown }) | undefined,
  values: V,
  write: { insert(): Promise<unknown>; update(id: number): Promise<unknown> },
) {
  if (!current) {
    await write.insert();
    out.created++;
  } else if ((Object.keys(values) as (keyof V)[]).every((k) => current[k] === values[k])) {
    out.unchanged++;
  } else {
    await write.update(current.id);
    out.updated++;
  }
}
