// A person's vaccination certificate (EU DCC, one `v` entry for the latest dose), issued to staff
// who may see the person's doses, or to the citizen who proves who they are as in the results
// look-up. Signed in the same transaction that audits the issue with the person.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, CITIZEN_ACTOR } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { AppError, notFound, unprocessable } from '../../platform/errors.js';
import type { CertificateConfig } from '../certificates/config.js';
import type { VaccinationEntry } from '../certificates/hcert/dcc.js';
import { type IssuedCertificate, issueHcert } from '../certificates/issue.js';
import { holderOf } from '../testing/certificate.js';
import { personOf, validateLookup } from '../testing/lookup.js';
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

/**
 * A citizen's own certificate: a personal code, or a national ID with the birth year. Unknown
 * details and a wrong birth year get the same 404, so the route tells nobody which IDs exist.
 */
export async function citizenVaccinationCertificate(
  db: Database, config: CertificateConfig, catalogue: Catalogue, body: CitizenCertificateBody, now?: Date,
): Promise<IssuedVaccinationCertificate> {
  validateLookup(body);
  const person = await personOf(db, body);
  if (!person) throw notFound('vaccination records for these details');
  const field = body.personCode !== undefined ? 'personCode' : 'nationalId';
  return db.transaction(async (tx) => issueFor(tx, config, catalogue, { actor: CITIZEN_ACTOR, person, reason: 'own vaccination certificate', field, now }));
}
