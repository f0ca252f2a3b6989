// The shape of one household: who lives in it, their relation to the head, sex and age.
// Sizes follow the 2019 census for the Mekong delta (mean ≈ 3.5 people); the structures
// (couples with children, three generations under one roof, elderly people living alone)
// are chosen so that the ages of everyone together make a realistic population pyramid.
import { type Random, weighted } from './random.js';
import type { Sex } from './names.js';

export type Relation = 'head' | 'spouse' | 'child' | 'child_in_law' | 'grandchild' | 'parent' | 'sibling';

export interface MemberShape {
  relation: Relation;
  sex: Sex;
  /** Completed years at the reference date. */
  age: number;
  /** Index of the earlier member whose family name this member carries; null for a family name of their own. */
  familyNameOf: number | null;
}

export const ADULT_AGE = 18;
const MAX_AGE = 99;

// Share of households by number of members (8 stands for 8 and more, drawn as 8–10).
export const drawHouseholdSize = weighted<number>([
  [1, 9],
  [2, 17.5],
  [3, 24],
  [4, 27],
  [5, 12.5],
  [6, 6],
  [7, 2.5],
  [8, 1.5],
]);

type AgeBand = readonly [number, number];
const band = (bands: ReadonlyArray<readonly [AgeBand, number]>) => {
  const draw = weighted(bands);
  return (random: Random) => {
    const [lo, hi] = draw(random);
    return random.int(lo, hi);
  };
};

// Age of the head by household size: people alone and couples are older on average.
const headAgeAlone = band([[[18, 29], 22], [[30, 44], 16], [[45, 59], 20], [[60, 74], 22], [[75, 92], 14]]);
const headAgeCouple = band([[[19, 29], 14], [[30, 44], 14], [[45, 59], 27], [[60, 74], 27], [[75, 90], 12]]);
const headAgeFamily = band([[[20, 29], 12], [[30, 39], 29], [[40, 49], 27], [[50, 59], 16], [[60, 69], 11], [[70, 85], 5]]);

const clampAge = (age: number) => Math.max(0, Math.min(MAX_AGE, Math.round(age)));

/** Age of a child born to a mother of this age; null when she is too young to have one more. */
function childAge(random: Random, motherAge: number): number {
  for (let attempt = 0; attempt < 6; attempt++) {
    const age = Math.round(motherAge - random.normal(26, 5.5, 17, 44));
    if (age >= 0) return age;
  }
  return random.int(0, Math.max(0, motherAge - 17));
}

export function composeHousehold(random: Random, size: number): MemberShape[] {
  const members: MemberShape[] = [];
  const add = (member: MemberShape) => members.push(member) - 1;
  const remaining = () => size - members.length;

  const headAge = size === 1 ? headAgeAlone(random) : size === 2 ? headAgeCouple(random) : headAgeFamily(random);
  const spouseChance = size === 1 ? 0 : size === 2 ? (headAge >= 70 ? 0.6 : 0.72) : headAge >= 65 ? 0.7 : 0.88;
  const married = random.chance(spouseChance);
  const headSex: Sex = married ? (random.chance(0.82) ? 'male' : 'female') : random.chance(headAge >= 60 ? 0.3 : 0.5) ? 'male' : 'female';
  const head = add({ relation: 'head', sex: headSex, age: headAge, familyNameOf: null });

  let fatherIndex: number | null = headSex === 'male' ? head : null;
  let motherAge = headSex === 'female' ? headAge : null;
  if (married) {
    // Husbands are on average about three years older than their wives.
    const gap = random.normal(3, 3, -6, 15);
    const spouseAge = clampAge(headSex === 'male' ? headAge - gap : headAge + gap);
    const spouse = add({ relation: 'spouse', sex: headSex === 'male' ? 'female' : 'male', age: Math.max(ADULT_AGE, spouseAge), familyNameOf: null });
    if (headSex === 'male') motherAge = members[spouse]!.age;
    else fatherIndex = spouse;
  }
  // Without a woman in the couple, children's ages follow the head's age.
  const parentAge = motherAge ?? headAge - 3;
  const childFamilyName = fatherIndex;

  if (remaining() === 0) return members;

  if (headAge >= 58) {
    // Elderly head: adult children, often one of them married and living in with their own children.
    const stem = remaining() >= 3 && random.chance(0.7);
    if (stem) {
      const childSex: Sex = random.chance(0.6) ? 'male' : 'female';
      const child = add({ relation: 'child', sex: childSex, age: Math.max(ADULT_AGE + 2, childAge(random, parentAge)), familyNameOf: childFamilyName });
      const childAgeNow = members[child]!.age;
      const inLawAge = clampAge(childSex === 'male' ? childAgeNow - random.normal(3, 3, -5, 12) : childAgeNow + random.normal(3, 3, -5, 12));
      const inLaw = add({ relation: 'child_in_law', sex: childSex === 'male' ? 'female' : 'male', age: Math.max(ADULT_AGE, inLawAge), familyNameOf: null });
      const youngMother = childSex === 'female' ? childAgeNow : members[inLaw]!.age;
      const youngFather = childSex === 'male' ? child : inLaw;
      while (remaining() > 0) {
        add({ relation: 'grandchild', sex: random.chance(0.51) ? 'male' : 'female', age: childAge(random, youngMother), familyNameOf: youngFather });
      }
    } else {
      while (remaining() > 0) {
        add({ relation: 'child', sex: random.chance(0.51) ? 'male' : 'female', age: Math.max(12, childAge(random, parentAge)), familyNameOf: childFamilyName });
      }
    }
    return members;
  }

  // Younger head: sometimes their own parents live with them.
  if (remaining() >= 2 && headAge < 52 && random.chance(size >= 5 ? 0.45 : 0.22)) {
    const parents = remaining() >= 3 && random.chance(0.45) ? 2 : 1;
    const fatherAge = clampAge(headAge + random.normal(30, 5, 19, 45));
    if (parents === 2 || random.chance(0.35)) {
      add({ relation: 'parent', sex: 'male', age: fatherAge, familyNameOf: head });
    }
    if (parents === 2 || members[members.length - 1]!.relation !== 'parent') {
      add({ relation: 'parent', sex: 'female', age: clampAge(fatherAge - random.normal(3, 3, -5, 12)), familyNameOf: null });
    }
  }
  // Sometimes an unmarried brother or sister of the head.
  if (remaining() >= 2 && random.chance(0.06)) {
    add({ relation: 'sibling', sex: random.chance(0.5) ? 'male' : 'female', age: clampAge(Math.max(ADULT_AGE, headAge + random.int(-10, 10))), familyNameOf: head });
  }
  while (remaining() > 0) {
    add({ relation: 'child', sex: random.chance(0.51) ? 'male' : 'female', age: childAge(random, parentAge), familyNameOf: childFamilyName });
  }
  return members;
}
