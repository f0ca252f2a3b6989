// Place-and-time tracing of a case: who shared a venue and a time with it (contract ⚑ in
// docs/API-TRACING.md). It reads other people's presence data, so it needs 'tracing:run', a case
// inside the tracer's scope (404 otherwise) and a reason, audited with the number of results.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { invalidField, notFound } from '../../platform/errors.js';
import { countExposureVisits, exposuresOf } from './exposures.repository.js';
import { TRACING_RUN } from './permissions.js';
import { findCaseInScope } from './repository.js';
import type { ExposuresQuery, ExposuresResult } from './schema.js';

export const DEFAULT_MARGIN_MINUTES = 30;

export async function caseExposures(db: Database, actor: Actor, caseId: string, query: ExposuresQuery): Promise<ExposuresResult> {
  requirePermission(actor, TRACING_RUN);
  const reason = query.reason.trim();
  if (reason.length < 3) throw invalidField('reason', 'say why you trace this case (at least 3 characters)');
  const marginMinutes = query.marginMinutes ?? DEFAULT_MARGIN_MINUTES;
  return db.transaction(async (tx) => {
    const found = await findCaseInScope(tx, caseId, actor.unitCode);
    if (!found) throw notFound('case');
    const input = { personId: found.person_id, from: found.infectious_from, to: found.infectious_to, marginMinutes };
    const exposureVisits = await countExposureVisits(tx, input);
    const rows = await exposuresOf(tx, input);
    await audit(tx, actor, {
      action: 'trace', entity: 'case', entityId: caseId, reason,
      detail: { marginMinutes, infectiousFrom: input.from.toISOString(), infectiousTo: input.to.toISOString(), exposureVisits, results: rows.length },
    });
    return {
      items: rows.map((row) => ({
        personId: row.person_id, venueId: row.venue_id, firstOverlapStart: row.first_overlap_start.toISOString(),
        lastOverlapEnd: row.last_overlap_end.toISOString(), overlapMinutes: row.overlap_minutes,
      })),
      caseId, infectiousFrom: input.from.toISOString(), infectiousTo: input.to.toISOString(), marginMinutes, exposureVisits,
    };
  });
}
