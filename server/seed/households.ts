import { pickSurname } from './names.js';
import { WeightedTable, type Random } from './random.js';

/**
 * Who lives together in one house: a householder (户主) and the people related to them, with
 * ages that make sense together (a child is 23–34 years younger than the younger parent, an
 * elderly parent 24–32 years older than the householder). The county's age pyramid, with about
 * a fifth over 60, comes out of these shapes rather than being drawn person by person.
 */
export type Relation = 'self' | 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling' | 'other';
export type Gender = 'male' | 'female';

export interface Member {
  relation: Relation;
  gender: Gender;
  age: number;
  surname: string;
  /** Tags that follow from the household's shape: 独居 (living_alone), 留守儿童 (left_behind_child). */
  tags: string[];
}

/** Owners, a family renting a whole flat (整租), or unrelated people sharing one (合租). */
export type HouseholdKind = 'owner' | 'whole_let' | 'shared_let';

type AgeBands = WeightedTable<readonly [number, number]>;
/** Age bands as [youngest, oldest, weight], one argument each. */
const bands = (...rows: [number, number, number][]): AgeBands => new WeightedTable(rows.map(([a, b, w]) => [[a, b] as const, w]));

const HEAD_AGE: Record<'urban' | 'rural' | 'tenant', AgeBands> = {
  urban: bands([25, 34, 20], [35, 44, 24], [45, 54, 21], [55, 64, 17], [65, 74, 10], [75, 90, 5]),
  rural: bands([25, 34, 12], [35, 44, 18], [45, 54, 22], [55, 64, 21], [65, 74, 15], [75, 92, 9]),
  tenant: bands([20, 29, 35], [30, 39, 35], [40, 49, 20], [50, 65, 10]),
};
const CHILD_COUNT = new WeightedTable<number>([
  [0, 15],
  [1, 45],
  [2, 34],
  [3, 6],
]);

function ageIn(random: Random, table: AgeBands): number {
  const [min, max] = table.pick(random);
  return random.int(min, max);
}

export function composeHousehold(random: Random, kind: HouseholdKind, rural: boolean): Member[] {
  if (kind === 'shared_let') return sharedFlat(random);
  const headAge = ageIn(random, kind === 'whole_let' ? HEAD_AGE.tenant : rural ? HEAD_AGE.rural : HEAD_AGE.urban);
  return headAge >= 60 && kind === 'owner' ? elderlyHousehold(random, headAge, rural) : family(random, headAge, kind, rural);
}

function elderlyHousehold(random: Random, headAge: number, rural: boolean): Member[] {
  const alone = random.chance(rural ? 0.24 : 0.2);
  const head = person(random, 'self', alone ? (random.chance(0.6) ? 'female' : 'male') : random.chance(0.8) ? 'male' : 'female', headAge);
  if (alone) return [{ ...head, tags: ['living_alone'] }];
  const members = [head, spouseOf(random, head)];
  const familyName = fatherLine(members);
  if (random.chance(0.15)) {
    const childAge = Math.min(head.age, members[1].age) - random.int(23, 32);
    if (childAge >= 18) members.push(person(random, 'child', random.chance(0.55) ? 'male' : 'female', childAge, familyName));
  }
  // In villages, grandparents often raise the children of parents working in the cities (留守儿童).
  if (rural ? random.chance(0.14) : random.chance(0.05)) {
    const count = random.chance(0.3) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const age = random.int(2, 15);
      const child = person(random, 'grandchild', random.chance(0.52) ? 'male' : 'female', age, familyName);
      if (rural) child.tags.push('left_behind_child');
      members.push(child);
    }
  }
  return members;
}

function family(random: Random, headAge: number, kind: HouseholdKind, rural: boolean): Member[] {
  const single = random.chance(headAge < 30 ? 0.4 : 0.08);
  const head = person(random, 'self', single ? (random.chance(0.5) ? 'male' : 'female') : random.chance(0.82) ? 'male' : 'female', headAge);
  const members = [head];
  if (!single) members.push(spouseOf(random, head));
  const familyName = fatherLine(members);

  if (!single || random.chance(0.3)) {
    const youngerParent = Math.min(...members.map((m) => m.age));
    let childAge = youngerParent - random.int(23, 32);
    for (let i = CHILD_COUNT.pick(random); i > 0 && childAge >= 0; i--) {
      // Children past their late twenties have mostly set up their own households.
      if (childAge <= 27 || random.chance(0.3)) {
        members.push(person(random, 'child', random.chance(0.53) ? 'male' : 'female', childAge, familyName));
      }
      childAge -= random.int(2, 8);
    }
  }
  const parentsMoveIn = kind === 'owner' ? (rural ? 0.18 : 0.12) : 0.04;
  if (headAge >= 30 && random.chance(parentsMoveIn)) {
    const both = random.chance(0.55);
    const fatherAge = headAge + random.int(24, 32);
    const motherAge = fatherAge - random.int(0, 4);
    if (both && fatherAge <= 96) members.push(person(random, 'parent', 'male', fatherAge, head.surname));
    if (motherAge <= 98) members.push(person(random, 'parent', 'female', motherAge));
  }
  if (kind === 'owner' && headAge >= 48 && random.chance(0.12)) {
    members.push(person(random, 'grandchild', random.chance(0.52) ? 'male' : 'female', random.int(0, 10), familyName));
  }
  if (random.chance(0.015)) {
    members.push(
      person(random, 'sibling', random.chance(0.5) ? 'male' : 'female', Math.max(18, headAge + random.int(-6, 6)), head.surname),
    );
  }
  return members;
}

/** 合租: two to four unrelated young adults; the first registered is the contact (户主). */
function sharedFlat(random: Random): Member[] {
  const count = random.int(2, 4);
  return Array.from({ length: count }, (_, i) =>
    person(random, i === 0 ? 'self' : 'other', random.chance(0.6) ? 'male' : 'female', random.int(19, 40)),
  );
}

function person(random: Random, relation: Relation, gender: Gender, age: number, surname = pickSurname(random)): Member {
  return { relation, gender, age, surname, tags: [] };
}

/** Husband and wife are a few years apart, the husband usually the older; each keeps their 姓. */
function spouseOf(random: Random, head: Member): Member {
  const gap = random.int(0, 4);
  const age = head.gender === 'male' ? head.age - gap : head.age + gap;
  return person(random, 'spouse', head.gender === 'male' ? 'female' : 'male', Math.max(20, age));
}

/** Children take the father's surname. */
function fatherLine(members: readonly Member[]): string {
  return (members.find((m) => m.gender === 'male') ?? members[0]).surname;
}
