import { REFERENCE_DAY, REFERENCE_TIMESTAMP, birthDayForAge, dayBetween, dayOf, isoDate, yearOf } from './calendar.js';
import type { IdSequence } from '../platform/db/bulk-insert.js';
import type { CommunityPlan } from './county-plan.js';
import { composeHousehold, type HouseholdKind, type Member } from './households.js';
import { FAR_AREAS, NEARBY_AREAS, PINGYIN, type HomeArea, type IdCardIssuer, type PhoneIssuer } from './identifiers.js';
import { personName } from './names.js';
import { EMPLOYERS } from './place-names.js';
import type { BuildingSource } from './places.js';
import { WeightedTable, type Random } from './random.js';
import type { HouseRow, HouseholdRow, PopulationType, ResidentMoveRow, ResidentRow } from './rows.js';

/**
 * Turns household shapes into people with ID numbers, phones, tags and a move history, house
 * by house, for one community.
 */
export interface PeopleIds {
  households: IdSequence;
  residents: IdSequence;
  moves: IdSequence;
}
export interface Issuers {
  idCards: IdCardIssuer;
  phones: PhoneIssuer;
}

const POPULATION: Record<'urbanOwner' | 'ruralOwner' | 'wholeLet' | 'sharedLet', WeightedTable<PopulationType>> = {
  urbanOwner: new WeightedTable([
    ['registered', 86],
    ['resident', 11],
    ['floating', 3],
  ]),
  ruralOwner: new WeightedTable([
    ['registered', 96],
    ['resident', 3],
    ['floating', 1],
  ]),
  wholeLet: new WeightedTable([
    ['registered', 8],
    ['resident', 22],
    ['floating', 70],
  ]),
  sharedLet: new WeightedTable([
    ['registered', 5],
    ['resident', 15],
    ['floating', 80],
  ]),
};
const ETHNICITY = new WeightedTable<string>([
  ['汉族', 994],
  ['回族', 5],
  ['满族', 1],
]);
const DIBAO_CLASS = new WeightedTable<string>([
  ['dibao_a', 20],
  ['dibao_b', 35],
  ['dibao_c', 45],
]);
const ELSEWHERE = ['山东省济南市长清区', '山东省济南市历城区', '山东省泰安市肥城市', '山东省聊城市东阿县', '山东省济南市槐荫区'];

export class PeopleBuilder {
  readonly households: HouseholdRow[] = [];
  readonly residents: ResidentRow[] = [];
  readonly moves: ResidentMoveRow[] = [];
  private readonly rural: boolean;

  constructor(
    private readonly random: Random,
    private readonly community: CommunityPlan,
    private readonly otherTowns: readonly string[],
    private readonly ids: PeopleIds,
    private readonly issuers: Issuers,
    private readonly source: BuildingSource,
  ) {
    this.rural = community.kind === '村';
  }

  /**
   * Moves a household into `house` as its planned use says, at most `limit` people; returns how
   * many moved in. Vacant houses and shops stay empty.
   */
  occupy(house: HouseRow, limit: number): number {
    if (house.house_use !== 'owner_occupied' && house.house_use !== 'rented') return 0;
    const r = this.random;
    const kind: HouseholdKind = house.house_use === 'owner_occupied' ? 'owner' : r.chance(0.72) ? 'whole_let' : 'shared_let';
    const members = composeHousehold(r, kind, this.rural).slice(0, limit);
    if (kind !== 'owner') this.source.letHouse(house, kind === 'whole_let' ? 'whole' : 'shared', members.length);

    const household: HouseholdRow = {
      id: this.ids.households.next(),
      household_no: `${this.community.code.replace(/^L/, '')}${String(this.households.length + 1).padStart(5, '0')}`,
      house_id: house.id,
      region_path: house.region_path,
      householder_id: 0,
    };
    this.households.push(household);

    const table =
      kind === 'owner'
        ? this.rural
          ? POPULATION.ruralOwner
          : POPULATION.urbanOwner
        : kind === 'whole_let'
          ? POPULATION.wholeLet
          : POPULATION.sharedLet;
    const householdType = table.pick(r);
    const householdArea = this.homeArea(householdType);
    const ethnicity = ETHNICITY.pick(r);
    const arrival = this.arrivalDay(kind, members[0], house);
    const dibao = householdType === 'registered' && this.dibao(members) ? DIBAO_CLASS.pick(r) : null;

    for (const member of members) {
      const type = kind === 'shared_let' ? table.pick(r) : householdType;
      const area =
        kind === 'shared_let' ? this.homeArea(type) : member.relation === 'spouse' && r.chance(0.3) ? this.homeArea(type) : householdArea;
      const resident = this.resident(member, house, household, type, area, ethnicity, kind);
      if (dibao) resident.tags.push(dibao);
      this.residents.push(resident);
      if (member.relation === 'self') household.householder_id = resident.id;
      this.recordMoves(resident, member, area, type, kind, arrival);
    }
    return members.length;
  }

