// Entering laboratory results: one, a batch from a machine, or the lab's CSV, all through
// enterResults. Every item is checked before anything is written (all or nothing); then each new
// result is stored with who entered it and how, and in the same transaction it reaches people:
// person results, the retest tubes it plans, case proposals, outbox messages and the audit row.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, can, requirePermission } from '../../platform/actor.js';
import type { AuditEntry } from '../../platform/audit.js';
import { conflict, type FieldErrors, forbidden, notFound, validationFailed } from '../../platform/errors.js';
import type { EventPublisher } from '../../platform/events.js';
import { nextBarcodes } from './barcodes.js';
import { TESTING_LAB, TESTING_READ } from './permissions.js';
import { engineRetestPolicy, propagate, type RetestPolicy } from './propagate.js';
import * as repo from './results.repository.js';
import { alertHealthStaff, notifyResults, type ResultNotice, toldResult } from './results.notify.js';
import type { ResultBatchResult, ResultItem, ResultOutcome, ResultSource, TubeResultHistory } from './results.schema.js';

/** Announced on the event bus (after the commit) when a positive result proposes a case: ids only. */
export const CASE_PROPOSED_EVENT = 'testing.case_proposed';

export interface ResultEntry {
  item: ResultItem;
  /** the name of one of the item's fields in an error: `barcode`, `items[3].outcome`, `lines[4].result` */
  field: (name: 'barcode' | 'outcome' | 'correction') => string;
}

interface Plan { entry: ResultEntry; tube: repo.LabTubeRow; current: repo.CurrentResult | undefined; repeat: boolean }

/** Problems of the request as a whole: unknown tubes (400), tubes that cannot take this result (409). */
function planEntries(entries: readonly ResultEntry[], tubes: Map<string, repo.LabTubeRow>, current: Map<string, repo.CurrentResult>): Plan[] {
  const invalid: FieldErrors = {};
  const conflicts: FieldErrors = {};
  const plans: Plan[] = [];
  const seen = new Map<string, string>();
  for (const entry of entries) {
    const { barcode, outcome } = entry.item;
    const first = seen.get(barcode);
    if (first !== undefined) {
      invalid[entry.field('barcode')] = `repeats the barcode of ${first}`;
      continue;
    }
    seen.set(barcode, entry.field('barcode'));
    const tube = tubes.get(barcode);
    if (!tube) {
      invalid[entry.field('barcode')] = 'no such tube';
      continue;
    }
    if (tube.status === 'planned' && tube.origin === 'resample') {
      conflicts[entry.field('barcode')] = 'is a planned resample tube: its people have not been sampled again yet';
      continue;
    }
    if (tube.sampled === 0) {
      conflicts[entry.field('barcode')] = 'holds no samples';
      continue;
    }
    const now = current.get(tube.id);
    if (now && now.outcome !== outcome && !entry.item.correction) {
      conflicts[entry.field('outcome')] = `differs from the tube's current result (${now.outcome}); send correction.reason to replace it`;
      continue;
    }
    plans.push({ entry, tube, current: now, repeat: now?.outcome === outcome });
  }
  if (Object.keys(invalid).length > 0) throw validationFailed(invalid);
  if (Object.keys(conflicts).length > 0) {
    throw conflict(`nothing was entered: ${Object.entries(conflicts).map(([field, reason]) => `${field}: ${reason}`).join('; ')}`, conflicts);
  }
  return plans;
}

interface Proposed {
  id: string;
  communeCode: string;
}

/** A correction: the result it replaces stops being current, with what it planned and proposed. */
async function supersedeCurrent(tx: Queryable, actor: Actor, plan: Plan, reason: string) {
  const current = plan.current!;
  await repo.supersede(tx, current.id);
  const withdrawn = await repo.withdrawPlannedChildren(tx, plan.tube.id);
  const dismissed = await repo.dismissProposalsOf(tx, current.id, actor.userId, `the result was corrected: ${reason}`);
  return { supersedes: current.id, withdrawnRetests: withdrawn, dismissedProposals: dismissed };
}

