// Adverse events following immunisation (AEFI): a report on a dose, follow-ups over time, lists for
// health staff. Reads are audited. A serious report (or one that becomes serious: hospitalised, died)
// is announced on the live event bus after its transaction commits, so health staff learn at once.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, invalidField, notFound, unprocessable, validationFailed } from '../../platform/errors.js';
import type { EventPublisher } from '../../platform/events.js';
import { type Page, pageParams } from '../../platform/pagination.js';
import {
  AEFI_SERIOUS_EVENT, type AefiDetail, type AefiDetails, type AefiListQuery, type AefiOutcome, type AefiReport, type FollowUpBody,
  SERIOUS_SYMPTOMS,
} from './aefi.schema.js';
import * as repo from './aefi.repository.js';
import { VACCINATION_RECORD } from './permissions.js';
import { requireVaccinationReader } from './stock.js';

const CLOCK_SKEW_MS = 5 * 60_000;

/** What a report says about itself that cannot hold, by field. */
function detailProblems(details: AefiDetails, field: (name: string) => string): Record<string, string> {
  const problems: Record<string, string> = {};
  if (details.action === 'referred' && !details.hospital?.trim()) problems[field('hospital')] = 'is required when the person was referred';
  if (details.action !== 'referred' && details.hospital !== undefined) problems[field('hospital')] = 'goes only with action referred';
  if (details.symptoms.includes('other') && !details.description?.trim()) problems[field('description')] = 'is required with the symptom other: describe it';
  if (new Date(details.onsetAt).getTime() > Date.now() + CLOCK_SKEW_MS) problems[field('onsetAt')] = 'is in the future';
  return problems;
}

export interface ReportOutcome {
  report: AefiOutcome;
  /** announce after commit */
  serious: boolean;
}

/**
 * Reports an AEFI on a dose inside the caller's transaction (also used when an observation ends with
 * a reaction). `field` names the fields in refusals (`aefi.onsetAt` there).
 */
export async function reportAefiIn(tx: Queryable, actor: Actor, doseId: string, details: AefiDetails, field: (name: string) => string = (n) => n): Promise<ReportOutcome> {
  const problems = detailProblems(details, field);
  if (Object.keys(problems).length > 0) throw validationFailed(problems);
  const serious = details.symptoms.filter((s) => SERIOUS_SYMPTOMS.includes(s));
  if (details.severity === 'mild' && serious.length > 0) {
    throw unprocessable(`${field('severity')}: ${serious.join(', ')} make the event serious`, { [field('severity')]: `must be serious with ${serious.join(', ')}` });
  }
  // one report of a dose at a time: a retry racing its first send finds the first's row
  await tx.query('SELECT id FROM dose_records WHERE id = $1 FOR UPDATE', [doseId]);
  const existingDose = await repo.reportDoseOf(tx, details.id);
  if (existingDose !== null) {
    if (existingDose !== doseId) throw conflict('this report id was already used for another dose', { [field('id')]: 'was already used for another report' });
    const report = await repo.findReport(tx, details.id, actor.unitCode);
    if (!report) throw conflict('this report id was already used', { [field('id')]: 'was already used for another report' });
    return { report: { ...report, followUps: await repo.followUpsOf(tx, report.id), repeat: true }, serious: false };
  }
  const dose = await repo.findDoseForReport(tx, doseId, actor.unitCode);
  if (!dose) throw invalidField('doseId', 'no such dose in your area');
  const onsetAt = new Date(details.onsetAt);
  if (onsetAt.getTime() < dose.administered_at.getTime()) throw invalidField(field('onsetAt'), `is before the dose was given (${dose.administered_at.toISOString()})`);
  try {
    await repo.insertReport(tx, {
      id: details.id, dose, onsetAt, severity: details.severity, symptoms: details.symptoms, description: details.description?.trim() ?? null,
      action: details.action, actionNote: details.actionNote?.trim() ?? null, hospital: details.hospital?.trim() ?? null, reportedBy: actor.userId,
    });
  } catch (error) {
    // the same report id sent at once for another dose (which holds another lock)
    if ((error as { code?: string }).code === '23505') throw conflict('this report id was already used for another dose', { [field('id')]: 'was already used for another report' });
    throw error;
  }
  await audit(tx, actor, {
    action: 'report', entity: 'vaccination_aefi', entityId: details.id,
    detail: { doseId, personId: dose.person_id, siteId: dose.site_id, severity: details.severity, symptoms: details.symptoms, action: details.action },
  });
  const report = (await repo.findReport(tx, details.id, null))!;
  return { report: { ...report, followUps: [], repeat: false }, serious: details.severity === 'serious' };
}

