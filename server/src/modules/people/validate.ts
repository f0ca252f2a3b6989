// Turns a person as typed by staff (or sent by another module) into stored values,
// naming every field that is wrong in one 400.
import type { Queryable } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { type FieldErrors, validationFailed } from '../../platform/errors.js';
import { communeProblem } from '../units/service.js';
import { foldName } from './fold.js';
import { nationalIdProblem, normalisePhone } from './identity.js';
import type { PersonValues } from './repository.js';
import type { CreatePersonBody } from './schema.js';

const todayInVietnam = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export async function personValues(db: Queryable, actor: Actor, input: CreatePersonBody): Promise<PersonValues> {
  const fields: FieldErrors = {};
  const fullName = input.fullName.trim().replace(/\s+/g, ' ');
  if (!fullName) fields.fullName = 'must not be blank';

  const birthDate = input.birthDate ?? null;
  let birthYear = input.birthYear ?? null;
  if (birthDate) {
    const yearOfDate = Number(birthDate.slice(0, 4));
    if (birthYear !== null && birthYear !== yearOfDate) fields.birthYear = `does not match birthDate (${yearOfDate})`;
    if (birthDate > todayInVietnam()) fields.birthDate = 'is in the future';
    if (yearOfDate < 1890) fields.birthDate = 'is before 1890';
    birthYear = yearOfDate;
  }
  if (birthYear === null) fields.birthYear = 'birthDate or birthYear is required';
  else if (birthYear > Number(todayInVietnam().slice(0, 4))) fields.birthYear = 'is in the future';

  const sex = input.sex ?? null;
  const nationalId = blankToNull(input.nationalId);
  if (nationalId) {
    const problem = nationalIdProblem(nationalId, birthYear ?? undefined, sex);
    if (problem) fields.nationalId = problem;
  }

  let phone = blankToNull(input.phone);
  if (phone) {
    const normalised = normalisePhone(phone);
    if (normalised) phone = normalised;
    else fields.phone = 'is not a Vietnamese phone number (e.g. 0912 345 678 or +84912345678)';
  }

  const communeCode = input.communeCode.trim();
  const communeError = await communeProblem(db, actor, communeCode);
  if (communeError) fields.communeCode = communeError;

  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return {
    fullName,
    nameFolded: foldName(fullName),
    nationalId,
    birthDate,
    birthYear: birthYear!,
    sex,
    phone,
    address: blankToNull(input.address),
    communeCode,
  };
}
