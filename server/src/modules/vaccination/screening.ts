// The pre-vaccination screening of a visit: the answers to the Ministry's checklist, the assessment
// the server derives from them (with the person's age and the measured temperature), and the
// vaccinator's outcome, refused when it does not fit the assessment. Screening again before the dose
// replaces the screening (audited with before and after); after the dose it is fixed.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound, unprocessable, validationFailed } from '../../platform/errors.js';
import { todayInVietnam } from '../open/time.js';
import { VACCINATION_RECORD } from './permissions.js';
import { ageOn } from './registration.groups.js';
import { refreshRegistrationStatus } from './registration.repository.js';
import { type Checklist, evaluate, outcomeProblem } from './screening.rules.js';
import * as repo from './screening.repository.js';
import type { Screening, ScreeningBody } from './screening.schema.js';
import { lockVisit } from './visits.repository.js';
import { siteInScope } from './visits.scope.js';

/** What only makes sense with one outcome, and what each outcome needs, by field. */
function shapeProblems(body: ScreeningBody): Record<string, string> {
  const problems: Record<string, string> = {};
  if (body.outcome === 'postpone') {
    if (!body.postponeUntil) problems.postponeUntil = 'is required to postpone: the first day the person may come back';
    else if (body.postponeUntil <= todayInVietnam()) problems.postponeUntil = 'must be a day after today';
  } else if (body.postponeUntil !== undefined) problems.postponeUntil = 'goes only with outcome postpone';
  if (body.outcome === 'refer' && !body.referTo?.trim()) problems.referTo = 'is required to refer: the hospital the person is referred to';
  if (body.outcome !== 'refer' && body.referTo !== undefined) problems.referTo = 'goes only with outcome refer';
  if (body.outcome !== 'vaccinate' && !body.reason?.trim()) problems.reason = `is required to ${body.outcome}`;
  return problems;
}

export async function screenVisit(db: Database, actor: Actor, checklist: Checklist, visitId: string, body: ScreeningBody): Promise<Screening> {
  requirePermission(actor, VACCINATION_RECORD);
  const shape = shapeProblems(body);
  if (Object.keys(shape).length > 0) throw validationFailed(shape);
  return db.transaction(async (tx) => {
    const visit = await lockVisit(tx, visitId);
    if (!visit || !(await siteInScope(tx, visit.site_id, actor))) throw notFound('visit');
    if (visit.dose_id) throw conflict('a dose was already recorded at this visit; its screening can no longer change', { visitId: 'a dose was already recorded at this visit' });
    const age = ageOn(todayInVietnam(), visit.birth_date, visit.birth_year);
    const evaluation = evaluate(checklist, body.answers, { age, temperatureC: body.temperatureC });
    if (Object.keys(evaluation.problems).length > 0) throw validationFailed(evaluation.problems);
    const problem = outcomeProblem(evaluation, body);
    if (problem) throw unprocessable(Object.entries(problem).map(([field, reason]) => `${field}: ${reason}`).join('; '), problem);

    const before = await repo.findScreening(tx, visitId);
    await repo.upsertScreening(tx, {
      visitId, checklistVersion: checklist.version, answers: evaluation.answers, findings: evaluation.findings, temperatureC: body.temperatureC ?? null,
      assessment: evaluation.assessment, outcome: body.outcome, postponeUntil: body.postponeUntil ?? null, referTo: body.referTo?.trim() ?? null,
      reason: body.reason?.trim() ?? null, note: body.note?.trim() ?? null, screenedBy: actor.userId,
    });
    const after = (await repo.findScreening(tx, visitId))!;
    // postponed or referred: the booking was used, so the registration waits for a new invitation
    if (visit.booking_id) {
      const [booking] = await tx.query<{ registration_id: string | null }>('SELECT registration_id FROM vaccination_bookings WHERE id = $1', [visit.booking_id]);
      if (booking?.registration_id) await refreshRegistrationStatus(tx, booking.registration_id);
    }
    const summary = (s: Screening | null) => (s ? { assessment: s.assessment, outcome: s.outcome, postponeUntil: s.postponeUntil, referTo: s.referTo, findings: s.findings.map((f) => f.questionId) } : null);
    await audit(tx, actor, {
      action: before ? 'rescreen' : 'screen', entity: 'vaccination_screening', entityId: visitId,
      before: summary(before), after: summary(after), detail: { personId: visit.person_id, siteId: visit.site_id, checklistVersion: checklist.version },
    });
    return after;
  });
}

