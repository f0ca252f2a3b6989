// Generates the demo province: households, people, organisations and their members, as plain
// rows ready for insertion. Pure and deterministic: the same seed, scale and communes give
// byte-identical output (no Math.random, no clock; ages are counted at a fixed reference date).
import { plantDuplicates } from './duplicates.js';
import { ADULT_AGE, composeHousehold, drawHouseholdSize } from './households.js';
import { mobilePhone, nationalId } from './identity.js';
import { familyName, hamletsFor, personalName, streetPart } from './names.js';
import { apportion, type CommuneContext, type DemoCommune, type DemoData, type DemoOptions, type DemoPerson } from './model.js';
import { generateOrganisations } from './organisations.js';
import { createRandom, type Random } from './random.js';

export type * from './model.js';

export const PEOPLE_PER_SCALE = 20_000;
export const DEFAULT_REFERENCE_DATE = '2021-07-01';
const MAX_SCALE = 100;

const TYPE_PREFIX = /^(xã|phường|thị trấn)\s+/i;

function communeContext(commune: DemoCommune, random: Random): CommuneContext {
  const prefix = TYPE_PREFIX.exec(commune.name)?.[1] ?? '';
  const shortName = commune.shortName ?? commune.name.replace(TYPE_PREFIX, '');
  const urban = /^(phường|thị trấn)$/i.test(prefix);
  const bareNumeral = /^[IVXLC0-9]+$/.test(shortName);
  return {
    code: commune.code,
    name: commune.name,
    shortName,
    label: prefix ? `${prefix.toLowerCase()} ${shortName}` : commune.name,
    standaloneName: bareNumeral ? commune.name : shortName,
    districtCode: commune.districtCode ?? commune.code,
    urban,
    hamlets: hamletsFor(random, urban),
  };
}

/** Communes with a known population weigh by it; the others get the mean of the known ones (or 1 each). */
function communeWeights(communes: readonly DemoCommune[]): number[] {
  const known = communes.map((c) => c.population).filter((p): p is number => p !== null && p > 0);
  const fallback = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1;
  return communes.map((c) => (c.population !== null && c.population > 0 ? c.population : fallback));
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad2 = (n: number) => String(n).padStart(2, '0');

export function parseReferenceDate(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new Error(`referenceDate must be YYYY-MM-DD, got "${date}"`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** A birth date giving exactly `age` completed years at the reference date. */
function birthDateFor(random: Random, age: number, ref: { year: number; month: number; day: number }) {
  const month = random.int(1, 12);
  const day = random.int(1, DAYS_IN_MONTH[month - 1]!);
  const hadBirthday = month < ref.month || (month === ref.month && day <= ref.day);
  const year = ref.year - age - (hadBirthday ? 0 : 1);
  return { year, date: `${year}-${pad2(month)}-${pad2(day)}` };
}

function householdAddress(random: Random, commune: CommuneContext): string {
  const hamlet = random.pick(commune.hamlets);
  return `${commune.urban ? streetPart(random) : ''}${hamlet}, ${commune.standaloneName}`;
}

interface GenerationState {
  random: Random;
  ref: { year: number; month: number; day: number };
  nationalIds: Set<string>;
  phones: Set<string>;
  data: DemoData;
}

function generateHousehold(state: GenerationState, commune: CommuneContext, size: number): void {
  const { random, ref, data } = state;
  const householdId = random.uuid();
  const address = householdAddress(random, commune);
  const shapes = composeHousehold(random, size);
  const familyNames: string[] = [];
  let headId = '';
  for (const shape of shapes) {
    const family = shape.familyNameOf === null ? familyName(random) : familyNames[shape.familyNameOf]!;
    familyNames.push(family);
    const { year, date } = birthDateFor(random, shape.age, ref);
    const onlyYear = random.chance(shape.age >= 60 ? 0.25 : shape.age >= 40 ? 0.1 : 0.06);
    const person: DemoPerson = {
      id: random.uuid(),
      fullName: `${family} ${personalName(random, shape.sex, year)}`,
      nationalId: shape.age >= 14 && random.chance(0.9) ? nationalId(random, shape.sex, year, state.nationalIds) : null,
      birthDate: onlyYear ? null : date,
      birthYear: year,
      sex: shape.sex,
      phone: shape.age >= ADULT_AGE && random.chance(0.75) ? mobilePhone(random, state.phones) : null,
      address,
      communeCode: commune.code,
    };
    if (shape.relation === 'head') headId = person.id;
    data.people.push(person);
    data.householdMembers.push({ personId: person.id, householdId, relation: shape.relation });
  }
  data.households.push({ id: householdId, headPersonId: headId, address, communeCode: commune.code });
}

export function generateDemoProvince(options: DemoOptions): DemoData {
  const { seed, scale, communes } = options;
  if (!(scale > 0 && scale <= MAX_SCALE)) throw new Error(`scale must be above 0 and at most ${MAX_SCALE}, got ${scale}`);
  if (communes.length === 0) throw new Error('the demo province needs at least one commune');
  const ref = parseReferenceDate(options.referenceDate ?? DEFAULT_REFERENCE_DATE);

  // Separate streams, so that a change in one part (organisations) leaves the others unchanged.
  const root = createRandom(seed);
  const placesRandom = root.fork();
  const peopleRandom = root.fork();
  const organisationRandom = root.fork();
  const duplicateRandom = root.fork();

  const contexts = communes.map((c) => communeContext(c, placesRandom));
  const targets = apportion(Math.round(PEOPLE_PER_SCALE * scale), communeWeights(communes));
  const state: GenerationState = {
    random: peopleRandom,
    ref,
    nationalIds: new Set(),
    phones: new Set(),
    data: { households: [], people: [], householdMembers: [], organisations: [], organisationMembers: [], plantedDuplicates: [] },
  };

  contexts.forEach((commune, i) => {
    const target = targets[i]!;
    let count = 0;
    while (count < target) {
      const drawn = drawHouseholdSize(peopleRandom);
      const size = Math.min(drawn === 8 ? peopleRandom.int(8, 10) : drawn, target - count);
      generateHousehold(state, commune, size);
      count += size;
    }
  });

  const { organisations, members } = generateOrganisations(organisationRandom, contexts, state.data.people, ref.year, state.phones);
  state.data.organisations = organisations;
  state.data.organisationMembers = members;

  const planted = plantDuplicates(duplicateRandom, state.data.people);
  state.data.people.push(...planted.people);
  state.data.plantedDuplicates = planted.duplicates;
  return state.data;
}