export function announceSerious(events: EventPublisher, report: AefiReport, escalated: boolean): void {
  // the stream is public: ids and units only; staff open the report (an audited read) to see who
  events.publish(AEFI_SERIOUS_EVENT, { reportId: report.id, siteId: report.siteId, unitCode: report.unitCode, onsetAt: report.onsetAt, escalated });
}

export async function reportAefi(db: Database, actor: Actor, events: EventPublisher, doseId: string, details: AefiDetails): Promise<AefiOutcome> {
  requirePermission(actor, VACCINATION_RECORD);
  const outcome = await db.transaction((tx) => reportAefiIn(tx, actor, doseId, details));
  if (outcome.serious) announceSerious(events, outcome.report, false);
  return outcome.report;
}

export async function addFollowUp(db: Database, actor: Actor, events: EventPublisher, reportId: string, body: FollowUpBody): Promise<AefiOutcome> {
  requirePermission(actor, VACCINATION_RECORD);
  const observedAt = body.observedAt ? new Date(body.observedAt) : new Date();
  if (observedAt.getTime() > Date.now() + CLOCK_SKEW_MS) throw invalidField('observedAt', 'is in the future');
  const { detail, escalated } = await db.transaction(async (tx) => {
    const report = await repo.findReport(tx, reportId, actor.unitCode, true);
    if (!report) throw notFound('AEFI report');
    const known = await repo.findFollowUp(tx, body.id);
    if (known) {
      if (known.report_id !== reportId || known.status !== body.status || known.note !== (body.note?.trim() ?? null)) {
        throw conflict('this follow-up id was already used for another follow-up', { id: 'was already used for another follow-up' });
      }
      return { detail: { ...report, followUps: await repo.followUpsOf(tx, reportId), repeat: true }, escalated: false };
    }
    if (observedAt.getTime() < new Date(report.onsetAt).getTime()) throw invalidField('observedAt', `is before the onset (${report.onsetAt})`);
    await repo.insertFollowUp(tx, { id: body.id, reportId, status: body.status, note: body.note?.trim() ?? null, observedAt, recordedBy: actor.userId });
    await repo.refreshStatus(tx, reportId);
    const after = (await repo.findReport(tx, reportId, null))!;
    await audit(tx, actor, {
      action: 'follow_up', entity: 'vaccination_aefi', entityId: reportId,
      before: { status: report.status, severity: report.severity }, after: { status: after.status, severity: after.severity }, detail: { followUpId: body.id },
    });
    return { detail: { ...after, followUps: await repo.followUpsOf(tx, reportId), repeat: false }, escalated: report.severity === 'mild' && after.severity === 'serious' };
  });
  if (escalated) announceSerious(events, detail, true);
  return detail;
}

export async function getAefi(db: Database, actor: Actor, reportId: string, reason: string | undefined): Promise<AefiDetail> {
  requireVaccinationReader(actor);
  return db.transaction(async (tx) => {
    const report = await repo.findReport(tx, reportId, actor.unitCode);
    if (!report) throw notFound('AEFI report');
    await audit(tx, actor, { action: 'read', entity: 'vaccination_aefi', entityId: reportId, reason: reason ?? 'view AEFI report', detail: { personId: report.person.id } });
    return { ...report, followUps: await repo.followUpsOf(tx, reportId) };
  });
}

export async function listAefi(db: Database, actor: Actor, query: AefiListQuery): Promise<Page<AefiReport>> {
  requireVaccinationReader(actor);
  if (query.from && query.to && query.from > query.to) throw invalidField('to', 'is before from');
  const page = pageParams(query);
  return db.transaction(async (tx) => {
    const { rows, total } = await repo.listReports(tx, actor.unitCode, query, page);
    await audit(tx, actor, {
      action: 'read', entity: 'vaccination_aefi_list', reason: query.reason ?? 'list AEFI reports',
      detail: { unitCode: query.unitCode ?? null, severity: query.severity ?? null, status: query.status ?? null, count: rows.length, total },
    });
    return { items: rows, total, ...page };
  });
}
