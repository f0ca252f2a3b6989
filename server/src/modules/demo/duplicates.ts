// A few people entered twice on purpose (about 0.1 %), so that the duplicates screen has
// realistic work: the copy shares the national ID, or the phone and birth year with a typo
// in the name, or the folded name, birth date and commune without any national ID.
import type { DemoPerson, DuplicateKind, PlantedDuplicate } from './model.js';
import type { Random } from './random.js';

export const DUPLICATE_SHARE = 0.001;
const KINDS: readonly DuplicateKind[] = ['national_id', 'phone_birth_year', 'name_birth_date_commune'];

const TONE = '[\u0300\u0301\u0303\u0309\u0323]';
const OLD_STYLE = new RegExp(`([oOuU])(${TONE})([aAeEyY])$`); // Hòa, Thủy
const NEW_STYLE = new RegExp(`([oOuU])([aAeEyY])(${TONE})$`); // Hoà, Thuỷ

/** The same syllable with its tone mark on the other vowel (Hòa ↔ Hoà): both spellings are in use. */
function moveTone(word: string): string {
  const decomposed = word.normalize('NFD');
  const moved = OLD_STYLE.test(decomposed) ? decomposed.replace(OLD_STYLE, '$1$3$2') : decomposed.replace(NEW_STYLE, '$1$3$2');
  return moved.normalize('NFC');
}

/** A spelling that differs but folds to the same text: tone placement, capitals or doubled spaces. */
export function foldEquivalentVariant(random: Random, name: string): string {
  const words = name.split(' ');
  const movable = words.findIndex((w) => moveTone(w) !== w);
  if (movable >= 0 && random.chance(0.7)) {
    words[movable] = moveTone(words[movable]!);
    return words.join(' ');
  }
  return random.chance(0.5) ? name.toUpperCase() : words.join('  ');
}

/** A typing mistake in the given name (or the middle name Thị typed without its mark). */
export function typoVariant(random: Random, name: string): string {
  const words = name.split(' ');
  const last = words.length - 1;
  const given = words[last]!;
  const roll = random.next();
  if (roll < 0.25 && words.includes('Thị')) return words.map((w) => (w === 'Thị' ? 'Thi' : w)).join(' ');
  if (roll < 0.5) {
    const plain = given.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
    if (plain !== given) {
      words[last] = plain;
      return words.join(' ');
    }
  }
  const letters = Array.from(given); // code points: enough for Vietnamese letters in NFC
  if (letters.length >= 3 && roll < 0.75) {
    // Two neighbouring letters swapped, keeping the capital first.
    const i = random.int(1, letters.length - 2);
    [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
  } else if (letters.length >= 3) {
    letters.splice(random.int(1, letters.length - 1), 1);
  } else {
    letters.push(letters[letters.length - 1]!);
  }
  words[last] = letters.join('');
  const typed = words.join(' ');
  return typed === name ? `${name}h` : typed;
}

function eligible(kind: DuplicateKind, person: DemoPerson): boolean {
  switch (kind) {
    case 'national_id':
      return person.nationalId !== null;
    case 'phone_birth_year':
      return person.phone !== null;
    case 'name_birth_date_commune':
      return person.birthDate !== null;
  }
}

function copyOf(random: Random, kind: DuplicateKind, original: DemoPerson): DemoPerson {
  const id = random.uuid();
  switch (kind) {
    case 'national_id':
      // Same card, entered at another desk: the name may be spelt differently, the date left out.
      return {
        ...original,
        id,
        fullName: random.chance(0.5) ? foldEquivalentVariant(random, original.fullName) : original.fullName,
        birthDate: random.chance(0.3) ? null : original.birthDate,
        phone: random.chance(0.5) ? original.phone : null,
      };
    case 'phone_birth_year':
      return { ...original, id, fullName: typoVariant(random, original.fullName), nationalId: null, birthDate: null };
    case 'name_birth_date_commune':
      return { ...original, id, fullName: foldEquivalentVariant(random, original.fullName), nationalId: null, phone: null };
  }
}

/**
 * Picks distinct originals among people and returns their copies (to be appended to people),
 * cycling through the three kinds. A copy may reuse its original's phone and national ID.
 */
export function plantDuplicates(random: Random, people: readonly DemoPerson[]): { people: DemoPerson[]; duplicates: PlantedDuplicate[] } {
  const count = Math.max(KINDS.length, Math.round(people.length * DUPLICATE_SHARE));
  const order = random.shuffle(people.map((_, i) => i));
  const used = new Set<number>();
  const copies: DemoPerson[] = [];
  const duplicates: PlantedDuplicate[] = [];
  for (let n = 0; n < count; n++) {
    const kind = KINDS[n % KINDS.length]!;
    const index = order.find((i) => !used.has(i) && eligible(kind, people[i]!));
    if (index === undefined) continue;
    used.add(index);
    const original = people[index]!;
    const copy = copyOf(random, kind, original);
    copies.push(copy);
    duplicates.push({ originalId: original.id, duplicateId: copy.id, kind });
  }
  return { people: copies, duplicates };
}
