// A dose recorded from a visit: the visit must be this person's at this site, screened with the
// outcome "vaccinate", and without a dose yet. Recording it starts the 30-minute observation. Any
// dose recorded for a person closes their open registrations (they are vaccinated).
import type { Queryable } from '../../db/database.js';
import { conflict, invalidField, unprocessable } from '../../platform/errors.js';
import { findScreening } from './screening.repository.js';
import { lockVisit, markRegistrationsVaccinated } from './visits.repository.js';

/** Minutes a person stays under watch after a dose (Ministry of Health: at least 30). */
export const OBSERVATION_MINUTES = 30;

/** Refuses the dose, naming visitId, unless the visit may receive it. Call under the person's lock. */
export async function checkVisitForDose(tx: Queryable, visitId: string, personId: string, siteId: string): Promise<void> {
  const visit = await lockVisit(tx, visitId);
  if (!visit) throw invalidField('visitId', 'no such visit');
  if (visit.site_id !== siteId) throw invalidField('visitId', `is a visit at ${visit.site_name}, not at the site of this dose`);
  if (visit.person_id !== personId) throw invalidField('visitId', 'is the visit of another person');
  if (visit.dose_id) throw conflict('a dose was already recorded at this visit', { visitId: 'a dose was already recorded at this visit' });
  const screening = await findScreening(tx, visitId);
  if (!screening) throw unprocessable('visitId: the person has not been screened at this visit', { visitId: 'the person has not been screened at this visit; screen them before the dose' });
  if (screening.outcome !== 'vaccinate') {
    const why = screening.outcome === 'postpone' ? `postpone until ${screening.postponeUntil}` : `refer to ${screening.referTo}`;
    throw unprocessable(`visitId: the screening outcome is ${why}`, { visitId: `the screening outcome of this visit is ${why}, not vaccinate` });
  }
}

/** What follows a recorded dose: the observation (for a visit's dose) and the registrations it completes. */
export async function afterDose(tx: Queryable, dose: { id: string; visitId: string | null; personId: string; siteId: string; administeredAt: Date }): Promise<{ registrationsVaccinated: string[] }> {
  if (dose.visitId) {
    await tx.query(
      `INSERT INTO vaccination_observations (dose_id, visit_id, site_id, started_at, due_at) VALUES ($1, $2, $3, $4, $5)`,
      [dose.id, dose.visitId, dose.siteId, dose.administeredAt, new Date(dose.administeredAt.getTime() + OBSERVATION_MINUTES * 60_000)],
    );
  }
  return { registrationsVaccinated: await markRegistrationsVaccinated(tx, dose.personId) };
}
