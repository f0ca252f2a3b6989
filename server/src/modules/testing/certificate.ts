// A signed certificate of a negative test (EU DCC test entry), for the citizen who looks up their
// own results: only for a current negative result of their own sample (not "negative by
// representation": the person was not tested), valid until 72 hours after sampling for RT-PCR and
// 48 hours for rapid antigen, as the EU's acceptance rules used. Issued on request, audited.
import type { Database } from '../../db/database.js';
import { CITIZEN_ACTOR } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import type { CertificateConfig } from '../certificates/config.js';
import { issueHcert, negativeTestEntry } from '../certificates/issue.js';
import type { TestType } from './collection.schema.js';
import { personOf, validateLookup } from './lookup.js';
import type { CertificateBody, TestCertificate } from './results.schema.js';

const VALID_HOURS: Record<TestType, number> = { rt_pcr: 72, rapid_antigen: 48 };
const HOUR = 3600_000;

interface ResultRow {
  id: string;
  outcome: string;
  current: boolean;
  test_type: TestType;
  sampled_at: Date;
  centre: string;
  full_name: string;
  birth_date: string | null;
  birth_year: number;
}

/** Vietnamese names are family name first: "Nguyễn Văn An" → family "Nguyễn", given "Văn An". */
export function holderOf(fullName: string, birthDate: string | null, birthYear: number) {
  const [familyName = fullName, ...given] = fullName.trim().split(/\s+/);
  return { familyName, givenName: given.join(' ') || null, dob: birthDate ?? String(birthYear) };
}

export async function negativeTestCertificate(db: Database, config: CertificateConfig, body: CertificateBody, now = new Date()): Promise<TestCertificate> {
  validateLookup(body);
  const person = await personOf(db, body);
  if (!person) throw notFound('test results for these details');
  const [row] = await db.query<ResultRow>(
    `SELECT r.id, r.outcome, r.current, r.test_type, r.sampled_at, coalesce(pl.name, s.name) AS centre, p.full_name, p.birth_date, p.birth_year
     FROM person_results r JOIN tubes t ON t.id = r.tube_id JOIN sampling_sessions s ON s.id = t.session_id
       LEFT JOIN places pl ON pl.id = s.place_id JOIN people p ON p.id = r.person_id
     WHERE r.id = $1 AND r.person_id = $2`,
    [body.resultId, person.id],
  );
  if (!row) throw notFound('test result');
  if (!row.current || row.outcome !== 'negative') {
    throw conflict('only a current negative result of your own sample has a certificate', { resultId: `is ${row.current ? row.outcome : 'corrected'}, not a negative test of your own sample` });
  }
  const validUntil = row.sampled_at.getTime() + VALID_HOURS[row.test_type] * HOUR;
  const hoursLeft = Math.floor((validUntil - now.getTime()) / HOUR);
  if (hoursLeft < 1) throw conflict('the sample is too old for a certificate', { resultId: `was sampled more than ${VALID_HOURS[row.test_type]} hours ago` });
  return db.transaction(async (tx) => {
    const issued = await issueHcert(tx, config, {
      holder: holderOf(row.full_name, row.birth_date, row.birth_year),
      entries: { t: [negativeTestEntry({ method: row.test_type, sampledAt: row.sampled_at, centre: row.centre })] },
      validFor: { hours: hoursLeft },
      issuedAt: now,
    });
    await audit(tx, CITIZEN_ACTOR, { action: 'issue', entity: 'certificate', entityId: row.id, detail: { uvci: issued.uvci, kind: 'test', personId: person.id } });
    return { hc1: issued.hc1, uvci: issued.uvci, issuedAt: issued.issuedAt, expiresAt: issued.expiresAt };
  });
}
