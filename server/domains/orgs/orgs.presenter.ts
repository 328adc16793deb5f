import type { OrgUnitKind } from '../../../common/enums.js';
import type { Leader, LeaderDuty, OrgUnit, OrgUnitDetail, PropertyCompany } from '../../../common/contracts/orgs.js';
import type { AbPairRow, DutyRow, LeaderRow, PostRow, UnitRow } from './orgs.repository.js';
import type { CompanyRow, EstateOfCompanyRow } from './property-companies.repository.js';

/** Units, leaders and companies as common/contracts/orgs.ts sends them. */

// org_units' CHECK constraint (migrations/0002) holds kind to these codes.
const unitFacts = (u: UnitRow) => ({ id: u.id, name: u.name, kind: u.kind as OrgUnitKind, aliases: u.aliases });

export const presentDuty = (d: DutyRow): LeaderDuty => ({
  duty: d.duty,
  workArea: d.work_area,
  unitId: d.org_unit_id,
  unitName: d.unit_name,
  assistsLeaderName: d.assisted_name,
  sourceDoc: d.source_doc,
  body: d.body,
});

/** A unit in the list, with each leader who has a duty for it once (`duties`: the unit's). */
export function presentUnit(u: UnitRow, duties: DutyRow[]): OrgUnit {
  const leaders = new Map<number, OrgUnit['leaders'][number]>();
  for (const d of duties) {
    const known = leaders.get(d.leader_id);
    if (!known) leaders.set(d.leader_id, { id: d.leader_id, name: d.leader_name, duties: [d.duty] });
    else if (!known.duties.includes(d.duty)) known.duties.push(d.duty);
  }
  return { ...unitFacts(u), leaders: [...leaders.values()] };
}

export const presentUnitDetail = (u: UnitRow, duties: DutyRow[]): OrgUnitDetail => ({
  ...unitFacts(u),
  leaders: duties.map((d) => ({ id: d.leader_id, name: d.leader_name, ...presentDuty(d) })),
});

/**
 * A leader with their posts (`posts`: the leader's), duties (`duties`: the leader's) and the AB角
 * partner from `pairs`, if any.
 */
export function presentLeader(l: LeaderRow, posts: PostRow[], duties: DutyRow[], pairs: AbPairRow[]): Leader {
  const pair = pairs.find((p) => p.a_id === l.id || p.b_id === l.id);
  const abPartner = !pair ? null : pair.a_id === l.id ? { id: pair.b_id, name: pair.b_name } : { id: pair.a_id, name: pair.a_name };
  return {
    id: l.id,
    name: l.name,
    posts: posts.map((p) => ({ body: p.body, rank: p.rank })),
    duties: duties.map(presentDuty),
    abPartner,
  };
}

export const presentCompany = (c: CompanyRow, estates: EstateOfCompanyRow[]): PropertyCompany => ({
  id: c.id,
  name: c.name,
  phone: c.phone,
  contact: c.contact,
  estates: estates.map((e) => ({ id: e.id, name: e.name })),
});
