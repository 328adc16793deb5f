import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { regionTreeWrites, type RegionInput } from './regions.repository.js';

const tier = z.enum(['基础型', '成长型', '标杆型']);
const communitySchema = z.object({
  code: z.string().min(6),
  name: z.string().min(2),
  kind: z.enum(['社区', '村']),
  smartTier: tier.optional(),
  smartTargetTier: tier.optional(),
  smartPilotYear: z.number().int().optional(),
  smartSource: z.string().optional(),
});
const regionFileSchema = z.object({
  county: z.object({ code: z.string().regex(/^\d{6}$/), name: z.string(), kind: z.literal('县') }),
  towns: z.array(
    z.object({
      code: z.string().regex(/^\d{12}$/),
      name: z.string(),
      kind: z.enum(['街道', '镇']),
      communities: z.array(communitySchema),
    }),
  ),
});
export type RegionFile = z.infer<typeof regionFileSchema>;

export function readRegionFile(file: string): RegionFile {
  return regionFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Loads the county → town → community part of the tree from a region data file. Idempotent by
 * code: a region already present keeps its id and path, only its names and pilot facts refresh.
 */
export async function seedRegions(db: Kysely<DB>, file: RegionFile): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let count = 0;
    const county = await upsertRegion(trx, null, '/', {
      code: file.county.code,
      name: file.county.name,
      level: 'county',
      kind: '县',
      sort: 0,
    });
    count++;
    for (const [townIndex, town] of file.towns.entries()) {
      const townRow = await upsertRegion(trx, county.id, county.path, {
        code: town.code,
        name: town.name,
        level: 'town',
        kind: town.kind,
        sort: townIndex,
      });
      count++;
      for (const [i, c] of town.communities.entries()) {
        await upsertRegion(trx, townRow.id, townRow.path, {
          code: c.code,
          name: c.name,
          level: 'community',
          kind: c.kind,
          sort: i,
          code_is_local: c.code.startsWith('L'),
          smart_tier: c.smartTier ?? null,
          smart_target_tier: c.smartTargetTier ?? null,
          smart_pilot_year: c.smartPilotYear ?? null,
          smart_source: c.smartSource ?? null,
        });
        count++;
      }
    }
    return count;
  });
}

/** Inserts or refreshes one region under a parent; returns its id and path ('/1/4/'). */
export async function upsertRegion(
  db: Kysely<DB>,
  parentId: number | null,
  parentPath: string,
  input: RegionInput,
): Promise<{ id: number; path: string }> {
  const regions = regionTreeWrites(db);
  const existing = await regions.byCode(input.code);
  if (!existing) return regions.insert(parentId, parentPath, input);
  await regions.refresh(existing.id, input);
  return existing;
}
