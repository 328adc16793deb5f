import { z } from 'zod';
import { ISO_DAY_MESSAGE, isIsoDay } from '../dates.js';

/**
 * Pieces every contract uses (docs/decisions/012). A contract is the Zod schema of one request
 * or response: the server validates and serialises with it (a field the schema does not name is
 * never sent), the OpenAPI document shows it, the clients import its type.
 */

/** A moment, as the API sends it: ISO 8601 in UTC ('2026-12-04T08:30:00.000Z'). Presenters pass Date.toISOString(). */
export const timestamp = z.string().describe('ISO 8601 时间（UTC）');

/** A calendar day, 'YYYY-MM-DD', as common/dates.ts reads it. */
export const day = z.string().refine(isIsoDay, ISO_DAY_MESSAGE);

/** Page and size of every list: 1-based pages, at most 200 rows a page. */
export const pagingQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export const idParams = z.object({ id: z.coerce.number().int().positive() });

/** A page of a list and the number of rows in all its pages. */
export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int() });

export type Page<T> = { items: T[]; total: number };
