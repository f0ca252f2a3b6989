import type { MessageKey, Translate } from '../i18n';
import { formatDate } from '../lib/format';
import type { Person } from './api';

export function sexLabel(sex: Person['sex'], t: Translate): string {
  return sex ? t(`people.sex.${sex}`) : t('people.sex.unknown');
}

/** The full birth date when known, otherwise the year. */
export function birthLabel(person: Pick<Person, 'birthDate' | 'birthYear'>): string {
  return person.birthDate ? formatDate(person.birthDate) : String(person.birthYear);
}

const RELATIONS = ['head', 'spouse', 'child', 'child_in_law', 'grandchild', 'parent', 'grandparent', 'sibling', 'other'];

/** Household relations are free text; the usual codes ("spouse") get a translated label. */
export function relationLabel(relation: string, t: Translate): string {
  return RELATIONS.includes(relation) ? t(`relation.${relation}` as MessageKey) : relation;
}
