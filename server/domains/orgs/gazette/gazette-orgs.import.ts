import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.js';
import { invalid } from '../../../platform/errors.js';
import { gazetteOrgsRepository, type GazetteOrgsRepository } from './gazette-orgs.repository.js';
import type { GazetteDocument } from '../../../../common/contracts/gazette.js';
import { parseDivisionOfLabour, type DivisionOfLabour, type GazetteUnit } from './division-of-labour.js';

/**
 * A 分工 notice is known by its title (关于县政府办公室班子成员分工的通知, 关于调整县政府领导成员分工的
 * 通知), not by its number: another year's notices have other numbers.
 */
const DIVISION_OF_LABOUR = /(班子成员|领导成员)分工的通知$/;

export interface GazetteOrgsImportSummary {
  /** 分工 notices imported. */
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
 * Seeds org_units, leaders, leader_duties and leader_ab_pairs from the gazette's 分工 notices,
 * inside the gazette import's transaction (`trx`). Idempotent: units are upserted by name
 * (aliases merged), leaders by name with a post per (leader, 班子), and a notice's duties and AB
 * pairs are replaced wholesale, so a second run leaves the same rows. A gazette without a 分工
 * notice writes nothing here.
 */
export async function importDivisionOfLabour(trx: Kysely<DB>, documents: GazetteDocument[]): Promise<GazetteOrgsImportSummary> {
  const notices = readNotices(documents);
  if (notices.length === 0) return { documents: 0, leaders: 0, posts: 0, duties: 0, units: 0, abPairs: 0 };
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
}

/**
 * Parses the 分工 notices, the office's own 班子 first (its 县政府办公室 row is the parent of the
 * office's 科室), refusing a notice with sentences we cannot read.
 */
function readNotices(documents: GazetteDocument[]): DivisionOfLabour[] {
  const notices = documents.filter((doc) => DIVISION_OF_LABOUR.test(doc.title)).map(parseDivisionOfLabour);
  notices.sort((a, b) => Number(a.body !== '县政府办公室') - Number(b.body !== '县政府办公室'));
  return notices.map((notice) => {
    const number = notice.sourceDoc;
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