  private resident(
    member: Member,
    house: HouseRow,
    household: HouseholdRow,
    type: PopulationType,
    area: HomeArea,
    ethnicity: string,
    kind: HouseholdKind,
  ): ResidentRow {
    const r = this.random;
    const birthDay = birthDayForAge(r, member.age);
    const age = member.age;
    const hasPhone = age >= 14 && r.chance(age >= 75 ? 0.55 : 0.96);
    const employed = age >= 22 && age <= 60 && r.chance(kind === 'owner' ? (this.rural ? 0.08 : 0.35) : 0.45);
    return {
      id: this.ids.residents.next(),
      id_card: this.issuers.idCards.issue(r, area.code, birthDay, member.gender),
      name: personName(r, member.gender, yearOf(birthDay), member.surname),
      gender: member.gender,
      birth_date: isoDate(birthDay),
      phone: hasPhone ? this.issuers.phones.issue(r) : null,
      population_type: type,
      household_id: household.id,
      relation: member.relation,
      house_id: house.id,
      community_id: this.community.id,
      grid_id: null,
      region_path: house.region_path,
      tags: [...this.personalTags(member), ...member.tags],
      ethnicity,
      employer: employed ? r.pick(EMPLOYERS) : null,
      moved_in_on: '',
      moved_out_on: null,
      updated_at: REFERENCE_TIMESTAMP,
    };
  }

  /** 党员, 残疾, 退役军人: rates by age and sex that come to about 8%, 3% and 3% of all residents. */
  private personalTags(member: Member): string[] {
    const r = this.random,
      { age, gender } = member;
    const tags: string[] = [];
    if (age >= 18 && r.chance(0.097 * (gender === 'male' ? 1.3 : 0.7) * (age >= 60 ? 1.25 : age < 25 ? 0.4 : 1))) tags.push('party_member');
    if (r.chance(age >= 60 ? 0.06 : age >= 18 ? 0.022 : 0.008)) tags.push('disabled');
    if (age >= 20 && r.chance(gender === 'male' ? (age <= 85 ? 0.075 : 0) : age <= 60 ? 0.004 : 0)) tags.push('veteran');
    return tags;
  }

  /** 低保 is granted to a household, not a person; older and village households more often. */
  private dibao(members: readonly Member[]): boolean {
    const base = this.rural ? 0.03 : 0.014;
    return this.random.chance(base * (members[0].age >= 65 ? 1.6 : 1));
  }

  private homeArea(type: PopulationType): HomeArea {
    const r = this.random;
    if (type === 'registered') return r.chance(0.9) ? PINGYIN : r.pick(NEARBY_AREAS);
    if (type === 'resident') return r.chance(0.5) ? r.pick(NEARBY_AREAS) : FAR_AREAS.pick(r);
    return r.chance(0.9) ? FAR_AREAS.pick(r) : r.pick(NEARBY_AREAS);
  }

  /** When the household came: owners after the estate (or village) was built, tenants in the last five years. */
  private arrivalDay(kind: HouseholdKind, head: Member, house: HouseRow): number {
    const r = this.random;
    const lastDay = REFERENCE_DAY - 7;
    if (kind !== 'owner') return dayBetween(r, REFERENCE_DAY - 5 * 365, lastDay);
    const adult = REFERENCE_DAY - (head.age - 20) * 365;
    const built = dayOf(`${this.source.builtYear(house)}-06-01`);
    return dayBetween(r, Math.max(adult, built), lastDay);
  }

  /** 迁入 for everyone; floating people sometimes left and came back (迁出, then 迁入 again). */
  private recordMoves(resident: ResidentRow, member: Member, area: HomeArea, type: PopulationType, kind: HouseholdKind, arrival: number) {
    const r = this.random;
    const birthDay = dayOf(resident.birth_date);
    const add = this.addMove.bind(this, resident);

    // Village families mostly live where they were born; wives marry in (婚入).
    const bornHere = this.rural && kind === 'owner' && type === 'registered' && member.relation !== 'spouse' && r.chance(0.85);
    if (bornHere || birthDay >= arrival) {
      add('move_in', birthDay, null, '出生登记');
      return;
    }
    const from = type === 'registered' && area === PINGYIN ? `${PINGYIN.place}${r.pick(this.otherTowns)}` : area.place;
    const adultDay = birthDay + 18 * 365;
    if (type === 'floating' && arrival - adultDay > 3 * 365 && r.chance(0.3)) {
      const firstIn = dayBetween(r, adultDay, arrival - 2 * 365);
      add('move_in', firstIn, from, '务工');
      add('move_out', dayBetween(r, firstIn + 180, arrival - 60), r.pick(ELSEWHERE), '离开本地');
    }
    const note = kind !== 'owner' ? '租房居住' : this.rural ? (member.relation === 'spouse' ? '婚入' : '迁入') : '购房迁入';
    add('move_in', arrival, from, note);
  }

  /** Appends a move; residents.moved_in_on mirrors the latest 迁入. */
  private addMove(resident: ResidentRow, kind: 'move_in' | 'move_out', day: number, place: string | null, note: string) {
    const movedOn = isoDate(day);
    this.moves.push({ id: this.ids.moves.next(), resident_id: resident.id, kind, moved_on: movedOn, place, note });
    if (kind === 'move_in') resident.moved_in_on = movedOn;
  }
}
