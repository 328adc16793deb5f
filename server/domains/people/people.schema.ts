import { z } from 'zod';
import { isoDay } from '../../platform/iso-day.js';
import { AGE_BANDS, POPULATION_TYPES, RELATIONS, RESIDENT_TAGS, HOUSE_USES } from '../../../common/enums.js';
import { pagingQuery } from '../../platform/paging.js';

export const residentQuery = z.object({
  ...pagingQuery,
  q: z.string().trim().max(50).optional(),
  regionId: z.coerce.number().int().positive().optional(),
  tag: z.enum([...RESIDENT_TAGS, 'over_60']).optional(),
  populationType: z.enum(POPULATION_TYPES).optional(),
  ageBand: z.enum(AGE_BANDS).optional(),
  houseUse: z.enum(HOUSE_USES).optional(),
  includeMovedOut: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  sort: z.enum(['id', 'name', 'age']).default('id'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type ResidentQuery = z.infer<typeof residentQuery>;
export type ResidentFilterInput = Omit<ResidentQuery, 'page' | 'pageSize' | 'sort' | 'order'>;

export const residentFields = {
  name: z.string().trim().min(1).max(30),
  phone: z.string().trim().max(20).nullable().optional(),
  populationType: z.enum(POPULATION_TYPES),
  houseId: z.number().int().positive().nullable().optional(),
  householdId: z.number().int().positive().nullable().optional(),
  communityId: z.number().int().positive().optional(),
  relation: z.enum(RELATIONS).default('self'),
  tags: z.array(z.enum(RESIDENT_TAGS)).max(RESIDENT_TAGS.length).default([]),
  ethnicity: z.string().trim().max(20).nullable().optional(),
  employer: z.string().trim().max(100).nullable().optional(),
  movedInOn: isoDay.nullable().optional(),
};

export const createResidentBody = z.object({ idCard: z.string().trim().min(1).max(18), ...residentFields });
export type CreateResidentInput = z.infer<typeof createResidentBody>;

export const updateResidentBody = z.object({
  name: residentFields.name.optional(),
  phone: residentFields.phone,
  populationType: residentFields.populationType.optional(),
  houseId: residentFields.houseId,
  householdId: residentFields.householdId,
  relation: z.enum(RELATIONS).optional(),
  tags: z.array(z.enum(RESIDENT_TAGS)).max(RESIDENT_TAGS.length).optional(),
  ethnicity: residentFields.ethnicity,
  employer: residentFields.employer,
}).refine((b) => Object.keys(b).length > 0, { message: '没有要修改的内容' });
export type UpdateResidentInput = z.infer<typeof updateResidentBody>;

export const moveBody = z.object({
  kind: z.enum(['move_in', 'move_out']),
  movedOn: isoDay,
  place: z.string().trim().max(100).optional(),
  note: z.string().trim().max(500).optional(),
});
