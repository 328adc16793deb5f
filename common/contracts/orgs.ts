import { z } from 'zod';
import { DUTY_KINDS, ORG_UNIT_KINDS } from '../enums.js';
import { page, pagingQuery } from './shared.js';

/**
 * The organisations API (server/domains/orgs): the county's units and leaders as the gazette's
 * 分工 notices set them out, and the property companies with the estates each serves.
 */
export const orgUnitQuery = z.object({
  ...pagingQuery,
  /** Part of a unit's name or of one of its aliases. */
  q: z.string().trim().max(50).optional(),
  kind: z.string().max(30).optional(),
});
export type OrgUnitQuery = z.infer<typeof orgUnitQuery>;

const ref = z.object({ id: z.number().int(), name: z.string() });

/** One line of a leader's 分工: an area of work, a unit, or both. */
export const leaderDuty = z.object({
  duty: z.enum(DUTY_KINDS),
  workArea: z.string().nullable(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  assistsLeaderName: z.string().nullable(),
  /** The notice it comes from (平政办发〔2023〕6号). */
  sourceDoc: z.string(),
  /** The 班子 the duty is held in (县政府 or 县政府办公室): one leader may sit in both. */
  body: z.string().nullable(),
});
export type LeaderDuty = z.infer<typeof leaderDuty>;

const unitFacts = {
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(ORG_UNIT_KINDS),
  aliases: z.array(z.string()),
};

export const orgUnit = z.object({
  ...unitFacts,
  /** The leaders with a duty for the unit, each once with every duty they hold for it. */
  leaders: z.array(ref.extend({ duties: z.array(z.enum(DUTY_KINDS)) })),
});
export type OrgUnit = z.infer<typeof orgUnit>;

export const orgUnitPage = page(orgUnit);

export const orgUnitDetail = z.object({
  ...unitFacts,
  leaders: z.array(leaderDuty.extend({ id: z.number().int(), name: z.string() })),
});
export type OrgUnitDetail = z.infer<typeof orgUnitDetail>;

/** A seat in a 班子 (县政府 or 县政府办公室), ranked as that body's notice names its members. */
export const leaderPost = z.object({ body: z.string(), rank: z.number().int() });
export type LeaderPost = z.infer<typeof leaderPost>;

export const leader = z.object({
  id: z.number().int(),
  name: z.string(),
  /** Every 班子 the leader sits in, county government first: 赵传资 has two posts, one person. */
  posts: z.array(leaderPost),
  duties: z.array(leaderDuty),
  /** AB角: who stands in for the leader, and for whom the leader stands in. */
  abPartner: ref.nullable(),
});
export type Leader = z.infer<typeof leader>;

export const leaderList = z.object({ items: z.array(leader) });

export const propertyCompany = z.object({
  id: z.number().int(),
  name: z.string(),
  phone: z.string().nullable(),
  contact: z.string().nullable(),
  /** The company's estates that the viewer can see. */
  estates: z.array(ref),
});
export type PropertyCompany = z.infer<typeof propertyCompany>;

export const propertyCompanyList = z.object({ items: z.array(propertyCompany) });
