/** Page and size for every list, and an id in a path: the contracts' own (common/contracts/shared.ts). */
export { idParams, pagingQuery } from '../../common/contracts/shared.js';

export const offsetOf = (p: { page: number; pageSize: number }) => (p.page - 1) * p.pageSize;

export interface PageOf<T> {
  items: T[];
  total: number;
}

/**
 * Runs a page query and its count together. `counted` is the same filtered query before its
 * columns, joins and order, so the count never pays for them.
 */
export async function pageOf<R>(
  rows: { execute(): Promise<R[]> },
  // Any Kysely select builder, whatever its tables: only its select() is used.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  counted: { select(fn: (eb: any) => any): { executeTakeFirstOrThrow(): Promise<unknown> } },
): Promise<{ rows: R[]; total: number }> {
  const [items, count] = await Promise.all([
    rows.execute(),
    counted.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() as Promise<{ n: number | string }>,
  ]);
  return { rows: items, total: Number(count.n) };
}
