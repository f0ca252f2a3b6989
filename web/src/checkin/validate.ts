// The same checks as the server (server/src/modules/people/identity.ts, checkins/citizens.ts), so
// most mistakes are shown before anything is sent; the server's answer still has the last word.
import type { MessageKey } from '../i18n';
import type { SelfPerson } from './api';

export interface PersonDraft {
  fullName: string;
  phone: string;
  birthYear: string;
  nationalId: string;
  /** '' not chosen yet, 'outside' outside the province, or a commune code */
  commune: string;
}

export const OUTSIDE = 'outside';

const PROVINCE_CODES = new Set(
  ('01 02 04 06 08 10 11 12 14 15 17 19 20 22 24 25 26 27 30 31 33 34 35 36 37 38 40 42 44 45 46 48 49 51 52 54 ' +
    '56 58 60 62 64 66 67 68 70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96').split(' '),
);

/** "0912 345 678", "+84 912…" → "+84912345678"; null when it is not a Vietnamese number. */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  let digits: string;
  if (compact.startsWith('+84')) digits = compact.slice(3);
  else if (compact.startsWith('0084')) digits = compact.slice(4);
  else if (compact.startsWith('84') && compact.length >= 11) digits = compact.slice(2);
  else if (compact.startsWith('0')) digits = compact.slice(1);
  else return null;
  return /^[1-9][0-9]{8,9}$/.test(digits) ? `+84${digits}` : null;
}

export type DraftErrors = Partial<Record<keyof PersonDraft, string>>;

export function personProblems(draft: PersonDraft, t: (key: MessageKey, vars?: Record<string, string | number>) => string): DraftErrors {
  const errors: DraftErrors = {};
  const name = draft.fullName.trim().replace(/\s+/g, ' ');
  if (name.length < 2) errors.fullName = t('checkin.err.name');
  else if (name.length > 200) errors.fullName = t('checkin.err.nameLong');
  if (!normalisePhone(draft.phone)) errors.phone = t('checkin.err.phone');
  const year = Number(draft.birthYear.trim());
  const thisYear = new Date().getFullYear();
  if (!/^\d{4}$/.test(draft.birthYear.trim()) || year < 1900 || year > thisYear) errors.birthYear = t('checkin.err.birthYear', { year: thisYear });
  const id = draft.nationalId.replace(/\s/g, '');
  if (id) {
    if (!/^[0-9]{12}$/.test(id)) errors.nationalId = t('checkin.err.idDigits');
    else if (id[0] !== '0' || !PROVINCE_CODES.has(id.slice(1, 3))) errors.nationalId = t('checkin.err.idProvince');
    else if (!errors.birthYear) {
      const encoded = 1900 + Math.floor(Number(id[3]) / 2) * 100 + Number(id.slice(4, 6));
      if (encoded !== year) errors.nationalId = t('checkin.err.idYear', { year: encoded });
    }
  }
  if (!draft.commune) errors.commune = t('checkin.err.commune');
  return errors;
}

export function toPerson(draft: PersonDraft): SelfPerson {
  const id = draft.nationalId.replace(/\s/g, '');
  return {
    fullName: draft.fullName.trim().replace(/\s+/g, ' '),
    phone: draft.phone.trim(),
    birthYear: Number(draft.birthYear.trim()),
    nationalId: id || null,
    communeCode: draft.commune === OUTSIDE ? null : draft.commune,
  };
}

export function toDraft(person: SelfPerson | undefined): PersonDraft {
  if (!person) return { fullName: '', phone: '', birthYear: '', nationalId: '', commune: '' };
  return {
    fullName: person.fullName,
    phone: person.phone,
    birthYear: String(person.birthYear),
    nationalId: person.nationalId ?? '',
    commune: person.communeCode ?? OUTSIDE,
  };
}

/** Server field errors ("person.phone", "person.communeCode") → the draft's fields. */
export function draftErrorsFrom(fields: Record<string, string>, localise: (message: string) => string): DraftErrors {
  const map: Record<string, keyof PersonDraft> = { fullName: 'fullName', phone: 'phone', birthYear: 'birthYear', nationalId: 'nationalId', communeCode: 'commune' };
  const errors: DraftErrors = {};
  for (const [key, message] of Object.entries(fields)) {
    const name = key.split(/[./]/).filter(Boolean).pop() ?? key;
    const field = key.includes('person') ? map[name] : undefined;
    if (field) errors[field] = localise(message);
  }
  return errors;
}
