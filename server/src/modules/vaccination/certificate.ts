// A person's vaccination certificate (EU DCC, one `v` entry for the latest dose), issued to staff
// who may see the person's doses, or to the citizen who proves who they are (personal code, or
// national ID with birth date and phone on file). Signed in the same transaction that audits the issue with the person.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, CITIZEN_ACTOR } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { AppError, invalidField, notFound, unprocessable } from '../../platform/errors.js';
import type { CertificateConfig } from '../certificates/config.js';
import type { VaccinationEntry } from '../certificates/hcert/dcc.js';
import { type IssuedCertificate, issueHcert } from '../certificates/issue.js';
import { holderOf } from '../testing/certificate.js';
import { normalisePhone } from '../people/identity.js';
import { personOf } from '../testing/lookup.js';
import type { Catalogue } from './catalogue.js';
import { vaccinationEntry } from './certificate.entry.js';
import { birthDateOf } from './certificate.repository.js';
import type { CitizenCertificateBody, VaccinationCertificate } from './certificate.schema.js';
import { findPersonForHistory, historyOf } from './doses.repository.js';
import { requireVaccinationReader } from './stock.js';

/** The certificate as answered, and what its PDF needs (the signed payload). */
export interface IssuedVaccinationCertificate {
  certificate: VaccinationCertificate;
  issued: IssuedCertificate;
}

interface Issue {
  actor: Actor;
  person: { id: string; full_name: string };
  reason: string;
  /** the request's field that named the person: a history without doses is refused on it */
  field: string;
  now: Date | undefined;
}

async function issueFor(tx: Queryable, config: CertificateConfig, catalogue: Catalogue, issue: Issue): Promise<IssuedVaccinationCertificate> {
  const { person } = issue;
  const rows = await historyOf(tx, person.id);
  const outcome = vaccinationEntry(catalogue, rows.map((row) => ({ productCode: row.product_code, administeredAt: row.administered_at })));
  if (!outcome.ok) throw unprocessable(`no vaccination certificate: ${outcome.reason}`, { [issue.field]: outcome.reason });
  const birth = await birthDateOf(tx, person.id);
  if (!birth) throw notFound('person');
  const issued = await issueHcert(tx, config, {
    holder: holderOf(person.full_name, birth.birth_date, birth.birth_year),
    entries: { v: [outcome.entry] },
    // a vaccination certificate lives as long as the province allows any certificate to
    validFor: { days: config.certificateMaxDays },
    ...(issue.now ? { issuedAt: issue.now } : {}),
  });
  const entry: VaccinationEntry = issued.payload.v![0]!;
  await audit(tx, issue.actor, {
    action: 'issue', entity: 'certificate', entityId: person.id, reason: issue.reason,
    detail: { uvci: issued.uvci, kind: 'vaccination', personId: person.id, doses: rows.length, dn: entry.dn, sd: entry.sd },
  });
  const latest = rows.at(-1)!;
  return {
    issued,
    certificate: {
      hc1: issued.hc1, uvci: issued.uvci, kid: issued.kid, issuedAt: issued.issuedAt, expiresAt: issued.expiresAt,
      holder: { fullName: person.full_name, dob: issued.payload.dob },
      entry: { dn: entry.dn, sd: entry.sd, vp: entry.vp, mp: entry.mp, ma: entry.ma, dt: entry.dt, productCode: latest.product_code },
      doses: rows.map((row, index) => ({ doseNumber: index + 1, productCode: row.product_code, kind: row.kind, administeredAt: row.administered_at.toISOString() })),
    },
  };
}

/**
 * Staff (vaccination:read): the certificate of a person who lives in their scope or was vaccinated
 * at a site in it (else 404, as if absent); audited as an issue with its reason.
 */
export async function staffVaccinationCertificate(
  db: Database, config: CertificateConfig, actor: Actor, catalogue: Catalogue, personId: string, reason: string | undefined, now?: Date,
): Promise<IssuedVaccinationCertificate> {
  requireVaccinationReader(actor);
  return db.transaction(async (tx) => {
    const person = await findPersonForHistory(tx, personId, actor.unitCode);
    if (!person) throw notFound('person');
    if (person.merged_into) throw new AppError('not_found', 'this person was merged into another record', undefined, { mergedInto: person.merged_into });
    return issueFor(tx, config, catalogue, { actor, person, reason: reason ?? 'issue vaccination certificate', field: 'personId', now });
  });
}

/** Either a personal code, or a national ID with the birth date and the phone (400 naming the field otherwise). */
function validateProof(body: CitizenCertificateBody): void {
  const byId = (['nationalId', 'birthDate', 'phone'] as const).filter((key) => body[key] !== undefined);
  if ((body.personCode !== undefined) === (byId.length > 0)) throw invalidField('personCode', 'give either personCode, or nationalId with birthDate and phone');
  const missing = (['nationalId', 'birthDate', 'phone'] as const).find((key) => body[key] === undefined);
  if (byId.length > 0 && missing) throw invalidField(missing, 'is required with nationalId, birthDate and phone');
}

/** The living person the proof names, or null: a wrong date or phone is the same as an unknown ID. */
async function personOfProof(db: Database, body: CitizenCertificateBody): Promise<{ id: string; full_name: string } | null> {
  if (body.personCode !== undefined) return personOf(db, { personCode: body.personCode });
  const phone = normalisePhone(body.phone!);
  if (!phone) return null;
  const [row] = await db.query<{ id: string; full_name: string }>(
    `SELECT id, full_name FROM people WHERE national_id = $1 AND merged_into IS NULL AND phone = $2
       AND (birth_date = $3::date OR (birth_date IS NULL AND birth_year = $4))
     ORDER BY created_at LIMIT 1`,
    [body.nationalId, phone, body.birthDate, Number(body.birthDate!.slice(0, 4))],
  );
  return row ?? null;
}

const NOT_FOUND = 'vaccination records for these details';

/**
 * A citizen's own certificate. Unknown details, a wrong birth date or phone, and a person without
 * doses all get the same 404, so the route tells nobody which IDs exist or who was vaccinated.
 */
export async function citizenVaccinationCertificate(
  db: Database, config: CertificateConfig, catalogue: Catalogue, body: CitizenCertificateBody, now?: Date,
): Promise<IssuedVaccinationCertificate> {
  validateProof(body);
  const person = await personOfProof(db, body);
  if (!person) throw notFound(NOT_FOUND);
  try {
    return await db.transaction(async (tx) => issueFor(tx, config, catalogue, { actor: CITIZEN_ACTOR, person, reason: 'own vaccination certificate', field: 'personCode', now }));
  } catch (error) {
    if (error instanceof AppError && error.code === 'unprocessable') throw notFound(NOT_FOUND);
    throw error;
  }
}
