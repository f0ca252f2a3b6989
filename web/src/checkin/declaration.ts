// The declaration form's answers: the draft, its checks (as the server's) and the request body.
import type { Translate } from '../i18n';
import type { DeclarationKind, EntryAnswers, Symptom, Vaccination, Vehicle } from './api';
import { vietnamDate } from './time';

export interface AnswersDraft {
  kind: DeclarationKind;
  symptoms: Symptom[];
  contactWithCase: '' | 'yes' | 'no';
  beenToOutbreakArea: '' | 'yes' | 'no';
  vaccination: '' | Vaccination;
  visitedPlaces: string;
  travelDate: string;
  direction: '' | 'in' | 'out';
  origin: string;
  destination: string;
  vehicle: '' | Vehicle;
  plate: string;
}

export type AnswerField = keyof AnswersDraft;
export type AnswerErrors = Partial<Record<AnswerField, string>>;

export const MAX_DAYS_AHEAD = 14; // the server's limit

export function emptyAnswers(kind: DeclarationKind): AnswersDraft {
  return {
    kind, symptoms: [], contactWithCase: '', beenToOutbreakArea: '', vaccination: '', visitedPlaces: '', travelDate: vietnamDate(),
    direction: kind === 'entry' ? 'in' : '', origin: '', destination: '', vehicle: '', plate: '',
  };
}

export function answerProblems(draft: AnswersDraft, withDate: boolean, t: Translate): AnswerErrors {
  const errors: AnswerErrors = {};
  if (draft.symptoms.length === 0) errors.symptoms = t('checkin.declare.err.symptoms');
  if (!draft.contactWithCase) errors.contactWithCase = t('checkin.declare.err.choose');
  if (!draft.beenToOutbreakArea) errors.beenToOutbreakArea = t('checkin.declare.err.choose');
  if (!draft.vaccination) errors.vaccination = t('checkin.declare.err.choose');
  if (draft.kind === 'entry') {
    if (!draft.direction) errors.direction = t('checkin.declare.err.choose');
    if (!draft.origin.trim()) errors.origin = t('checkin.declare.err.required');
    if (!draft.destination.trim()) errors.destination = t('checkin.declare.err.required');
    if (!draft.vehicle) errors.vehicle = t('checkin.declare.err.choose');
  }
  if (withDate && draft.travelDate && (draft.travelDate < vietnamDate() || draft.travelDate > vietnamDate(MAX_DAYS_AHEAD))) {
    errors.travelDate = t('checkin.declare.err.travelDate', { days: MAX_DAYS_AHEAD });
  }
  return errors;
}

/** Server field names ("entry.origin", "symptoms", "travelDate") → the draft's fields. */
export function answerErrorsFrom(fields: Record<string, string>, localise: (message: string) => string): AnswerErrors {
  const known: AnswerField[] = ['symptoms', 'contactWithCase', 'beenToOutbreakArea', 'vaccination', 'visitedPlaces', 'travelDate', 'direction', 'origin', 'destination', 'vehicle', 'plate'];
  const errors: AnswerErrors = {};
  for (const [key, message] of Object.entries(fields)) {
    if (key.startsWith('person')) continue;
    const name = key.split(/[./]/).filter(Boolean).pop() ?? key;
    const field = known.find((f) => f === name) ?? (name === 'entry' ? 'origin' : undefined);
    if (field) errors[field] = localise(message);
  }
  return errors;
}

export function answersBody(draft: AnswersDraft, venueCode: string | undefined) {
  const entry: EntryAnswers | undefined =
    draft.kind === 'entry'
      ? { direction: draft.direction || 'in', origin: draft.origin.trim(), destination: draft.destination.trim(), vehicle: draft.vehicle || 'other', plate: draft.plate.trim() || null }
      : undefined;
  return {
    kind: draft.kind,
    ...(venueCode ? { venueCode } : {}),
    symptoms: draft.symptoms,
    visitedPlaces: draft.visitedPlaces.trim() || null,
    contactWithCase: draft.contactWithCase === 'yes',
    beenToOutbreakArea: draft.beenToOutbreakArea === 'yes',
    vaccination: draft.vaccination || 'unknown',
    ...(entry ? { entry } : {}),
    // At a checkpoint the journey is today; ahead of time, the chosen day.
    travelDate: venueCode ? null : draft.travelDate || null,
  };
}
