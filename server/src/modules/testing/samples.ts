// Taking samples (the collector's phone, offline-capable): each scan puts a person into a tube,
// opening the tube at its first scan. A batch is all or nothing; a scan whose id is already stored
// is a repeat and changes nothing. Capacity is a transaction: each tube row is locked while it is
// filled, so two phones racing for the last place in a pool cannot both get it.
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { unitInScopeSql } from '../../platform/scope.js';
import { codeSigner } from '../checkins/codes.js';
import { lastIssuedSerial } from './barcodes.js';
import type { HouseholdShortOfRepresentatives, SampleItem, SampleResult } from './collection.schema.js';
import type { PoolCaps } from './config.js';
import { TESTING_COLLECT } from './permissions.js';
import { type CheckedItem, type Named, Problems, checkItems } from './samples.check.js';
import { findOrRegisterWalkIn, liveIds, peopleByNationalId, walkInValues, type WalkInValues } from './samples.people.js';
import * as repo from './samples.repository.js';
import { SESSION_COLUMNS, type SessionRow, householdsShortOfRepresentatives } from './sessions.repository.js';
import { isRepresentativeMode, tubeKindOf, tubeLimit } from './sessions.rules.js';

type Outcome = SampleResult['items'][number];

/** The id of a represented person's row: derived from the scan, so a repeated scan derives the same. */
function representedRowId(scanId: string, personId: string): string {
  const h = createHash('sha256').update(`${scanId}|${personId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Two copies of a batch sent at once (a phone retrying while its first request is still running)
 * both pass the repeat check. Whichever locks the tubes second finds the other's scans stored and
 * starts again, and then counts them as repeats.
 */
class ScansStoredMeanwhile extends Error {}
const ATTEMPTS = 3;

export async function takeSamples(db: Database, actor: Actor, caps: PoolCaps, items: readonly SampleItem[], name: Named): Promise<SampleResult> {
  requirePermission(actor, TESTING_COLLECT);
  const checked = checkItems(items, await codeSigner(db), await lastIssuedSerial(db), name);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => record(tx, actor, caps, checked, name));
    } catch (error) {
      // 23505: a unique key the other copy wrote first; 40P01: a deadlock PostgreSQL broke (locks are ordered, so unlikely)
      const raced = error instanceof ScansStoredMeanwhile || ['23505', '40P01'].includes((error as { code?: string }).code ?? '');
      if (!raced || attempt >= ATTEMPTS) throw error;
    }
  }
}

interface Person { id: string; household: string | null }
interface TubeState { tube: repo.LockedTube; session: SessionRow; members: Map<string, { role: 'sampled' | 'represented'; household: string | null; pending: repo.NewMember | null }> }

async function record(tx: Queryable, actor: Actor, caps: PoolCaps, checked: CheckedItem[], name: Named): Promise<SampleResult> {
  const outcomes = new Array<Outcome | undefined>(checked.length);
  const { fresh, copies } = await separateRepeats(tx, checked, outcomes, name);
  const sessions = await lockSessions(tx, actor, fresh, name);
  const people = await resolvePeople(tx, actor, fresh, sessions, name);
  const tubes = await lockTubes(tx, actor, fresh, sessions);
  // Any other request writing into these tubes has committed by now (it held their locks).
  if ((await repo.storedScans(tx, fresh.map((c) => c.item.id))).size > 0) throw new ScansStoredMeanwhile();

  const conflicts = new Problems(name);
  const inserts: repo.NewMember[] = [];
  const upgrades: repo.NewMember[] = [];
  for (const c of fresh) {
    const { item, index } = c;
    const state = tubes.get(item.tubeBarcode)!;
    const session = sessions.get(item.sessionId)!;
    const { tube } = state;
    if (tube.session_id !== item.sessionId) { conflicts.note(index, 'tubeBarcode', 'is already used in another session'); continue; }
    if (tube.origin !== 'collected') { conflicts.note(index, 'tubeBarcode', 'is a retest tube the system planned; it is not filled by scanning'); continue; }
    if (tube.status !== 'collecting') { conflicts.note(index, 'tubeBarcode', `the tube is ${tube.status}`); continue; }
    const person = people.sampled.get(index)!;
    const existing = state.members.get(person.id);
    if (existing?.role === 'sampled') { conflicts.note(index, 'tubeBarcode', 'this person is already in the tube'); continue; }
    const organisationId = session.mode === 'organisation_representative' ? session.organisation_id : null;
    const team = item.team ?? (organisationId ? people.teams.get(person.id) ?? null : null);
    const member: repo.NewMember = {
      id: item.id, tubeId: tube.id, personId: person.id, role: 'sampled', representedBy: null, householdId: person.household, organisationId, team, sampledAt: c.sampledAt,
    };
    if (existing?.pending) Object.assign(existing.pending, member);
    else if (existing) upgrades.push(member);
    else inserts.push(member);
    state.members.set(person.id, { role: 'sampled', household: person.household, pending: existing?.pending ?? (existing ? null : member) });
    const sampled = sampledCount(state);
    const limit = limitOf(caps, state);
    if (sampled > limit) { conflicts.note(index, 'tubeBarcode', `the tube is full: it holds at most ${limit} people`); continue; }
    for (const represented of people.represented.get(index) ?? []) {
      if (state.members.has(represented.id)) continue; // already sampled or represented in this tube
      const row: repo.NewMember = {
        id: representedRowId(item.id, represented.id), tubeId: tube.id, personId: represented.id, role: 'represented', representedBy: person.id,
        householdId: represented.household, organisationId, team: organisationId ? people.teams.get(represented.id) ?? team : team, sampledAt: null,
      };
      inserts.push(row);
      state.members.set(represented.id, { role: 'represented', household: represented.household, pending: row });
    }
    outcomes[index] = { id: item.id, tubeId: tube.id, tubeBarcode: tube.barcode, personId: person.id, role: 'sampled', repeat: false };
  }
  conflicts.throwConflict();

  await repo.insertMembers(tx, inserts, actor.userId);
  for (const member of upgrades) await repo.upgradeToSampled(tx, member, actor.userId);
  const touched = [...new Set(fresh.map((c) => tubes.get(c.item.tubeBarcode)!))];
  await repo.setCapacities(tx, touched.map((state) => ({ tubeId: state.tube.id, capacity: limitOf(caps, state) })));
  await auditCollection(tx, actor, touched, [...inserts, ...upgrades]);
  const shortHouseholds = await householdsStillShort(tx, fresh, sessions, people);
  for (const [copy, first] of copies) outcomes[copy] = { ...outcomes[first]!, repeat: true };
  return { accepted: fresh.length, repeats: checked.length - fresh.length, items: outcomes as Outcome[], householdsNeedingSecondRepresentative: shortHouseholds };
}

/** One audit row per session: which tubes were opened or filled, and with whom. */
async function auditCollection(tx: Queryable, actor: Actor, touched: TubeState[], written: repo.NewMember[]) {
  const bySession = new Map<string, TubeState[]>();
  for (const state of touched) bySession.set(state.tube.session_id, [...(bySession.get(state.tube.session_id) ?? []), state]);
  for (const [sessionId, states] of bySession) {
    await audit(tx, actor, {
      action: 'collect', entity: 'sampling_session', entityId: sessionId,
      detail: {
        tubes: states.map(({ tube }) => {
          const mine = written.filter((m) => m.tubeId === tube.id);
          return {
            tubeId: tube.id, barcode: tube.barcode, opened: tube.opened,
            sampled: mine.filter((m) => m.role === 'sampled').map((m) => m.personId), represented: mine.filter((m) => m.role === 'represented').map((m) => m.personId),
          };
        }),
      },
    });
  }
}

function sampledCount(state: TubeState): number {
  let n = 0;
  for (const member of state.members.values()) if (member.role === 'sampled') n++;
  return n;
}

/** The session's poolCap, or the single-household limit while every sampled member is of one household. */
function limitOf(caps: PoolCaps, state: TubeState): number {
  const { session } = state;
  const households = [...state.members.values()].filter((m) => m.role === 'sampled').map((m) => m.household);
  return tubeLimit(caps, { testType: session.test_type, mode: session.mode, highRisk: session.high_risk, poolCap: session.pool_cap }, households);
}

/**
 * Scans already stored (or removed as wrong) are repeats: their outcome is what is stored. The
 * same id twice in one batch is one scan (`copies`: index → the index of its first copy). An id
 * reused for another tube is refused.
 */
async function separateRepeats(tx: Queryable, checked: CheckedItem[], outcomes: (Outcome | undefined)[], name: Named) {
  const stored = await repo.storedScans(tx, [...new Set(checked.map((c) => c.item.id))]);
  const problems = new Problems(name);
  const firstOfId = new Map<string, CheckedItem>();
  const fresh: CheckedItem[] = [];
  const copies = new Map<number, number>();
  for (const c of checked) {
    const { item } = c;
    const scan = stored.get(item.id);
    const first = firstOfId.get(item.id);
    const same = (barcode: string, sessionId: string) => barcode === item.tubeBarcode && sessionId === item.sessionId;
    if (scan) {
      if (!same(scan.barcode, scan.session_id)) problems.note(c.index, 'id', 'was already used for a sample in another tube');
      else outcomes[c.index] = { id: item.id, tubeId: scan.tube_id, tubeBarcode: scan.barcode, personId: scan.person_id, role: scan.role, repeat: true };
    } else if (first) {
      if (!same(first.item.tubeBarcode, first.item.sessionId)) problems.note(c.index, 'id', `repeats the id of items[${first.index}] with another tube`);
      else copies.set(c.index, first.index);
    } else {
      firstOfId.set(item.id, c);
      fresh.push(c);
    }
  }
  problems.throwConflict();
  return { fresh, copies };
}

/** The sessions of the new scans, in scope, open, and locked against closing until the commit. */
async function lockSessions(tx: Queryable, actor: Actor, fresh: CheckedItem[], name: Named): Promise<Map<string, SessionRow>> {
  const ids = [...new Set(fresh.map((c) => c.item.sessionId))];
  const rows = ids.length === 0 ? [] : await tx.query<SessionRow>(
    `SELECT ${SESSION_COLUMNS} FROM sampling_sessions s WHERE s.id = ANY ($1::uuid[]) AND ${unitInScopeSql('s.commune_code', 2)} ORDER BY s.id FOR SHARE`,
    [ids, actor.unitCode],
  );
  const sessions = new Map(rows.map((row) => [row.id, row]));
  const unknown = new Problems(name);
  const closed = new Problems(name);
  for (const c of fresh) {
    const session = sessions.get(c.item.sessionId);
    if (!session) unknown.note(c.index, 'sessionId', 'no such session');
    else if (session.status === 'closed') closed.note(c.index, 'sessionId', 'the session is closed');
  }
  unknown.throwNotFound();
  closed.throwConflict();
  return sessions;
}

interface ResolvedPeople {
  sampled: Map<number, Person>;
  represented: Map<number, Person[]>;
  /** organisation sessions: the members' teams */
  teams: Map<string, string | null>;
}

/** Each scan's person and the people it represents, with the household and organisation rules of the session's mode. */
async function resolvePeople(tx: Queryable, actor: Actor, fresh: CheckedItem[], sessions: Map<string, SessionRow>, name: Named): Promise<ResolvedPeople> {
  const problems = new Problems(name);
  const ids = fresh.flatMap((c) => [c.item.personId ?? c.codedPersonId, ...(c.item.represents ?? [])]).filter((id): id is string => !!id);
  const live = await liveIds(tx, ids);
  const byNationalId = await peopleByNationalId(tx, fresh.flatMap((c) => (c.item.nationalId ? [c.item.nationalId] : [])));
  const sampledIds = new Map<number, string>();
  const walkIns = new Map<number, WalkInValues>();
  const representedIds = new Map<number, string[]>();
  for (const c of fresh) {
    const { item, index } = c;
    const session = sessions.get(item.sessionId)!;
    if (item.personId !== undefined || item.personCode !== undefined) {
      const id = live.get((item.personId ?? c.codedPersonId)!);
      if (id) sampledIds.set(index, id);
      else problems.note(index, c.personField, item.personId ? 'no such person' : 'belongs to no registered person');
    } else if (item.nationalId !== undefined) {
      const id = byNationalId.get(item.nationalId);
      if (id) sampledIds.set(index, id);
      else problems.note(index, 'nationalId', 'no registered person has this national ID; record them as a walk-in');
    } else if (item.walkIn) {
      const values = await walkInValues(tx, item.walkIn, name(index, 'walkIn.'), problems.fields);
      if (values) walkIns.set(index, values);
    }
    if (item.represents?.length && !isRepresentativeMode(session.mode)) problems.note(index, 'represents', `only representative sessions record represented people; this session is ${session.mode}`);
    representedIds.set(index, (item.represents ?? []).map((id, j) => {
      const person = live.get(id);
      if (!person) problems.note(index, `represents[${j}]`, 'no such person');
      return person ?? id;
    }));
  }
  problems.throwInvalid();
  for (const [index, values] of walkIns) sampledIds.set(index, await findOrRegisterWalkIn(tx, actor, values));

  const everyone = [...sampledIds.values(), ...[...representedIds.values()].flat()];
  const households = await repo.householdsOf(tx, everyone);
  const teams = new Map<string, string | null>();
  for (const session of sessions.values()) {
    if (session.mode !== 'organisation_representative' || !session.organisation_id) continue;
    const inSession = fresh.filter((c) => c.item.sessionId === session.id).flatMap((c) => [sampledIds.get(c.index)!, ...representedIds.get(c.index)!]);
    for (const [person, team] of await repo.organisationTeams(tx, session.organisation_id, inSession)) teams.set(person, team);
  }
  const sampled = new Map<number, Person>();
  const represented = new Map<number, Person[]>();
  for (const c of fresh) {
    const { index } = c;
    const mode = sessions.get(c.item.sessionId)!.mode;
    const id = sampledIds.get(index)!;
    const household = households.get(id) ?? null;
    sampled.set(index, { id, household });
    const others = representedIds.get(index)!;
    others.forEach((other, j) => {
      if (other === id) problems.note(index, `represents[${j}]`, 'is the sampled member themselves');
      else if (mode === 'household_representative' && (household === null || households.get(other) !== household)) problems.note(index, `represents[${j}]`, 'is not a member of the representative\'s household');
      else if (mode === 'organisation_representative' && !teams.has(other)) problems.note(index, `represents[${j}]`, 'is not a member of the session\'s organisation');
    });
    if (mode === 'organisation_representative' && !teams.has(id)) problems.note(index, c.personField, 'is not a member of the session\'s organisation');
    represented.set(index, others.map((other) => ({ id: other, household: households.get(other) ?? null })));
  }
  problems.throwInvalid();
  return { sampled, represented, teams };
}

/** Every tube the new scans name, opened in the scan's session when new, locked until the commit. */
async function lockTubes(tx: Queryable, actor: Actor, fresh: CheckedItem[], sessions: Map<string, SessionRow>): Promise<Map<string, TubeState>> {
  const firstScan = new Map<string, CheckedItem>();
  for (const c of fresh) if (!firstScan.has(c.item.tubeBarcode)) firstScan.set(c.item.tubeBarcode, c);
  const openings = [...firstScan].map(([barcode, c]) => {
    const session = sessions.get(c.item.sessionId)!;
    return { barcode, sessionId: session.id, communeCode: session.commune_code, kind: tubeKindOf(session.mode), capacity: session.pool_cap };
  });
  const tubes = new Map<string, TubeState>();
  for (const tube of await repo.openAndLockTubes(tx, openings, actor.userId)) {
    // a tube's limits are those of its own session (a scan naming another session is refused)
    const session = sessions.get(tube.session_id) ?? sessions.get(firstScan.get(tube.barcode)!.item.sessionId)!;
    tubes.set(tube.barcode, { tube, session, members: new Map() });
  }
  const byId = new Map([...tubes.values()].map((state) => [state.tube.id, state]));
  for (const member of await repo.membersOf(tx, [...byId.keys()])) {
    byId.get(member.tube_id)!.members.set(member.person_id, { role: member.role, household: member.household_id, pending: null });
  }
  return tubes;
}

/** Households of five or more that this batch's representatives stand for and that still have one representative in the session. */
async function householdsStillShort(tx: Queryable, fresh: CheckedItem[], sessions: Map<string, SessionRow>, people: ResolvedPeople): Promise<HouseholdShortOfRepresentatives[]> {
  const short: HouseholdShortOfRepresentatives[] = [];
  for (const session of sessions.values()) {
    if (session.mode !== 'household_representative') continue;
    const households = [...new Set(fresh.filter((c) => c.item.sessionId === session.id).map((c) => people.sampled.get(c.index)!.household).filter((h): h is string => h !== null))];
    if (households.length > 0) short.push(...(await householdsShortOfRepresentatives(tx, session.id, households)));
  }
  return short;
}
