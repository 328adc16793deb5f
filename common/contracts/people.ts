import { z } from 'zod';
import { AGE_BANDS, HOUSE_USES, POPULATION_TYPES, RELATIONS, RESIDENT_TAGS } from '../enums.js';
import { day, page, pagingQuery } from './shared.js';
import { revealReason } from './reveal.js';

/**
 * The people API (server/domains/people): residents in region scope, their households, moves
 * and 特殊人群 (special groups) records, and a resident's own home (/api/me/home).
 */

// ── requests ───────────────────────────────────────────────────────────────

/** What a resident list is filtered by; its Excel export takes the same filters. */
export const residentFilters = z.object({
  /** A name prefix, a full ID or phone number, or the tail of one (at least 4 characters). */
  q: z.string().trim().max(50).optional(),
  regionId: z.coerce.number().int().positive().optional(),
  /** A stored tag, or 60岁以上 (over_60), which is computed from the birth date. */
  tag: z.enum([...RESIDENT_TAGS, 'over_60']).optional(),
  populationType: z.enum(POPULATION_TYPES).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  houseUse: z.enum(HOUSE_USES).optional(),
  includeMovedOut: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export type ResidentFilters = z.infer<typeof residentFilters>;

export const residentQuery = residentFilters.extend({
  ...pagingQuery,
  sort: z.enum(['id', 'name', 'age']).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ResidentQuery = z.infer<typeof residentQuery>;

const residentFields = {
  name: z.string().trim().min(1).max(30),
  phone: z.string().trim().max(20).nullable().optional(),
  populationType: z.enum(POPULATION_TYPES),
  houseId: z.number().int().positive().nullable().optional(),
  householdId: z.number().int().positive().nullable().optional(),
  /** Where a resident without a house belongs; a house decides it otherwise. */
  communityId: z.number().int().positive().optional(),
  relation: z.enum(RELATIONS).default('self'),
  tags: z.array(z.enum(RESIDENT_TAGS)).max(RESIDENT_TAGS.length).default([]),
  ethnicity: z.string().trim().max(20).nullable().optional(),
  employer: z.string().trim().max(100).nullable().optional(),
  movedInOn: day.nullable().optional(),
};

export const createResidentBody = z.object({ idCard: z.string().trim().min(1).max(18), ...residentFields });
export type CreateResidentInput = z.infer<typeof createResidentBody>;
/** The body as a client sends it (defaults not yet applied). */
export type CreateResidentBody = z.input<typeof createResidentBody>;

export const updateResidentBody = z
  .object({
    name: residentFields.name.optional(),
    phone: residentFields.phone,
    populationType: residentFields.populationType.optional(),
    houseId: residentFields.houseId,
    householdId: residentFields.householdId,
    relation: z.enum(RELATIONS).optional(),
    tags: z.array(z.enum(RESIDENT_TAGS)).max(RESIDENT_TAGS.length).optional(),
    ethnicity: residentFields.ethnicity,
    employer: residentFields.employer,
  })
  .refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });
export type UpdateResidentInput = z.infer<typeof updateResidentBody>;

export const moveBody = z.object({
  kind: z.enum(['move_in', 'move_out']),
  movedOn: day,
  place: z.string().trim().max(100).optional(),
  note: z.string().trim().max(500).optional(),
});
export type MoveInput = z.infer<typeof moveBody>;

/** 查看完整号码: which of a resident's numbers, and why (written to the audit log). */
export const revealResidentBody = z.object({ field: z.enum(['idCard', 'phone']), reason: revealReason });
export type RevealResidentInput = z.infer<typeof revealResidentBody>;

// ── responses ──────────────────────────────────────────────────────────────

/** A resident as a list shows them: ID number and phone masked unless the viewer's role needs them. */
export const residentItem = z.object({
  id: z.number().int(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: day,
  /** On today's date in Pingyin (Asia/Shanghai). */
  age: z.number().int(),
  idCard: z.string(),
  phone: z.string().nullable(),
  populationType: z.enum(POPULATION_TYPES),
  relation: z.string(),
  /** Stored tags, and over_60 when the age says so. */
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
export const residentPage = page(residentItem);

export const residentMove = z.object({
  kind: z.enum(['move_in', 'move_out']),
  movedOn: day,
  place: z.string().nullable(),
  note: z.string().nullable(),
});

export const residentDetail = residentItem.extend({
  ethnicity: z.string().nullable(),
  employer: z.string().nullable(),
  movedInOn: day.nullable(),
  movedOutOn: day.nullable(),
  house: z.object({ id: z.number().int(), address: z.string() }).nullable(),
  household: z
    .object({
      id: z.number().int(),
      householdNo: z.string(),
      householderId: z.number().int().nullable(),
      /** The members in the viewer's scope. */
      members: z.array(residentItem),
    })
    .nullable(),
  /** The resident's cars in the viewer's scope (the vehicles domain's register). */
  vehicles: z.array(z.object({ id: z.number().int(), plate: z.string(), vehicleType: z.string() })),
  moves: z.array(residentMove),
  /** Whether the viewer may open the 特殊人群 records (each read is audited). */
  specialGroupsVisible: z.boolean(),
  /** Whether idCard and phone above are whole (the viewer's role needs them, or it is their own record). */
  numbersInFull: z.boolean(),
  /** Whether the viewer sees the numbers masked but may reveal one with a reason (查看完整号码, audited). */
  numbersRevealable: z.boolean(),
});
export type ResidentDetail = z.infer<typeof residentDetail>;

export const specialGroupRecord = z.object({
  category: z.string(),
  sinceOn: day.nullable(),
  supervisor: z.string().nullable(),
  note: z.string().nullable(),
});
export type SpecialGroupRecord = z.infer<typeof specialGroupRecord>;
export const specialGroupRecords = z.array(specialGroupRecord);

const placeName = z.object({ id: z.number().int(), name: z.string() });

/** 我的家: the signed-in resident, their community and grid, and the grid's workers to call. */
export const myHome = z.object({
  resident: residentDetail,
  community: placeName.nullable(),
  grid: placeName.nullable(),
  gridWorkers: z.array(z.object({ name: z.string(), phone: z.string(), employment: z.string() })),
});
export type MyHome = z.infer<typeof myHome>;