/**
 * The new results and everything they mean, in the caller's transaction, a few statements for the
 * whole batch: results, tubes resulted, person results, planned retests, case proposals (each
 * alerting its health centre), each person's message, and one audit row per tube.
 */
async function writeResults(tx: Queryable, actor: Actor, source: ResultSource, plans: readonly Plan[]): Promise<{ items: ResultOutcome[]; proposals: Proposed[] }> {
  if (plans.length === 0) return { items: [], proposals: [] };
  const tubeIds = plans.map((p) => p.tube.id);
  const depths = await repo.depthsOf(tx, tubeIds);
  const members = await repo.membersOf(tx, tubeIds);
  const corrections = new Map<string, Awaited<ReturnType<typeof supersedeCurrent>>>();
  const reasons = new Map(plans.map((p) => [p.tube.id, p.current ? p.entry.item.correction?.reason ?? null : null]));
  for (const plan of plans) if (plan.current) corrections.set(plan.tube.id, await supersedeCurrent(tx, actor, plan, reasons.get(plan.tube.id)!));
  // planned after the corrections, so a corrected result does not count towards the prevalence
  const policies = new Map<string, RetestPolicy>();
  for (const commune of new Set(plans.map((p) => p.tube.commune_code))) policies.set(commune, engineRetestPolicy(await repo.plannedPrevalence(tx, commune)));

  const results = await repo.insertResults(tx, source, actor.userId, plans.map((p) => ({
    tubeId: p.tube.id, outcome: p.entry.item.outcome, ctValues: p.entry.item.ctValues ?? null, supersedes: p.current?.id ?? null, correctionReason: reasons.get(p.tube.id)!,
  })));
  await repo.markResulted(tx, tubeIds, actor.userId);

  const decisions = plans.map((p) => propagate(
    { kind: p.tube.kind, keepsAliquots: p.tube.pooling === 'lab_aliquot', depth: depths.get(p.tube.id) ?? 1, members: members.get(p.tube.id) ?? [] },
    p.entry.item.outcome, policies.get(p.tube.commune_code)!,
  ));
  const people = await repo.insertPersonResults(tx, plans.flatMap((p, i) => decisions[i]!.people.map((person) => ({
    ...person, tubeId: p.tube.id, resultId: results.get(p.tube.id)!.id, testType: p.tube.test_type, communeCode: p.tube.commune_code,
  }))));
  const retests = plans.flatMap((p, i) => decisions[i]!.retests.map((retest) => ({ parent: p.tube, retest })));
  const barcodes = await nextBarcodes(tx, retests.length);
  await repo.insertPlannedTubes(tx, retests.map((r, i) => ({ ...r, barcode: barcodes[i]! })), actor.userId);

  // what each person result is about: its tube, their sampling time, whether they are sampled again
  const planOfResult = new Map(plans.map((p, i) => [results.get(p.tube.id)!.id, i]));
  const sampledAt = (i: number, personId: string) => decisions[i]!.people.find((p) => p.personId === personId)!.sampledAt;
  const positive = people.filter((p) => p.outcome === 'positive' && decisions[planOfResult.get(p.tube_result_id)!]!.positives.includes(p.person_id));
  const proposals = await repo.insertProposals(tx, positive.map((p) => p.id));
  const resultOfPerson = new Map(people.map((p) => [p.id, p.tube_result_id]));
  const planOfProposal = (row: repo.ProposalRow) => planOfResult.get(resultOfPerson.get(row.person_result_id)!)!;
  for (const proposal of proposals) {
    const i = planOfProposal(proposal);
    await alertHealthStaff(tx, { id: proposal.id, communeCode: proposal.commune_code, testType: plans[i]!.tube.test_type, sampledAt: sampledAt(i, proposal.person_id) }, actor.userId);
  }
  const notices: ResultNotice[] = [];
  for (const person of people) {
    const i = planOfResult.get(person.tube_result_id)!;
    const again = decisions[i]!.retests.some((r) => r.origin === 'resample' && r.members.some((m) => m.personId === person.person_id));
    const told = toldResult(person.outcome, again);
    if (told) notices.push({ personResultId: person.id, personId: person.person_id, testType: plans[i]!.tube.test_type, sampledAt: sampledAt(i, person.person_id), result: told });
  }
  await notifyResults(tx, notices, actor.userId);

  let next = 0;
  const items: ResultOutcome[] = [];
  const audits: AuditEntry[] = [];
  for (const [i, plan] of plans.entries()) {
    const { tube, entry, current } = plan;
    const resultId = results.get(tube.id)!.id;
    const mine = barcodes.slice(next, (next += decisions[i]!.retests.length));
    const proposed = proposals.filter((row) => planOfProposal(row) === i);
    audits.push({
      action: current ? 'correct_result' : 'enter_result', entity: 'tube', entityId: tube.id, reason: reasons.get(tube.id),
      before: current ? { outcome: current.outcome } : null,
      after: { outcome: entry.item.outcome, ctValues: entry.item.ctValues ?? null },
      detail: { barcode: tube.barcode, source, resultId, people: decisions[i]!.people.length, retests: mine, caseProposals: proposed.map((p) => p.id), ...corrections.get(tube.id) },
    });
    items.push({
      barcode: tube.barcode, resultId, outcome: entry.item.outcome, repeat: false, corrected: current !== undefined,
      people: decisions[i]!.people.length, retests: mine, caseProposals: proposed.length,
    });
  }
  await repo.auditEach(tx, actor, audits);
  return { items, proposals: proposals.map((p) => ({ id: p.id, communeCode: p.commune_code })) };
}

