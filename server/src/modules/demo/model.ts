// The rows the demo generator produces (one field per column, camelCase) and small shared helpers.
import type { Relation } from './households.js';
import type { Sex } from './names.js';

export interface DemoCommune {
  code: string;
  /** Full name with its type: 'Xã Vị Tân', 'Phường I', 'Thị trấn Một Ngàn'. */
  name: string;
  population: number | null;
  /** Name without the type ('Vị Tân'); derived from name when absent. */
  shortName?: string;
  /** The district (parent unit); organisations recruit members across it. Same commune when absent. */
  districtCode?: string | null;
}

export interface DemoOptions {
  seed: number;
  /** 1 ≈ 20,000 people; any positive number multiplies. */
  scale: number;
  communes: readonly DemoCommune[];
  /** Ages are counted at this date (YYYY-MM-DD): the demo is set in the 2021 epidemic. */
  referenceDate?: string;
}

export interface DemoPerson {
  id: string;
  fullName: string;
  nationalId: string | null;
  /** YYYY-MM-DD, or null when only the year is known. */
  birthDate: string | null;
  birthYear: number;
  sex: Sex;
  phone: string | null;
  address: string;
  communeCode: string;
}

export interface DemoHousehold {
  id: string;
  headPersonId: string;
  address: string;
  communeCode: string;
}

export interface DemoHouseholdMember {
  personId: string;
  householdId: string;
  relation: Relation;
}

export type OrganisationKind =
  | 'factory' | 'office' | 'school' | 'market' | 'hospital' | 'shop' | 'restaurant' | 'farm' | 'religious' | 'transport' | 'other';

export interface DemoOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  communeCode: string;
  address: string;
  phone: string | null;
}

export interface DemoOrganisationMember {
  organisationId: string;
  personId: string;
  team: string | null;
}

/** How a planted duplicate resembles its original, i.e. which rule of the duplicates screen should find it. */
export type DuplicateKind = 'national_id' | 'phone_birth_year' | 'name_birth_date_commune';

export interface PlantedDuplicate {
  originalId: string;
  duplicateId: string;
  kind: DuplicateKind;
}

export interface DemoData {
  households: DemoHousehold[];
  people: DemoPerson[];
  householdMembers: DemoHouseholdMember[];
  organisations: DemoOrganisation[];
  organisationMembers: DemoOrganisationMember[];
  /** The records entered twice on purpose, for the duplicates screen (the copies are also in people). */
  plantedDuplicates: PlantedDuplicate[];
}

/** Everything generators need to know about one commune. */
export interface CommuneContext {
  code: string;
  name: string;
  shortName: string;
  /** 'xã Vị Tân', for use inside a sentence or an organisation's name. */
  label: string;
  /** The name where it stands alone (end of an address, in an organisation's name): the short name, or the full name when that is a bare numeral ('Phường I'). */
  standaloneName: string;
  districtCode: string;
  urban: boolean;
  hamlets: string[];
}

/** Splits total into whole shares proportional to weights (largest remainder, ties by position). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const shares = exact.map(Math.floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    shares[i]! += 1;
  }
  return shares;
}
