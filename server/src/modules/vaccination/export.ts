// The national export: a batch takes a unit's pending doses in one transaction; its files (FHIR R4
// NDJSON, CSV) hold personal data, so every download is audited; the registry's answers move each
// dose to acknowledged or rejected, and a retry of the same answers changes nothing.
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { type FieldErrors, invalidField, notFound, unprocessable, validationFailed } from '../../platform/errors.js';
import { unitInScope } from '../../platform/scope.js';
import { parseCsv } from '../open/csv.js';
import { toCsv } from '../open/csv.js';
import { findUnits, unitWithChildren } from './coverage.repository.js';
import * as repo from './export.repository.js';
import type { AnswerItem, AnswersResult, Batch, ExportStatus, StatusCounts } from './export.schema.js';
import { toNdjson } from './fhir.js';
import { VACCINATION_EXPORT } from './permissions.js';

const presentBatch = (row: repo.BatchRow): Batch => ({
  id: row.id, unitCode: row.unit_code, doseCount: row.dose_count, createdAt: row.created_at.toISOString(), createdBy: row.created_by,
  answers: { acknowledged: row.acknowledged, rejected: row.rejected, unanswered: row.unanswered },
});

async function unitOf(db: Queryable, actor: Actor, unitCode: string | undefined): Promise<string> {
  if (unitCode) {
    if (!(await unitInScope(db, actor, unitCode))) throw invalidField('unitCode', 'is not a unit in your area');
    return unitCode;
  }
  if (actor.unitCode) return actor.unitCode;
  const provinces = (await findUnits(db, null)).filter((unit) => unit.level === 'province');
  if (provinces.length !== 1) throw invalidField('unitCode', 'is required');
  return provinces[0]!.code;
}

/** A batch of every dose of the unit waiting for export (at most MAX_BATCH_DOSES, oldest first). */
export async function createExport(db: Database, actor: Actor, unitCode: string | undefined): Promise<Batch> {
  requirePermission(actor, VACCINATION_EXPORT);
  const unit = await unitOf(db, actor, unitCode);
  return db.transaction(async (tx) => {
    const id = randomUUID();
    await repo.insertBatch(tx, id, unit, actor.userId);
    const doses = await repo.takeDoses(tx, id, unit);
    if (doses.length === 0) throw unprocessable(`no doses of ${unit} are waiting for export`, { unitCode: 'has no pending or corrected doses to export' });
    await audit(tx, actor, { action: 'create', entity: 'vaccination_export', entityId: id, detail: { unitCode: unit, doses: doses.length } });
    return presentBatch((await repo.findBatch(tx, id, null))!);
  });
}

export async function listExports(db: Database, actor: Actor, query: { unitCode?: string | undefined; limit?: number | undefined }): Promise<{ items: Batch[] }> {
  requirePermission(actor, VACCINATION_EXPORT);
  return { items: (await repo.listBatches(db, query.unitCode ?? null, actor.unitCode, query.limit ?? 50)).map(presentBatch) };
}

export async function getExport(db: Database, actor: Actor, id: string): Promise<Batch> {
  requirePermission(actor, VACCINATION_EXPORT);
  const row = await repo.findBatch(db, id, actor.unitCode);
  if (!row) throw notFound('export');
  return presentBatch(row);
}

const CSV_HEADER = [
  'dose_id', 'person_id', 'national_id', 'full_name', 'birth_date', 'sex', 'commune_code', 'commune_name', 'address', 'product_code',
  'product_name', 'lot_number', 'expiration_date', 'administered_at', 'dose_number', 'series_doses', 'site_name', 'vaccinator', 'export_status', 'reason',
];

/** A batch's file: FHIR R4 NDJSON or CSV; an audited read of personal data. */
export async function downloadExport(db: Database, actor: Actor, id: string, format: 'ndjson' | 'csv', reason: string | undefined): Promise<string> {
  requirePermission(actor, VACCINATION_EXPORT);
  return db.transaction(async (tx) => {
    const batch = await repo.findBatch(tx, id, actor.unitCode);
    if (!batch) throw notFound('export');
    const doses = await repo.batchDoses(tx, id);
    await audit(tx, actor, { action: 'download', entity: 'vaccination_export', entityId: id, reason: reason ?? 'export to the national registry', detail: { format, doses: doses.length, people: new Set(doses.map((d) => d.person_id)).size } });
    if (format === 'ndjson') return toNdjson(doses);
    return toCsv(CSV_HEADER, doses.map((d) => [
      d.dose_id, d.person_id, d.national_id, d.full_name, d.birth_date ?? String(d.birth_year), d.sex, d.commune_code, d.commune_name, d.address,
      d.product_code, d.product_name, d.lot_number, d.expires_on, d.administered_at.toISOString(), d.position, d.series_doses, d.site_name, d.vaccinator,
      d.status, d.reason,
    ]));
  });
}