/** Enters every result or none (400 naming the field of an unknown tube, 409 naming a conflicting outcome). */
export async function enterResults(db: Database, actor: Actor, events: EventPublisher, entries: readonly ResultEntry[], source: ResultSource): Promise<ResultBatchResult> {
  requirePermission(actor, TESTING_LAB);
  const { items, proposals } = await db.transaction(async (tx) => {
    const tubes = await repo.lockTubes(tx, entries.map((e) => e.item.barcode), actor.unitCode);
    const current = await repo.currentResults(tx, [...tubes.values()].map((t) => t.id));
    const plans = planEntries(entries, tubes, current);
    const written = await writeResults(tx, actor, source, plans.filter((p) => !p.repeat));
    const byBarcode = new Map(written.items.map((item) => [item.barcode, item]));
    const items = plans.map((plan): ResultOutcome => byBarcode.get(plan.tube.barcode) ?? {
      barcode: plan.tube.barcode, resultId: plan.current!.id, outcome: plan.current!.outcome, repeat: true, corrected: false, people: 0, retests: [], caseProposals: 0,
    });
    return { items, proposals: written.proposals };
  });
  for (const proposal of proposals) events.publish(CASE_PROPOSED_EVENT, { proposalId: proposal.id, communeCode: proposal.communeCode });
  const repeats = items.filter((i) => i.repeat).length;
  return { created: items.length - repeats, repeats, items };
}

/** A tube's results, newest first, with the corrections that replaced them. */
export async function tubeResultHistory(db: Database, actor: Actor, barcode: string): Promise<TubeResultHistory> {
  if (!can(actor, TESTING_LAB) && !can(actor, TESTING_READ)) throw forbidden(`role ${actor.role} may not read test results`);
  const tube = await repo.findTube(db, barcode, actor.unitCode);
  if (!tube) throw notFound('tube');
  return { barcode: tube.barcode, status: tube.status, items: await repo.resultHistory(db, tube.id) };
}
