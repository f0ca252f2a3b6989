// Health declarations: citizens declare without an account (at a checkpoint's poster or ahead of time),
// the rules in force flag them, checkpoint staff scan the declaration's QR and see their day's list.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, CITIZEN_ACTOR, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, type FieldErrors, notFound, validationFailed } from '../../platform/errors.js';
import { type Page, pageParams } from '../../platform/pagination.js';
import { findOrRegisterCitizen, livePersonId, personOfCode, selfPersonValues } from '../checkins/citizens.js';
import { type CodeSigner, codeSigner } from '../checkins/codes.js';
import * as venues from '../checkins/venues.js';
import { addDays, todayInVietnam, vietnamDaysRange } from '../open/time.js';
import { DECLARATIONS_READ } from './permissions.js';
import * as repo from './repository.js';
import { currentRules } from './rules.js';
import type { CreateDeclarationBody, Declaration, DeclarationReceipt, ListDeclarationsQuery, SummaryQuery, SummaryRow } from './schema.js';
import { triage } from './triage.js';

/** Declaring ahead is for an imminent journey; the cap also keeps it well inside the retention period. */
export const MAX_DAYS_AHEAD = 14;
/** The instants of one local day, or no bounds without a day. */
export function localDayRange(date: string | undefined): { from: Date | null; to: Date | null } {
  if (!date) return { from: null, to: null };
  const { start, end } = vietnamDaysRange(date);
  return { from: start, to: end };
}

function answerProblems(input: CreateDeclarationBody): FieldErrors {
  const fields: FieldErrors = {};
  if (input.personCode && input.person) fields.personCode = 'give personCode or person, not both';
  else if (!input.personCode && !input.person) fields.personCode = 'is required (or give person: name, phone and birth year)';
  if (input.kind === 'entry' && !input.entry) fields.entry = 'is required for an entry declaration (direction, origin, destination, vehicle)';
  if (input.kind === 'general' && input.entry) fields.entry = 'is only for kind entry';
  if (input.entry && !input.entry.origin.trim()) fields['entry.origin'] = 'is empty';
  if (input.entry && !input.entry.destination.trim()) fields['entry.destination'] = 'is empty';
  if (input.symptoms.includes('none') && input.symptoms.length > 1) fields.symptoms = '"none" cannot be given with a symptom';
  if (input.travelDate) {
    // One day of slack for a phone whose calendar is a zone behind Vietnam's.
    const today = todayInVietnam();
    if (input.travelDate < addDays(today, -1)) fields.travelDate = 'is in the past';
    else if (input.travelDate > addDays(today, MAX_DAYS_AHEAD)) fields.travelDate = `is more than ${MAX_DAYS_AHEAD} days ahead`;
  }
  return fields;
}

/** The venue behind a scanned poster code: genuine, current, open, and a checkpoint for entry declarations. */
async function venueOfCode(db: Queryable, signer: CodeSigner, code: string, kind: CreateDeclarationBody['kind']): Promise<string> {
  const venue = await venues.venueOfCode(db, signer, code, 'venueCode');
  if (venue.status !== 'active') throw validationFailed({ venueCode: 'belongs to a venue that is closed' });
  if (kind === 'entry' && venue.kind !== 'entry_checkpoint') throw validationFailed({ venueCode: 'is not an entry checkpoint\'s code: make a general declaration here' });
  return venue.id;
}

function receipt(row: repo.DeclarationRow, signer: CodeSigner, personId: string, repeat: boolean): DeclarationReceipt {
  return {
    id: row.id, kind: row.kind, flag: row.flag, reasons: row.flag_reasons, declaredAt: row.declared_at.toISOString(), travelDate: row.travel_date,
    declarationCode: signer.sign('declaration', row.id), personCode: signer.sign('person', personId), repeat,
  };
}

/**
 * A citizen's declaration, in one transaction with the person it registers and its audit row.
 * Sending the same id again returns the stored declaration (repeat), but only to the same person:
 * the id can be read from the declaration's QR, and must not reveal someone's personal code.
 */
