// SQL of transmission chains. An edge between two cases is a contact who became a case
// (contacts.became_case_id): from the contact's case, or for an F2 contact from the case its F1
// became, when it became one. The walk follows those edges both ways with index lookups only
// (contacts_case_idx, contacts_via_idx, contacts_became_idx), so its work grows with the chain.
import type { Queryable } from '../../db/database.js';
import { unitInScopeSql } from '../../platform/scope.js';
import type { ChainEdge, ChainNode } from './chains.schema.js';

export interface WalkRow { case_id: string; hops: number }

/**
 * Cases reachable from the root in at most `depth` hops, each with the hops it was reached at
 * (a case may come several times, at different hops: the caller keeps the least). UNION keeps one
 * row per case and hop, so the walk ends even when the data has a cycle. The recursion is
 * breadth-first and evaluated only as far as the LIMIT reads, which bounds the work of a huge chain.
 */
export async function walkCases(db: Queryable, rootId: string, depth: number, rowLimit: number): Promise<WalkRow[]> {
  return db.query<WalkRow>(
    `WITH RECURSIVE walk (case_id, hops) AS (
       SELECT $1::uuid, 0
       UNION
       SELECT n.case_id, w.hops + 1
       FROM walk w CROSS JOIN LATERAL (
         -- whom it infected: its contacts who became cases (an F2 through an F1 who became a case is that case's)
         SELECT c.became_case_id AS case_id FROM contacts c LEFT JOIN contacts f1 ON f1.id = c.via_contact_id
         WHERE c.case_id = w.case_id AND c.became_case_id IS NOT NULL AND f1.became_case_id IS NULL
         UNION ALL
         -- whom it infected when it was an F1 contact of another case: the F2 contacts traced through it
         SELECT c.became_case_id FROM contacts f1 JOIN contacts c ON c.via_contact_id = f1.id
         WHERE f1.became_case_id = w.case_id AND c.became_case_id IS NOT NULL
         UNION ALL
         -- who infected it
         SELECT coalesce(f1.became_case_id, c.case_id) FROM contacts c LEFT JOIN contacts f1 ON f1.id = c.via_contact_id
         WHERE c.became_case_id = w.case_id
       ) n
       WHERE w.hops < $2
     )
     SELECT case_id, hops FROM walk LIMIT $3`,
    [rootId, depth, rowLimit],
  );
}

export interface PositionColumns { lat: number | null; lon: number | null }

export interface CaseNodeRow extends PositionColumns {
  id: string;
  person_id: string;
  full_name: string;
  birth_year: number;
  status: ChainNode['status'];
  date: Date;
  commune_code: string;
  in_scope: boolean;
}

/** A commune's point on surface (inside it, unlike a centroid); null without an imported boundary. */
const communePoint = (alias: string) =>
  `ST_Y(ST_PointOnSurface(${alias}.boundary)) AS lat, ST_X(ST_PointOnSurface(${alias}.boundary)) AS lon`;

export async function caseNodes(db: Queryable, ids: string[], scope: string | null): Promise<CaseNodeRow[]> {
  return db.query<CaseNodeRow>(
    `SELECT k.id, k.person_id, p.full_name, p.birth_year, k.status, coalesce(k.confirmed_at, k.reported_at) AS date, k.commune_code,
       ${unitInScopeSql('k.commune_code', 2)} AS in_scope, ${communePoint('u')}
     FROM cases k JOIN people p ON p.id = k.person_id LEFT JOIN units u ON u.code = k.commune_code
     WHERE k.id = ANY ($1::uuid[])`,
    [ids, scope],
  );
}

interface ContactColumns {
  contact_id: string;
  case_id: string;
  via_contact_id: string | null;
  /** the case the F1 of an F2 contact became, if it did */
  via_case_id: string | null;
  found_by: ChainEdge['how'];
  last_exposure_at: Date | null;
  /** the venue of the latest place-and-time exposure, with its name and position (a public place) */
  venue_id: string | null;
  venue_name: string | null;
  venue_lat: number | null;
  venue_lon: number | null;
}

const CONTACT_COLUMNS = `c.id AS contact_id, c.case_id, c.via_contact_id, f1.became_case_id AS via_case_id, c.found_by, c.last_exposure_at,
  e.venue_id, v.name AS venue_name, ST_Y(v.position::geometry) AS venue_lat, ST_X(v.position::geometry) AS venue_lon`;
const CONTACT_FROM = `contacts c LEFT JOIN contacts f1 ON f1.id = c.via_contact_id
  LEFT JOIN LATERAL (SELECT x.venue_id FROM contact_exposures x WHERE x.contact_id = c.id ORDER BY x.last_overlap_end DESC, x.venue_id LIMIT 1) e ON true
  LEFT JOIN venues v ON v.id = e.venue_id`;

export interface LinkRow extends ContactColumns { became_case_id: string }

/** The contacts who became one of these cases: the case-to-case edges. */
export async function linksInto(db: Queryable, caseIds: string[]): Promise<LinkRow[]> {
  return db.query<LinkRow>(
    `SELECT ${CONTACT_COLUMNS}, c.became_case_id FROM ${CONTACT_FROM} WHERE c.became_case_id = ANY ($1::uuid[])`,
    [caseIds],
  );
}

export interface ContactNodeRow extends ContactColumns, PositionColumns {
  person_id: string;
  full_name: string;
  birth_year: number;
  status: ChainNode['status'];
  degree: 'F1' | 'F2';
  commune_code: string;
  became_case_id: string | null;
}

/**
 * The contacts of these cases that are not a case of the answer (rejected ones are not contacts):
 * F1 before F2, so the F1 an F2 came through is kept first under the cap; `limit` rows at most.
 */
export async function contactNodes(db: Queryable, caseIds: string[], answerCaseIds: string[], limit: number): Promise<ContactNodeRow[]> {
  return db.query<ContactNodeRow>(
    `SELECT ${CONTACT_COLUMNS}, c.person_id, p.full_name, p.birth_year,
       c.status, c.degree, p.commune_code, c.became_case_id, ${communePoint('u')}
     FROM ${CONTACT_FROM} JOIN people p ON p.id = c.person_id LEFT JOIN units u ON u.code = p.commune_code
     WHERE c.case_id = ANY ($1::uuid[]) AND c.status <> 'rejected'
       AND (c.became_case_id IS NULL OR NOT c.became_case_id = ANY ($2::uuid[]))
     ORDER BY c.degree, c.last_exposure_at NULLS LAST, c.id
     LIMIT $3`,
    [caseIds, answerCaseIds, limit],
  );
}