/** The registry's answers for doses of a batch: all of them or none; the same answers again change nothing. */
export async function recordAnswers(db: Database, actor: Actor, id: string, items: AnswerItem[], field: (index: number, name: string) => string = (i, n) => `items[${i}].${n}`): Promise<AnswersResult> {
  requirePermission(actor, VACCINATION_EXPORT);
  const fields: FieldErrors = {};
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    if (item.outcome === 'rejected' && !item.reason?.trim()) fields[field(index, 'reason')] = 'is required when the registry rejected the dose';
    if (item.outcome === 'acknowledged' && item.reason !== undefined) fields[field(index, 'reason')] = 'is only for rejected doses';
    if (seen.has(item.doseId)) fields[field(index, 'doseId')] = `repeats the dose of ${field(seen.get(item.doseId)!, 'doseId')}`;
    seen.set(item.doseId, index);
  });
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return db.transaction(async (tx) => {
    if (!(await repo.findBatch(tx, id, actor.unitCode))) throw notFound('export');
    const stored = new Map((await repo.lockItems(tx, id, items.map((item) => item.doseId))).map((row) => [row.dose_id, row]));
    items.forEach((item, index) => {
      if (!stored.has(item.doseId)) fields[field(index, 'doseId')] = 'is not a dose of this export';
    });
    if (Object.keys(fields).length > 0) throw validationFailed(fields);
    const result = { batchId: id, updated: 0, unchanged: 0, superseded: 0 };
    for (const item of items) {
      const before = stored.get(item.doseId)!;
      const answer = { doseId: item.doseId, outcome: item.outcome, reason: item.reason?.trim() ?? null, registryId: item.registryId ?? null };
      const current = before.current_batch === id;
      if (before.outcome === answer.outcome && before.reason === answer.reason && (answer.registryId === null || before.registry_id === answer.registryId)) {
        result.unchanged++;
        continue;
      }
      await repo.recordAnswer(tx, id, answer, current);
      if (current) result.updated++;
      else result.superseded++;
    }
    await audit(tx, actor, { action: 'answer', entity: 'vaccination_export', entityId: id, detail: { ...result, acknowledged: items.filter((i) => i.outcome === 'acknowledged').length, rejected: items.filter((i) => i.outcome === 'rejected').length } });
    return result;
  });
}

/** The registry's answers as CSV: dose_id, outcome (acknowledged|rejected), reason, registry_id. */
export async function recordAnswersCsv(db: Database, actor: Actor, id: string, text: string): Promise<AnswersResult> {
  requirePermission(actor, VACCINATION_EXPORT);
  const records = parseCsv(text, 50_000);
  const fields: FieldErrors = {};
  const items: AnswerItem[] = [];
  for (const { line, values } of records) {
    const doseId = values.dose_id ?? '';
    const outcome = values.outcome ?? '';
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(doseId)) fields[`lines[${line}].dose_id`] = 'must be the dose id (a uuid)';
    if (outcome !== 'acknowledged' && outcome !== 'rejected') fields[`lines[${line}].outcome`] = 'must be acknowledged or rejected';
    items.push({ doseId: doseId.toLowerCase(), outcome: outcome as AnswerItem['outcome'], ...(values.reason ? { reason: values.reason } : {}), ...(values.registry_id ? { registryId: values.registry_id } : {}) });
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return recordAnswers(db, actor, id, items, (index, name) => `lines[${records[index]!.line}].${name === 'doseId' ? 'dose_id' : name}`);
}

/** Rejected doses queued for the next batch after an official corrected what the registry refused. */
export async function requeueDoses(db: Database, actor: Actor, doseIds: string[]): Promise<{ requeued: string[]; notRejected: string[] }> {
  requirePermission(actor, VACCINATION_EXPORT);
  return db.transaction(async (tx) => {
    const requeued = await repo.requeue(tx, doseIds, actor.unitCode);
    await audit(tx, actor, { action: 'requeue', entity: 'vaccination_export', detail: { doses: requeued } });
    const done = new Set(requeued);
    return { requeued, notRejected: doseIds.filter((doseId) => !done.has(doseId)) };
  });
}

/** "X of Y doses updated on the national platform" for a unit and the units under it. */
export async function exportStatus(db: Database, actor: Actor, unitCode: string | undefined): Promise<ExportStatus> {
  requirePermission(actor, VACCINATION_EXPORT);
  const code = await unitOf(db, actor, unitCode);
  const units = await unitWithChildren(db, code);
  const counts = new Map((await repo.statusCounts(db, units.map((u) => u.code))).map((row) => [row.unit_code, row]));
  const present = (unit: { code: string; name: string }): StatusCounts => {
    const row = counts.get(unit.code) ?? { total: 0, pending: 0, exported: 0, acknowledged: 0, rejected: 0 };
    return {
      unitCode: unit.code, unitName: unit.name, total: row.total, pending: row.pending, exported: row.exported, acknowledged: row.acknowledged, rejected: row.rejected,
      acknowledgedShare: row.total > 0 ? Math.round((row.acknowledged / row.total) * 10_000) / 10_000 : null,
    };
  };
  const [root, ...children] = units;
  const rejected = (await repo.rejectedDoses(db, code, 200)).map((row) => ({ doseId: row.dose_id, personId: row.person_id, batchId: row.batch_id, reason: row.reason, answeredAt: row.answered_at.toISOString() }));
  return { unit: present(root!), children: children.map(present), rejected };
}
