// Where the case screens live. A contact's record opens on the page of its case (the shell routes
// /staff/cases/:id only): /staff/cases/{caseId}?contact={contactId}.
import type { ChainNode } from './chainApi';

export const casePath = (caseId: string) => `/staff/cases/${caseId}`;

export const contactPath = (caseId: string, contactId: string) => `${casePath(caseId)}?contact=${contactId}`;

/**
 * Where a chain node's record opens: a case's own page (none for a case of another unit: its record is
 * not yours), a contact's record on the page the chain is shown from (it moves to its own case's page).
 */
export function recordPath(node: Pick<ChainNode, 'id' | 'kind' | 'inScope'>, hostCaseId: string): string | null {
  if (node.kind === 'case') return node.inScope ? casePath(node.id) : null;
  return contactPath(hostCaseId, node.id);
}
