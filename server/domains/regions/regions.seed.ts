import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.js';
import { readGazette } from '../gazette/index.js';
import { regionTreeWrites, type RegionInput } from './regions.repository.js';
import { readSmartPilots, type SmartPilot } from './smart-pilots.js';

const communitySchema = z.object({
  code: z.string().min(6),
  name: z.string().min(2),
  kind: z.enum(['社区', '村']),
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
  /** Where the 智慧社区 pilots are read from: a document of a gazette file (path relative to this file). */
  smartPilots: z.object({ document: z.string(), gazette: z.string() }).optional(),
});
type ParsedRegionFile = z.infer<typeof regionFileSchema>;
type Community = ParsedRegionFile['towns'][number]['communities'][number];
/** The file with each community's pilot facts as the gazette states them (null: not a pilot). */
export type RegionFile = Omit<ParsedRegionFile, 'towns'> & {
  towns: Array<Omit<ParsedRegionFile['towns'][number], 'communities'> & { communities: Array<Community & { smart: SmartPilot | null }> }>;
};

export function readRegionFile(file: string): RegionFile {
  const parsed = regionFileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const pilots = parsed.smartPilots ? readPilotsOf(parsed, path.resolve(path.dirname(file), parsed.smartPilots.gazette)) : new Map();
  return {
    ...parsed,
    towns: parsed.towns.map((t) => ({ ...t, communities: t.communities.map((c) => ({ ...c, smart: pilots.get(c.name) ?? null })) })),
  };
}

/** The pilots the file's document states; a sentence about a tier it cannot read stops the seed. */
function readPilotsOf(parsed: ParsedRegionFile, gazetteFile: string): Map<string, SmartPilot> {
  const number = parsed.smartPilots!.document;
  // The reply is printed once per proposer; the reader keeps the first copy's text.
  const doc = readGazette(readFileSync(gazetteFile, 'utf8')).documents.find((d) => d.number.text === number);
  if (!doc) throw new Error(`${gazetteFile}: 没有找到 ${number}，无法读取智慧社区试点`);
  const names = parsed.towns.flatMap((t) => t.communities.map((c) => c.name));
  const { pilots, unparsed } = readSmartPilots(doc, names);
  if (unparsed.length > 0) throw new Error(`${number} 中有无法识别的试点表述：${unparsed.join('；')}`);
  return pilots;
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
          smart_tier: c.smart?.tier ?? null,
          smart_target_tier: c.smart?.targetTier ?? null,
          smart_pilot_year: c.smart?.pilotYear ?? null,
          smart_source: c.smart?.source ?? null,
          smart_note: c.smart?.note ?? null,
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
