// People who check in: addressable by index (id and home commune are pure functions of the
// seed and the index), so check-ins can name a person without a table of a million people in
// memory, and the people rows can be streamed on their own.
import { foldName } from '../../server/src/modules/people/fold.js';
import { familyName, personalName, type Sex } from '../../server/src/modules/demo/names.js';
import { createRandom } from '../../server/src/modules/demo/random.js';
import { communeWeights, cumulative, drawIndex, hash32, indexedUuid, type PresenceCommune } from './common.js';

export interface PeoplePlan {
  seed: number;
  count: number;
  communes: readonly PresenceCommune[];
  /** The id of the person at `index` (0 ≤ index < count). */
  idOf(index: number): string;
  /** Index into communes of where the person at `index` lives. */
  homeOf(index: number): number;
}

export interface GeneratedPerson {
  index: number;
  id: string;
  fullName: string;
  nameFolded: string;
  birthYear: number;
  sex: Sex;
  phone: string | null;
  communeCode: string;
}

export function planPeople(seed: number, count: number, communes: readonly PresenceCommune[]): PeoplePlan {
  if (communes.length === 0) throw new Error('planPeople needs at least one commune');
  const communeCum = cumulative(communeWeights(communes));
  return {
    seed,
    count,
    communes,
    idOf: (index) => indexedUuid(2, seed, index),
    homeOf: (index) => drawIndex(communeCum, hash32(seed, 2, index) / 4294967296),
  };
}

// Ages of the people who scan codes: adults mostly, the old less than the young.
const AGE_BANDS: ReadonlyArray<readonly [number, number, number]> = [
  [12, 17, 6], [18, 29, 24], [30, 44, 30], [45, 59, 25], [60, 74, 12], [75, 90, 3],
];
const AGE_CUM = cumulative(AGE_BANDS.map((band) => band[2]));
const MOBILE_PREFIXES = ['3', '5', '7', '8', '9'];

/** Streams the plan's people in index order (deterministic; nothing is kept). */
export function* generatePeople(plan: PeoplePlan, referenceYear = 2021): Generator<GeneratedPerson> {
  const random = createRandom(hash32(plan.seed, 2));
  for (let index = 0; index < plan.count; index++) {
    const sex: Sex = random.chance(0.5) ? 'female' : 'male';
    const [from, to] = AGE_BANDS[drawIndex(AGE_CUM, random.next())]!;
    const birthYear = referenceYear - random.int(from, to);
    const fullName = `${familyName(random)} ${personalName(random, sex, birthYear)}`;
    yield {
      index,
      id: plan.idOf(index),
      fullName,
      nameFolded: foldName(fullName),
      birthYear,
      sex,
      phone: random.chance(0.9) ? `+84${random.pick(MOBILE_PREFIXES)}${random.digits(8)}` : null,
      communeCode: plan.communes[plan.homeOf(index)]!.code,
    };
  }
}
