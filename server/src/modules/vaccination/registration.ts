// Registering for vaccination (the electronic health book): a citizen on their phone, or staff for
// someone at the commune health station. The registration belongs to the ONE person of the
// identity; the client's id makes a retry the same registration, and a person has at most one open
// registration (registering again finds it).
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, CITIZEN_ACTOR, can } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { AppError, conflict, forbidden, invalidField, validationFailed } from '../../platform/errors.js';
import { unitInScope } from '../../platform/scope.js';
import { addDays, todayInVietnam } from '../open/time.js';
import { enqueue } from '../notifications/outbox.js';
import { findPersonInScope } from '../people/repository.js';
import { VACCINATION_RECORD, VACCINATION_SCHEDULE } from './permissions.js';
import { groupProblem, priorityGroup } from './registration.groups.js';
import { findOrCreatePerson, identityValues, type IdentityValues, type PersonFacts } from './registration.people.js';
import * as repo from './registration.repository.js';
import type { OwnRegistration, SelfRegistrationBody, SelfRegistrationResult, StaffRegistration, StaffRegistrationBody } from './registration.schema.js';
import { manageTokens } from './registration.token.js';
import { bookingLink } from './schedule.notify.js';

/** How far ahead a preferred date may lie. */
const PREFERRED_DATES_AHEAD_DAYS = 180;

export function requireScheduler(actor: Actor) {
  if (![VACCINATION_SCHEDULE, VACCINATION_RECORD].some((p) => can(actor, p))) throw forbidden(`role ${actor.role} may not register people for vaccination`);
}

type Choices = Pick<SelfRegistrationBody, 'priorityGroup' | 'preferredSiteId' | 'preferredDates' | 'screening'>;

/** The choices of a registration that do not depend on who registers: the site and the dates. */
async function checkChoices(db: Queryable, body: Choices) {
  const today = todayInVietnam();
  const dates = [...new Set(body.preferredDates ?? [])].sort();
  const fields: Record<string, string> = {};
  (body.preferredDates ?? []).forEach((date, i) => {
    if (date < today) fields[`preferredDates[${i}]`] = 'is in the past';
    else if (date > addDays(today, PREFERRED_DATES_AHEAD_DAYS)) fields[`preferredDates[${i}]`] = `is more than ${PREFERRED_DATES_AHEAD_DAYS} days ahead`;
  });
  if (body.preferredSiteId) {
    const [site] = await db.query<{ active: boolean }>('SELECT active FROM vaccination_sites WHERE id = $1', [body.preferredSiteId]);
    if (!site) fields.preferredSiteId = 'no such vaccination site';
    else if (!site.active) fields.preferredSiteId = 'the site is closed';
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return { dates, screening: (body.screening ?? {}) as Record<string, boolean> };
}

function checkGroup(code: string, person: { birthDate: string | null; birthYear: number; sex: string | null }) {
  const problem = groupProblem(code, person, todayInVietnam());
  if (problem) throw invalidField('priorityGroup', problem);
}

/**
 * Writes the registration for a person, or finds the one this id (or this person's open one) is.
 * Runs in the caller's transaction, after the person's row is known.
 */
async function saveRegistration(tx: Queryable, actor: Actor, channel: 'self' | 'staff', body: Choices & { id: string }, person: PersonFacts, communeCode: string, choices: Awaited<ReturnType<typeof checkChoices>>) {
  const byId = await repo.findRegistration(tx, body.id);
  if (byId) {
    if (byId.person_id !== person.id) throw conflict('this registration id was already used for another person', { id: 'was already used for a different registration' });
    return { row: byId, repeat: true };
  }
  const open = await repo.openRegistrationOf(tx, person.id);
  if (open) return { row: open, repeat: true };
  const group = priorityGroup(body.priorityGroup)!;
  await repo.insertRegistration(tx, {
    id: body.id, personId: person.id, priorityGroup: group.code, priorityRank: group.order, preferredSiteId: body.preferredSiteId ?? null,
    preferredDates: choices.dates, communeCode, screening: choices.screening, channel, createdBy: channel === 'staff' ? actor.userId : null,
  });
  await audit(tx, actor, {
    action: 'register', entity: 'vaccination_registration', entityId: body.id,
    detail: { personId: person.id, personCreated: person.created, priorityGroup: group.code, communeCode, channel },
  });
  return { row: (await repo.findRegistration(tx, body.id))!, repeat: false };
}

/** Two first registrations of one person racing: the loser finds the winner's on a second run. */
async function onceMoreOnUniqueRace<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) && (error as { code?: string }).code === '23505') return run();
    throw error;
  }
}

/**
 * A citizen registers from their phone. The answer holds the manage token only when this request
 * (or its retry) created the person's record: details that match a record already on file may be
 * typed by anyone who knows an ID number, so the link then goes by SMS to the phone on file and the
 * answer says nothing of the record.
 */
