// Public exposure notices: the venues and time windows a case visited, published without any personal
// data, so that a citizen's device can compare them with its own check-ins (the comparison happens
// on the device; the server never learns who looked). Contract: docs/API-TRACING.md.
import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { notFound } from '../../platform/errors.js';
import type { EventPublisher } from '../../platform/events.js';
import { checkedReason } from './contacts.js';
import { DEFAULT_MARGIN_MINUTES } from './exposures.js';
import * as repo from './notices.repository.js';
import type { Notice, PublicNotices, PublishNoticesBody, PublishResult } from './notices.schema.js';
import { CASES_READ, CASES_WRITE } from './permissions.js';
import { findCaseInScope } from './repository.js';

/** Notices are public while their window ended within this many days (the incubation period). */
export const NOTICE_DAYS = 14;
/** The live event announcing a change; it carries notice ids only. */
export const NOTICES_EVENT = 'exposure_notices';

export async function publishNotices(db: Database, events: EventPublisher, actor: Actor, caseId: string, body: PublishNoticesBody): Promise<PublishResult> {
  requirePermission(actor, CASES_WRITE);
  const reason = checkedReason(body.reason);
  const marginMinutes = body.marginMinutes ?? DEFAULT_MARGIN_MINUTES;
  const result = await db.transaction(async (tx) => {
    const found = await findCaseInScope(tx, caseId, actor.unitCode, true);
    if (!found) throw notFound('case');
    const written = await repo.publishVisits(tx, {
      caseId, personId: found.person_id, from: found.infectious_from, to: found.infectious_to, marginMinutes, days: NOTICE_DAYS, by: actor.userId,
    });
    const published = written.filter((row) => row.created).length;
    await audit(tx, actor, { action: 'publish_notices', entity: 'case', entityId: caseId, reason, detail: { marginMinutes, published, updated: written.length - published, notices: written.map((row) => row.id) } });
    return { published, updated: written.length - published, items: await repo.noticesOfCase(tx, caseId), written: written.map((row) => row.id) };
  });
  // after the commit: nobody hears of a publication that was rolled back
  if (result.written.length > 0) events.publish(NOTICES_EVENT, { published: result.written, withdrawn: [] });
  return { published: result.published, updated: result.updated, items: result.items };
}

export async function noticesOfCase(db: Database, actor: Actor, caseId: string): Promise<Notice[]> {
  requirePermission(actor, CASES_READ);
  if (!(await findCaseInScope(db, caseId, actor.unitCode))) throw notFound('case');
  return repo.noticesOfCase(db, caseId);
}

/** Withdrawn (published by mistake, a wrong time): it leaves the open list at once. Withdrawing again changes nothing. */
export async function withdrawNotice(db: Database, events: EventPublisher, actor: Actor, id: string, reasonText: string): Promise<Notice> {
  requirePermission(actor, CASES_WRITE);
  const reason = checkedReason(reasonText);
  const { notice, changed } = await db.transaction(async (tx) => {
    const row = await repo.findNoticeInScope(tx, id, actor.unitCode);
    if (!row) throw notFound('exposure notice');
    if (row.status === 'withdrawn') return { notice: repo.presentNotice(row), changed: false };
    await repo.withdraw(tx, id, actor.userId, reason);
    await audit(tx, actor, { action: 'withdraw', entity: 'exposure_notice', entityId: id, reason, before: { status: 'active' }, after: { status: 'withdrawn' } });
    return { notice: repo.presentNotice((await repo.findNoticeInScope(tx, id, null))!), changed: true };
  });
  if (changed) events.publish(NOTICES_EVENT, { published: [], withdrawn: [id] });
  return notice;
}

/** The open document and its ETag (a hash of the body: the same notices, the same tag). */
export async function openNotices(db: Database): Promise<{ body: string; etag: string }> {
  const document: PublicNotices = { days: NOTICE_DAYS, items: await repo.activeNotices(db, NOTICE_DAYS) };
  const body = JSON.stringify(document);
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}
