import { z } from 'zod';
import { ISO_DAY_MESSAGE, isIsoDay } from '../../common/dates.js';

/** A calendar day in a request: common/dates.ts decides, for the server and the clients alike. */
export const isoDay = z.string().refine(isIsoDay, ISO_DAY_MESSAGE);
