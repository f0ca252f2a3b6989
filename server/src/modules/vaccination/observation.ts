// The 30 minutes after a dose given at a visit: the site's list of people under watch with the
// minutes left (an audited read: it names them), and ending a watch: no reaction once the time is
// over, the person left early, or a reaction, which opens an AEFI report in the same transaction.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField, notFound, unprocessable } from '../../platform/errors.js';
import type { EventPublisher } from '../../platform/events.js';
import { announceSerious, reportAefiIn } from './aefi.js';
import { findReport, followUpsOf } from './aefi.repository.js';
import * as repo from './observation.repository.js';
import type { EndedObservation, EndObservationBody, ObservationList } from './observation.schema.js';
import { VACCINATION_RECORD } from './permissions.js';
import { requireVaccinationReader } from './stock.js';
import { OBSERVATION_MINUTES } from './visits.dose.js';
import { siteInScope } from './visits.scope.js';

const MINUTE_MS = 60_000;

export async function listObservations(db: Database, actor: Actor, siteId: string, reason: string | undefined): Promise<ObservationList> {
  requireVaccinationReader(actor);
  return db.transaction(async (tx) => {
    if (!(await siteInScope(tx, siteId, actor))) throw notFound('vaccination site');
    const rows = await repo.openObservations(tx, siteId);
    await audit(tx, actor, { action: 'read', entity: 'vaccination_observations', entityId: siteId, reason: reason ?? 'observation after vaccination', detail: { people: rows.length } });
    const now = Date.now();
    return {
      siteId, asOf: new Date(now).toISOString(), minutes: OBSERVATION_MINUTES,
      items: rows.map((row) => {
        const left = Math.max(0, Math.ceil((row.due_at.getTime() - now) / MINUTE_MS));
        return {
          doseId: row.dose_id, visitId: row.visit_id, person: { id: row.person_id, fullName: row.full_name, birthYear: row.birth_year },
          productCode: row.product_code, lotNumber: row.lot_number, doseNumber: row.dose_number,
          startedAt: row.started_at.toISOString(), dueAt: row.due_at.toISOString(), minutesLeft: left, due: row.due_at.getTime() <= now,
        };
      }),
    };
  });
}

export async function endObservation(db: Database, actor: Actor, events: EventPublisher, doseId: string, body: EndObservationBody): Promise<EndedObservation> {
  requirePermission(actor, VACCINATION_RECORD);
  if (body.outcome === 'reaction' && !body.aefi) throw invalidField('aefi', 'is required with outcome reaction: report the reaction');
  if (body.outcome !== 'reaction' && body.aefi) throw invalidField('aefi', 'goes only with outcome reaction');
  const result = await db.transaction(async (tx) => {
    const observation = await repo.lockObservation(tx, doseId);
    if (!observation || !(await siteInScope(tx, observation.site_id, actor))) throw notFound('observation');
    if (observation.ended_at) {
      if (observation.outcome !== body.outcome) throw conflict(`this observation already ended: ${observation.outcome}`, { outcome: `the observation already ended with ${observation.outcome}` });
      const aefi = observation.aefi_id ? await findReport(tx, observation.aefi_id, null) : null;
      return {
        ended: {
          doseId, visitId: observation.visit_id, outcome: observation.outcome, endedAt: observation.ended_at.toISOString(), note: observation.note,
          aefi: aefi ? { ...aefi, followUps: await followUpsOf(tx, aefi.id), repeat: true } : null, repeat: true,
        },
        serious: false,
      };
    }
    if (body.outcome === 'no_reaction' && observation.due_at.getTime() > Date.now()) {
      const left = Math.ceil((observation.due_at.getTime() - Date.now()) / MINUTE_MS);
      throw unprocessable(`outcome: ${left} minute(s) of observation are left`, { outcome: `no_reaction can be recorded once the ${OBSERVATION_MINUTES} minutes are over (${left} minute(s) left, due ${observation.due_at.toISOString()}); record left_early if the person leaves now` });
    }
    const reported = body.aefi ? await reportAefiIn(tx, actor, doseId, body.aefi, (name) => `aefi.${name}`) : null;
    const endedAt = await repo.endObservationRow(tx, doseId, { outcome: body.outcome, note: body.note?.trim() ?? null, endedBy: actor.userId });
    await audit(tx, actor, { action: 'end_observation', entity: 'vaccination_observation', entityId: doseId, detail: { outcome: body.outcome, aefiId: reported?.report.id ?? null } });
    return {
      ended: { doseId, visitId: observation.visit_id, outcome: body.outcome, endedAt: endedAt.toISOString(), note: body.note?.trim() ?? null, aefi: reported?.report ?? null, repeat: false },
      serious: reported?.serious ?? false,
    };
  });
  if (result.serious && result.ended.aefi) announceSerious(events, result.ended.aefi, false);
  return result.ended;
}
