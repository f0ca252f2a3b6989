// Recording a dose and reading a person's doses. A dose is checked against the person's history
// (sequence, intervals, boosters), the lot (product, expiry) and the site's stock, and recorded
// with its stock movement in one transaction holding the person's and the lot's row locks.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { AppError, conflict, invalidField, notFound, unprocessable } from '../../platform/errors.js';
import { todayInVietnam } from '../open/time.js';
import type { Catalogue } from './catalogue.js';
import * as repo from './doses.repository.js';
import { nextDose } from './doses.rules.js';
import type { DoseHistory, DoseOutcome, RecordDoseBody } from './doses.schema.js';
import { VACCINATION_RECORD } from './permissions.js';
import { findSiteInScope, insertMovement, lockLot, onHand } from './stock.repository.js';
import { requireVaccinationReader } from './stock.js';
import { afterDose, checkVisitForDose } from './visits.dose.js';

/** A phone's clock may run a few minutes ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Merges chain at most this deep in practice; deeper is a data problem, not a person. */
const MAX_MERGE_HOPS = 5;

/** The person's current record: a dose sent for a record since merged goes to the survivor. */
async function lockCurrentPerson(tx: Queryable, id: string): Promise<repo.PersonBrief | null> {
  let person = await repo.lockPerson(tx, id);
  for (let hop = 0; person?.merged_into && hop < MAX_MERGE_HOPS; hop++) person = await repo.lockPerson(tx, person.merged_into);
  return person && !person.merged_into ? person : null;
}

const sameDose = (row: repo.DoseRow, personId: string, body: RecordDoseBody, at: Date) =>
  row.person_id === personId && row.product_code === body.productCode && row.lot_id === body.lotId && row.site_id === body.siteId
  && row.administered_at.getTime() === at.getTime() && row.visit_id === (body.visitId ?? null);

export async function recordDose(db: Database, actor: Actor, catalogue: Catalogue, body: RecordDoseBody): Promise<DoseOutcome> {
  requirePermission(actor, VACCINATION_RECORD);
  const product = catalogue.get(body.productCode);
  if (!product) throw invalidField('productCode', `unknown product ${body.productCode}; known: ${[...catalogue.keys()].join(', ')}`);
  const at = new Date(body.administeredAt);
  if (at.getTime() > Date.now() + CLOCK_SKEW_MS) throw invalidField('administeredAt', 'is in the future');

  try {
    return await db.transaction(async (tx) => {
      const person = await lockCurrentPerson(tx, body.personId);
      if (!person) throw invalidField('personId', 'no such person');
      const lot = await lockLot(tx, body.lotId);
      // Under both locks: a retry of this dose sees the first attempt's row.
      const existing = await repo.findDose(tx, body.id);
      if (existing) {
        if (sameDose(existing, person.id, body, at)) return { ...repo.presentDose(existing), repeat: true };
        throw conflict('this dose id was already used for a different dose', { id: 'was already used for a different dose' });
      }
      const site = await findSiteInScope(tx, body.siteId, actor.unitCode);
      if (!site) throw invalidField('siteId', 'no such vaccination site in your area');
      if (!site.active) throw invalidField('siteId', 'the site is closed');
      if (!lot) throw invalidField('lotId', 'no such lot');
      if (lot.product_code !== product.code) throw invalidField('lotId', `lot ${lot.lot_number} is ${lot.product_code}, not ${product.code}`);
      if (todayInVietnam(at) > lot.expires_on) throw unprocessable(`lot ${lot.lot_number} expired on ${lot.expires_on}`, { lotId: `lot ${lot.lot_number} expired on ${lot.expires_on}` });
      if (body.visitId) await checkVisitForDose(tx, body.visitId, person.id, site.id);

      const history = (await repo.historyOf(tx, person.id)).map((row) => ({ productCode: row.product_code, doseNumber: row.dose_number, administeredAt: row.administered_at }));
      const next = nextDose(catalogue, history, product, at);
      if (!next.ok) throw unprocessable(`${next.field}: ${next.reason}`, { [next.field]: next.reason });

      const left = await onHand(tx, lot.id, { siteId: site.id });
      if (left < 1) throw conflict(`no doses of lot ${lot.lot_number} left at this site`, { lotId: `no doses of lot ${lot.lot_number} left at this site` }, { onHand: left });

      await repo.insertDose(tx, {
        id: body.id, personId: person.id, productCode: product.code, lotId: lot.id, siteId: site.id,
        doseNumber: next.doseNumber, kind: next.kind, administeredAt: at, vaccinatorId: actor.userId, visitId: body.visitId ?? null,
      });
      await insertMovement(tx, { lotId: lot.id, holder: { siteId: site.id }, doses: -1, kind: 'administered', doseId: body.id });
      const { registrationsVaccinated } = await afterDose(tx, { id: body.id, visitId: body.visitId ?? null, personId: person.id, siteId: site.id, administeredAt: at });
      await audit(tx, actor, {
        action: 'record', entity: 'dose', entityId: body.id,
        detail: {
          personId: person.id, productCode: product.code, lotId: lot.id, siteId: site.id, doseNumber: next.doseNumber, kind: next.kind,
          visitId: body.visitId ?? null, registrationsVaccinated,
        },
      });
      return { ...repo.presentDose((await repo.findDose(tx, body.id))!), repeat: false };
    });
  } catch (error) {
    const unique = !(error instanceof AppError) && (error as { code?: string }).code === '23505';
    // a second dose of one visit raced in under another person's lock
    if (unique && (error as { constraint?: string }).constraint === 'dose_records_visit_idx') throw conflict('a dose was already recorded at this visit', { visitId: 'a dose was already recorded at this visit' });
    // the same id raced in under another lot or person
    if (unique) throw conflict('this dose id was already used for a different dose', { id: 'was already used for a different dose' });
    throw error;
  }
}

/** A person's doses: a read of personal data, audited with its reason. */
export async function doseHistory(db: Database, actor: Actor, catalogue: Catalogue, personId: string, reason: string | undefined): Promise<DoseHistory> {
  requireVaccinationReader(actor);
  return db.transaction(async (tx) => {
    const person = await repo.findPersonForHistory(tx, personId, actor.unitCode);
    if (!person) throw notFound('person');
    if (person.merged_into) throw new AppError('not_found', 'this person was merged into another record', undefined, { mergedInto: person.merged_into });
    const rows = await repo.historyOf(tx, person.id);
    await audit(tx, actor, { action: 'read', entity: 'dose_history', entityId: person.id, reason: reason ?? 'view dose history', detail: { doses: rows.length } });
    const series = rows[0] ? catalogue.get(rows[0].product_code) : undefined;
    return {
      person: { id: person.id, fullName: person.full_name, birthYear: person.birth_year },
      doses: rows.map(repo.presentDose),
      primarySeriesComplete: series !== undefined && rows.length >= series.primaryDoses,
    };
  });
}