export async function createDeclaration(db: Database, input: CreateDeclarationBody, requestId?: string): Promise<DeclarationReceipt> {
  const problems = answerProblems(input);
  if (Object.keys(problems).length > 0) throw validationFailed(problems);
  const signer = await codeSigner(db);
  const venueId = input.venueCode ? await venueOfCode(db, signer, input.venueCode, input.kind) : null;
  const personValues = input.person ? await selfPersonValues(db, input.person) : null;
  const answers = {
    kind: input.kind, symptoms: input.symptoms, contactWithCase: input.contactWithCase,
    beenToOutbreakArea: input.beenToOutbreakArea ?? false, vaccination: input.vaccination, direction: input.entry?.direction ?? null,
  };
  const { flag, reasons } = triage(answers, await currentRules(db));
  const actor = { ...CITIZEN_ACTOR, requestId };
  return db.transaction(async (tx) => {
    const personId = personValues ? await findOrRegisterCitizen(tx, personValues) : await personOfCode(tx, signer, input.personCode!, 'personCode');
    const inserted = await repo.insertDeclaration(tx, {
      id: input.id, personId, kind: input.kind, venueId, symptoms: input.symptoms, visitedPlaces: input.visitedPlaces?.trim() || null,
      contactWithCase: input.contactWithCase, beenToOutbreakArea: answers.beenToOutbreakArea, vaccination: input.vaccination,
      entry: input.entry
        ? { ...input.entry, origin: input.entry.origin.trim(), destination: input.entry.destination.trim(), plate: input.entry.plate?.trim().toUpperCase().replace(/\s+/g, ' ') || null }
        : null,
      travelDate: input.travelDate ?? null, flag, reasons,
    });
    const row = (await repo.findDeclaration(tx, input.id))!;
    if (!inserted) {
      // A retry: the same person (after any merge) gets the stored declaration; anyone else a conflict,
      // which also rolls back a person record registered just now.
      if ((await livePersonId(tx, row.person_id)) !== personId) throw conflict('this declaration id is already used', { id: 'is already used by another declaration: generate a new one' });
      return receipt(row, signer, personId, true);
    }
    // Who declared what stays out of the audit log: the declaration itself is purged after the retention period.
    await audit(tx, actor, { action: 'create', entity: 'declaration', entityId: input.id, detail: { kind: input.kind, venueId, aheadOfTime: input.travelDate != null } });
    return receipt(row, signer, personId, false);
  });
}

/**
 * Checkpoint staff scan a declaration's QR. Holding the code is the citizen showing it, so any
 * declaration is read whatever its venue; the checkpoint it is marked presented at must be in scope.
 */
export async function scanDeclaration(db: Database, actor: Actor, code: string, venueId: string | undefined): Promise<Declaration> {
  requirePermission(actor, DECLARATIONS_READ);
  const decoded = (await codeSigner(db)).verify(code, 'declaration');
  if (!decoded) throw validationFailed({ code: 'is not a valid declaration code (forged, altered or mistyped)' });
  return db.transaction(async (tx) => {
    if (venueId && !(await repo.findVenue(tx, venueId, actor.unitCode))) throw validationFailed({ venueId: 'is not a venue in your scope' });
    const found = await repo.findDeclaration(tx, decoded.id);
    // Purged after the retention period, or never sent from the phone.
    if (!found) throw notFound('declaration');
    if (venueId) await repo.markPresented(tx, decoded.id, venueId);
    const row = venueId ? (await repo.findDeclaration(tx, decoded.id))! : found;
    await audit(tx, actor, { action: 'read', entity: 'declaration', entityId: row.id, reason: 'checkpoint scan', detail: { personId: row.person_id, presentedAt: venueId ?? null } });
    return repo.presentDeclaration(row);
  });
}

/** A checkpoint's (or every checkpoint in scope's) declarations of a day: personal data, audited with the reason. */
export async function listDeclarations(db: Database, actor: Actor, query: ListDeclarationsQuery): Promise<Page<Declaration>> {
  requirePermission(actor, DECLARATIONS_READ);
  const { limit, offset } = pageParams(query);
  const { rows, total } = await repo.listDeclarations(db, {
    venueId: query.venueId ?? null, ...localDayRange(query.date), flag: query.flag ?? null, kind: query.kind ?? null, scopeUnit: actor.unitCode,
  }, limit, offset);
  await audit(db, actor, {
    action: 'search', entity: 'declaration', reason: query.reason,
    detail: { venueId: query.venueId ?? null, date: query.date ?? null, flag: query.flag ?? null, results: rows.length, total },
  });
  return { items: rows.map(repo.presentDeclaration), total, limit, offset };
}

/** Counts only, no personal data: not audited. */
export async function declarationSummary(db: Database, actor: Actor, query: SummaryQuery): Promise<{ items: SummaryRow[] }> {
  requirePermission(actor, DECLARATIONS_READ);
  const items = await repo.summary(db, { ...localDayRange(query.date), unitCode: query.unitCode ?? null, scopeUnit: actor.unitCode });
  return { items };
}

/** Retention: deletes declarations made before the cutoff and returns how many (the caller audits the count). */
export async function purgeDeclarations(tx: Queryable, cutoff: Date): Promise<number> {
  return repo.deleteDeclaredBefore(tx, cutoff);
}
