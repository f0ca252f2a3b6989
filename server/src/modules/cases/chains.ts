// Transmission chains (issue #6): the cases linked to one case by contacts who became cases, both ways
// up to a depth, with their contacts, as a graph and as GeoJSON for the map. Contract:
// docs/API-TRACING.md, "Transmission chains". `cases:read`, the case in scope (404 otherwise), a
// reason; each read is audited with the number of nodes.
import type { Database } from '../../db/database.js';
import { type Actor, can, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import { type ChainGraph, assembleChain, chainGeojson, presentChain } from './chains.graph.js';
import { caseNodes, contactNodes, linksInto, walkCases } from './chains.repository.js';
import { CHAIN_NODE_CAP, type Chain, type ChainGeojson, type ChainQuery } from './chains.schema.js';
import { checkedReason } from './contacts.js';
import { CASES_READ } from './permissions.js';
import { findCaseInScope } from './repository.js';

export const DEFAULT_CHAIN_DEPTH = 3;

async function readChain(db: Database, actor: Actor, caseId: string, query: ChainQuery, format: 'json' | 'geojson'): Promise<ChainGraph> {
  requirePermission(actor, CASES_READ);
  const reason = checkedReason(query.reason);
  const depth = query.depth ?? DEFAULT_CHAIN_DEPTH;
  const includeContacts = query.includeContacts ?? true;
  const cap = query.maxNodes ?? CHAIN_NODE_CAP;
  return db.transaction(async (tx) => {
    if (!(await findCaseInScope(tx, caseId, actor.unitCode))) throw notFound('case');

    // A case appears at most once per hop level, so `cap` cases need at most cap × (depth + 1) rows:
    // one row more proves there are more than `cap` cases.
    const rowLimit = cap * (depth + 1);
    const walked = await walkCases(tx, caseId, depth, rowLimit + 1);
    const hopsOf = new Map<string, number>();
    for (const row of walked) hopsOf.set(row.case_id, Math.min(row.hops, hopsOf.get(row.case_id) ?? row.hops));
    const nearest = [...hopsOf].sort((a, b) => a[1] - b[1]).slice(0, cap);
    let truncated = walked.length > rowLimit || hopsOf.size > cap;

    const rows = await caseNodes(tx, nearest.map(([id]) => id), actor.unitCode);
    const cases = rows.map((row) => ({ ...row, hops: hopsOf.get(row.id)! }));
    const caseIds = cases.map((row) => row.id);
    const links = await linksInto(tx, caseIds);
    const room = cap - cases.length;
    const inScope = cases.filter((row) => row.in_scope).map((row) => row.id);
    let contacts = includeContacts && inScope.length > 0 ? await contactNodes(tx, inScope, caseIds, room + 1) : [];
    if (contacts.length > room) {
      truncated = true;
      contacts = contacts.slice(0, room);
    }

    const graph = assembleChain({ caseId, depth, includeContacts, truncated, cases, links, contacts, showNames: can(actor, 'people:read') });
    await audit(tx, actor, {
      action: 'read_chain', entity: 'case', entityId: caseId, reason,
      detail: { format, depth, includeContacts, nodes: graph.nodes.length, cases: cases.length, contacts: contacts.length, edges: graph.edges.length, clusters: graph.clusters.length, truncated },
    });
    return graph;
  });
}

export async function getChain(db: Database, actor: Actor, caseId: string, query: ChainQuery): Promise<Chain> {
  return presentChain(await readChain(db, actor, caseId, query, 'json'));
}

export async function getChainGeojson(db: Database, actor: Actor, caseId: string, query: ChainQuery): Promise<ChainGeojson> {
  return chainGeojson(await readChain(db, actor, caseId, query, 'geojson'));
}
