// Today's visits at a site: the queue between the check-in, screening and vaccination tables (sites
// often run them as separate desks), and what lets a desk pick a visit up again after a reload.
// It names people, so it is an audited read.
import type { Database } from '../../db/database.js';
import type { Actor } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { todayInVietnam, vietnamDaysRange } from '../open/time.js';
import { requireVaccinationReader } from './stock.js';
import type { SiteVisitItem, SiteVisitList, SiteVisitsQuery } from './visits.schema.js';
import { siteInScope } from './visits.scope.js';

interface QueueRow {
  id: string;
  person_id: string;
  full_name: string;
  birth_year: number;
  checked_in_at: Date;
  outcome: SiteVisitItem['screeningOutcome'];
  dose_id: string | null;
}

export async function siteVisits(db: Database, actor: Actor, siteId: string, query: SiteVisitsQuery): Promise<SiteVisitList> {
  requireVaccinationReader(actor);
  const date = todayInVietnam();
  const { start, end } = vietnamDaysRange(date);
  return db.transaction(async (tx) => {
    if (!(await siteInScope(tx, siteId, actor))) throw notFound('vaccination site');
    const rows = await tx.query<QueueRow>(
      `SELECT v.id, v.person_id, p.full_name, p.birth_year, v.checked_in_at, sc.outcome, d.id AS dose_id
       FROM vaccination_visits v JOIN people p ON p.id = v.person_id
       LEFT JOIN vaccination_screenings sc ON sc.visit_id = v.id LEFT JOIN dose_records d ON d.visit_id = v.id
       WHERE v.site_id = $1 AND v.checked_in_at >= $2 AND v.checked_in_at < $3 AND ($4 OR d.id IS NULL)
       ORDER BY v.checked_in_at, v.id`,
      [siteId, start, end, query.stage === 'all'],
    );
    await audit(tx, actor, { action: 'read', entity: 'vaccination_site_visits', entityId: siteId, reason: query.reason ?? 'vaccination site queue', detail: { date, people: rows.length } });
    return {
      siteId, date,
      items: rows.map((row) => ({
        id: row.id, person: { id: row.person_id, fullName: row.full_name, birthYear: row.birth_year }, checkedInAt: row.checked_in_at.toISOString(),
        screeningOutcome: row.outcome, doseId: row.dose_id,
      })),
    };
  });
}
