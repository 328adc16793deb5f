import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { invalid } from '../../../platform/errors.js';
import { gazetteOrgsRepository, type GazetteOrgsRepository } from './gazette-orgs.repository.js';
import { parseDivisionOfLabour, type DivisionOfLabour, type GazetteUnit } from './division-of-labour.js';
import { splitGazette } from './gazette-documents.js';

/**
 * The two 分工 notices the organisation tables are seeded from, office first: its 县政府办公室
 * row is the parent of the office's 科室, and 6号 adds its own aliases to the same row.
 */
export const DIVISION_OF_LABOUR_NOTICES = ['平政办发〔2023〕4号', '平政办发〔2023〕6号'] as const;

export interface GazetteOrgsImportSummary {
  /** Notices imported (the two above). */
  documents: number;
  /** Leaders (people): 赵传资 sits in both 班子 and counts once. */
  leaders: number;
  /** Seats in a 班子, one per notice a leader is named in: 赵传资 has two. */
  posts: number;
  duties: number;
  /** Distinct units named by the notices. */
  units: number;
  abPairs: number;
}

/**
 * Seeds org_units, leaders, leader_duties and leader_ab_pairs from the gazette text, in one
 * transaction. Idempotent: units are upserted by name (aliases merged), leaders by name with a
 * post per (leader, 班子),
 * and a notice's duties and AB pairs are replaced wholesale, so a second run leaves the same rows.
 */
export async function importGazetteOrgs(db: Kysely<DB>, text: string): Promise<GazetteOrgsImportSummary> {
  const notices = readNotices(text);
  return db.transaction().execute(async (trx) => {
    const orgs = gazetteOrgsRepository(trx);
    const unitIds = await upsertUnits(
      orgs,
      notices.flatMap((notice) => notice.units),
    );
    const summary: GazetteOrgsImportSummary = {
      documents: notices.length,
      leaders: 0,
      posts: 0,
      duties: 0,
      units: unitIds.size,
      abPairs: 0,
    };
    const people = new Set<number>();
    for (const notice of notices) {
      const written = await replaceNotice(orgs, notice, unitIds);
      for (const id of written.leaderIds) people.add(id);
      summary.posts += written.leaderIds.length;
      summary.duties += written.duties;
      summary.abPairs += written.abPairs;
    }
    summary.leaders = people.size;
    return summary;
  });
}

/** Finds and parses both notices, refusing a text that lacks one or has sentences we cannot read. */
function readNotices(text: string): DivisionOfLabour[] {
  const documents = splitGazette(text);
  return DIVISION_OF_LABOUR_NOTICES.map((number) => {
    const doc = documents.find((d) => d.number === number);
    if (!doc) {
      throw invalid('GAZETTE_NOTICE_MISSING', `公报中没有找到领导分工通知 ${number}，无法导入组织机构`, { number });
    }
    const notice = parseDivisionOfLabour(doc);
    // A half-read 分工 would silently drop duties; better to stop and fix the parser.
    if (notice.unparsed.length > 0) {
      throw invalid('GAZETTE_NOTICE_UNPARSED', `${number} 中有无法识别的分工表述：${notice.unparsed.join('；')}`, {
        number,
        unparsed: notice.unparsed,
      });
    }
    return notice;
  });
}

/** Upserts every unit by name, parents before their sections; returns name → id. */
async function upsertUnits(orgs: GazetteOrgsRepository, units: GazetteUnit[]): Promise<Map<string, number>> {
  const merged = new Map<string, GazetteUnit>();
  for (const unit of units) {
    const known = merged.get(unit.name);
    if (known) known.aliases = union(known.aliases, unit.aliases);
    else merged.set(unit.name, { ...unit, aliases: [...unit.aliases] });
  }
  const ordered = [...merged.values()].sort((a, b) => Number(a.parent !== undefined) - Number(b.parent !== undefined));
  const existing = new Map((await orgs.unitsNamed([...merged.keys()])).map((row) => [row.name, row]));

  const ids = new Map<string, number>();
  for (const unit of ordered) {
    const parentId = unit.parent ? (ids.get(unit.parent) ?? null) : null;
    const row = existing.get(unit.name);
    if (row) {
      // Aliases only grow: another source may have taught the row names these notices omit.
      await orgs.updateUnit(row.id, { kind: unit.kind, aliases: union(row.aliases, unit.aliases), parent_id: parentId });
      ids.set(unit.name, row.id);
    } else {
      ids.set(unit.name, await orgs.insertUnit({ name: unit.name, kind: unit.kind, aliases: unit.aliases, parent_id: parentId }));
    }
  }
  return ids;
}

/** Upserts the notice's leaders and their posts in its 班子, then replaces its duties and AB pairs. */
async function replaceNotice(
  orgs: GazetteOrgsRepository,
  notice: DivisionOfLabour,
  unitIds: Map<string, number>,
): Promise<{ leaderIds: number[]; duties: number; abPairs: number }> {
  const leaderIds = new Map<string, number>();
  for (const leader of notice.leaders) {
    const id = await orgs.upsertLeader(leader.name);
    await orgs.upsertPost({ leader_id: id, body: notice.body, rank: leader.rank, source_doc: notice.sourceDoc });
    leaderIds.set(leader.name, id);
  }
  const leaderId = (name: string) => {
    const id = leaderIds.get(name);
    if (id === undefined) {
      throw invalid('GAZETTE_UNKNOWN_LEADER', `${notice.sourceDoc} 提到的 ${name} 不是本通知中的领导成员`, { name });
    }
    return id;
  };

  await orgs.forgetNotice(notice.sourceDoc);

  const duties = notice.leaders.flatMap((leader) =>
    leader.duties.map((duty) => ({
      leader_id: leaderId(leader.name),
      duty: duty.duty,
      work_area: duty.workArea ?? null,
      org_unit_id: duty.unitName === undefined ? null : unitIds.get(duty.unitName)!,
      assists_leader_id: duty.assistsLeader === undefined ? null : leaderId(duty.assistsLeader),
      source_doc: notice.sourceDoc,
    })),
  );
  await orgs.insertDuties(duties);

  const pairs = notice.abPairs.map(([a, b]) => ({ leader_a: leaderId(a), leader_b: leaderId(b), source_doc: notice.sourceDoc }));
  await orgs.upsertAbPairs(pairs);
  return { leaderIds: [...leaderIds.values()], duties: duties.length, abPairs: pairs.length };
}

function union(a: string[], b: string[]): string[] {
  return [...new Set([...a, ...b])];
}
