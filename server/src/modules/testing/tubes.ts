// Tubes at the collection point: seal one for the laboratory, look at who is in it (an audited read
// of people's data), and take a wrong scan out before sealing.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { AppError, conflict, notFound } from '../../platform/errors.js';
import { type Page, pageParams } from '../../platform/pagination.js';
import type { SessionTubesQuery, Tube, TubeDetail } from './collection.schema.js';
import type { PoolCaps } from './config.js';
import { TESTING_COLLECT } from './permissions.js';
import { setCapacities } from './samples.repository.js';
import { findSessionInScope, presentSession } from './sessions.repository.js';
import { requireTestingReader } from './sessions.js';
import { tubeLimit } from './sessions.rules.js';
import * as repo from './tubes.repository.js';

/** Sealing twice is one seal (a retry); a tube already at the laboratory, or still empty, cannot be sealed. */
export async function sealTube(db: Database, actor: Actor, barcode: string): Promise<Tube> {
  requirePermission(actor, TESTING_COLLECT);
  return db.transaction(async (tx) => {
    const tube = await repo.findTubeInScope(tx, barcode, actor.unitCode, true);
    if (!tube) throw notFound('tube');
    if (tube.status === 'sealed') return repo.presentTube(tube);
    if (tube.status !== 'collecting') throw conflict(`the tube is ${tube.status}`, { barcode: `the tube is ${tube.status}` });
    if (tube.sampled === 0) throw conflict('nobody was sampled into this tube', { barcode: 'the tube is empty' });
    await repo.sealTube(tx, tube.id);
    const sealed = (await repo.findTubeInScope(tx, barcode, null))!;
    await audit(tx, actor, { action: 'seal', entity: 'tube', entityId: tube.id, detail: { barcode, sampled: sealed.sampled, represented: sealed.represented } });
    return repo.presentTube(sealed);
  });
}

/** A session's tubes, without people: how far collection and the laboratory have got. */
export async function sessionTubes(db: Database, actor: Actor, sessionId: string, query: SessionTubesQuery): Promise<Page<Tube>> {
  requireTestingReader(actor);
  if (!(await findSessionInScope(db, sessionId, actor.unitCode))) throw notFound('session');
  const { limit, offset } = pageParams(query);
  const { rows, total } = await repo.pageOfSessionTubes(db, sessionId, query.status, limit, offset);
  return { items: rows.map(repo.presentTube), total, limit, offset };
}

/** The tube with its session and members by name: a read of people's data, audited with its reason. */
export async function getTube(db: Database, actor: Actor, barcode: string, reason: string | undefined): Promise<TubeDetail> {
  requireTestingReader(actor);
  return db.transaction(async (tx) => {
    const tube = await repo.findTubeInScope(tx, barcode, actor.unitCode);
    if (!tube) throw notFound('tube');
    const session = (await findSessionInScope(tx, tube.session_id, null))!;
    const members = await repo.membersWithNames(tx, tube.id);
    await audit(tx, actor, { action: 'read', entity: 'tube', entityId: tube.id, reason: reason ?? 'view tube members', detail: { barcode, members: members.length } });
    return { ...repo.presentTube(tube), session: presentSession(session), members };
  });
}

/**
 * Takes a wrong scan out of a tube still being filled, with the people that member represented in
 * it. The audit row of each removed scan also makes a phone re-sending it a repeat.
 */
export async function removeTubeMember(db: Database, actor: Actor, caps: PoolCaps, barcode: string, personId: string): Promise<Tube> {
  requirePermission(actor, TESTING_COLLECT);
  return db.transaction(async (tx) => {
    const tube = await repo.findTubeInScope(tx, barcode, actor.unitCode, true);
    if (!tube) throw notFound('tube');
    if (tube.status !== 'collecting') throw conflict(`the tube is ${tube.status}; a member can only be removed while it is being filled`, { barcode: `the tube is ${tube.status}` });
    const removed = await repo.removeMember(tx, tube.id, personId);
    if (!removed.some((row) => row.person_id === personId)) throw new AppError('not_found', 'this person is not in the tube', { personId: 'is not in this tube' });
    for (const row of removed) {
      await audit(tx, actor, {
        action: 'remove', entity: 'tube_member', entityId: row.id, reason: 'wrong scan',
        detail: { tubeId: tube.id, barcode, sessionId: tube.session_id, personId: row.person_id, role: row.role },
      });
    }
    const session = (await findSessionInScope(tx, tube.session_id, null))!;
    const limit = tubeLimit(caps, { testType: session.test_type, mode: session.mode, highRisk: session.high_risk, poolCap: session.pool_cap }, await repo.sampledHouseholds(tx, tube.id));
    await setCapacities(tx, [{ tubeId: tube.id, capacity: limit }]);
    return repo.presentTube((await repo.findTubeInScope(tx, barcode, null))!);
  });
}