export async function registerSelf(db: Database, publicUrl: string, body: SelfRegistrationBody): Promise<SelfRegistrationResult & { created: boolean }> {
  const values = await identityValues(db, CITIZEN_ACTOR, body.person);
  checkGroup(body.priorityGroup, values);
  const choices = await checkChoices(db, body);
  const tokens = await manageTokens(db);
  const { row, repeat, ownRecord, linkSent } = await onceMoreOnUniqueRace(() => db.transaction(async (tx) => {
    const person = await findOrCreatePerson(tx, CITIZEN_ACTOR, values);
    // the group must suit the person on file (their age and sex), not only what was typed
    checkGroup(body.priorityGroup, person);
    const saved = await saveRegistration(tx, CITIZEN_ACTOR, 'self', body, person, values.communeCode, choices);
    const ownRecord = saved.row.id === body.id && (person.created || (await createdTogether(tx, person.id, saved.row.id)));
    if (ownRecord) return { ...saved, ownRecord, linkSent: false };
    if (person.phone) await enqueueManageLink(tx, saved.row.id, person.id, person.phone, bookingLink(publicUrl, tokens.sign(saved.row.id)));
    return { ...saved, ownRecord, linkSent: person.phone !== null };
  }));
  if (!ownRecord) return { registration: null, manageToken: null, repeat, linkSent, created: false };
  return { registration: await repo.presentOwn(db, row), manageToken: tokens.sign(row.id), repeat, linkSent: false, created: !repeat };
}

/**
 * Whether the person's record was created by the registration's own transaction (now() is the
 * transaction's start on both engines, so both rows carry the same instant): a retry of a first
 * registration gets its token again.
 */
async function createdTogether(tx: Queryable, personId: string, registrationId: string): Promise<boolean> {
  const [row] = await tx.query<{ same: boolean }>(
    'SELECT p.created_at = r.created_at AS same FROM people p, vaccination_registrations r WHERE p.id = $1 AND r.id = $2', [personId, registrationId],
  );
  return row?.same === true;
}

/** At most one link a day per registration, however often the details are typed. */
async function enqueueManageLink(tx: Queryable, registrationId: string, personId: string, phone: string, link: string) {
  await enqueue(tx, {
    dedupeKey: `vaccination-manage-link:${registrationId}:${todayInVietnam()}:sms`, channel: 'sms', recipient: phone, personId,
    template: 'vaccination_manage_link', payload: { link },
  });
}

export async function registerByStaff(db: Database, actor: Actor, body: StaffRegistrationBody): Promise<{ registration: StaffRegistration; repeat: boolean; created: boolean }> {
  requireScheduler(actor);
  if ((body.person === undefined) === (body.personId === undefined)) throw invalidField('person', 'give either person or personId');
  let values: IdentityValues | null = null;
  if (body.person) {
    values = await identityValues(db, actor, body.person);
    checkGroup(body.priorityGroup, values);
  }
  const choices = await checkChoices(db, body);
  const { row, repeat } = await onceMoreOnUniqueRace(() => db.transaction(async (tx) => {
    let person: PersonFacts;
    let communeCode: string;
    if (values) {
      person = await findOrCreatePerson(tx, actor, values);
      // details matching a record of another area register nobody and show nothing of it
      if (!person.created && !(await findPersonInScope(tx, person.id, actor.unitCode))) {
        throw conflict('this person is registered in another area', { [values.nationalId ? 'person.nationalId' : 'person.phone']: 'belongs to a person registered in another area; their health station registers them' });
      }
      checkGroup(body.priorityGroup, person);
      communeCode = values.communeCode;
    } else {
      const found = await findPersonInScope(tx, body.personId!, actor.unitCode, true);
      if (!found || found.merged_into) throw invalidField('personId', 'no such person in your area');
      person = { id: found.id, birthDate: found.birth_date ? found.birth_date.slice(0, 10) : null, birthYear: found.birth_year, sex: found.sex, phone: found.phone, created: false };
      checkGroup(body.priorityGroup, person);
      communeCode = found.commune_code;
    }
    const saved = await saveRegistration(tx, actor, 'staff', body, person, communeCode, choices);
    if (saved.row.id !== body.id) {
      // the person's open registration, found instead of a new one: shown only within scope, and audited
      if (!(await unitInScope(tx, actor, saved.row.commune_code))) {
        throw conflict('this person has an open registration in another area', { person: 'has an open registration in another area' });
      }
      await audit(tx, actor, { action: 'read', entity: 'vaccination_registration', entityId: saved.row.id, reason: 'registering a person already registered', detail: { personId: person.id } });
    }
    return saved;
  }));
  const today = todayInVietnam();
  return { registration: repo.presentStaff(await repo.staffRegistration(db, row.id, today)), repeat, created: !repeat };
}

/** The registration of a manage token, or a 400 naming the field. */
export async function registrationOfToken(db: Queryable, token: string, field = 'manageToken'): Promise<repo.RegistrationRow> {
  const id = (await manageTokens(db)).verify(token);
  if (!id) throw invalidField(field, 'is not a valid registration token (forged, altered or mistyped)');
  const row = await repo.findRegistration(db, id);
  if (!row) throw invalidField(field, 'belongs to no registration');
  return row;
}

/** What the phone holding the token sees: the registration and its bookings. */
export async function ownRegistration(db: Database, token: string): Promise<OwnRegistration> {
  return repo.presentOwn(db, await registrationOfToken(db, token));
}
