import { z } from 'zod';

/**
 * The people API's shapes that other contracts use. (The rest of the people API moves here
 * with the people domain; issue 8.)
 */

/** A resident as a list shows them: ID number and phone masked unless the viewer's role needs them. */
export const residentItem = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  idCard: z.string(),
  phone: z.string().nullable(),
  populationType: z.string(),
  relation: z.string(),
  tags: z.array(z.string()),
  communityId: z.number().int(),
  communityName: z.string().nullable(),
  gridId: z.number().int().nullable(),
  gridName: z.string().nullable(),
  houseId: z.number().int().nullable(),
  address: z.string().nullable(),
  movedOut: z.boolean(),
});
export type ResidentItem = z.infer<typeof residentItem>;
