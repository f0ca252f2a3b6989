// A programme's rounds: their coverage, who was missed (an audited read of people), and reminders to
// the missed, sent once per person and round through the notification outbox.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { conflict, notFound } from '../../platform/errors.js';
import { enqueue } from '../notifications/outbox.js';
import { maskPhone } from '../people/identity.js';
import type { TemplateName } from '../notifications/templates.js';
import { TESTING_MANAGE, TESTING_READ } from './permissions.js';
import { findProgrammeInScope, type ProgrammeRow } from './programmes.repository.js';
import { type MissedRow, missedPeople, recordReminder } from './rounds.repository.js';
import type { ListRoundsQuery, MissedPerson, MissedQuery, RemindersResult, Round } from './rounds.schema.js';
import { roundsWithCounts, timesOf } from './rounds.stats.js';
import { listedRoundCount, roundExists, type RoundWindow, roundWindow } from './rounds.windows.js';

/** The outbox template of a round reminder; its payload is {programmeName, roundNumber, dueBy}. */
export const ROUND_REMINDER_TEMPLATE: TemplateName = 'testing_round_reminder';

/** One reminder per person and round, whoever asks and however often. */
export const reminderKey = (programmeId: string, round: number, personId: string) => `testing-round:${programmeId}:${round}:${personId}:sms`;

async function programmeInScope(db: Queryable, actor: Actor, id: string): Promise<ProgrammeRow> {
  const row = await findProgrammeInScope(db, id, actor.unitCode);
  if (!row) throw notFound('programme');
  return row;
}

/** A round that has opened (open or closed); a round not yet open, or that never opens, is not found. */
function openedRound(row: ProgrammeRow, n: number, now: Date): RoundWindow {
  const times = timesOf(row);
  const window = roundExists(times, n) ? roundWindow(times, n, now) : null;
  if (!window || window.state === 'upcoming') throw notFound('round');
  return window;
}

export async function listRounds(db: Database, actor: Actor, id: string, query: ListRoundsQuery, now = new Date()) {
  requirePermission(actor, TESTING_READ);
  const row = await programmeInScope(db, actor, id);
  const limit = query.limit ?? 20;
  const offset = query.offset ?? 0;
  const total = listedRoundCount(timesOf(row), now);
  const numbers: number[] = [];
  for (let n = total - offset; n >= 1 && numbers.length < limit; n--) numbers.push(n);
  const items: Round[] = await roundsWithCounts(db, row, numbers, now);
  return { items, total, limit, offset, coverageTarget: row.coverage_target };
}

/** Phones are masked in lists (the last three digits), as in the contact lists of tracing. */

function presentMissed(row: MissedRow): MissedPerson {
  return {
    personId: row.person_id, fullName: row.full_name, birthYear: row.birth_year, communeCode: row.commune_code, team: row.team,
    phone: maskPhone(row.phone), why: row.invalid ? 'invalid_result' : 'not_sampled',
    lastSampledAt: row.last_sampled_at?.toISOString() ?? null, remindedAt: row.reminded_at?.toISOString() ?? null,
  };
}

/** People missed in a round so far (open) or for good (closed). A read of people's data: audited with its reason. */
export async function missedInRound(db: Database, actor: Actor, id: string, n: number, query: MissedQuery, now = new Date()) {
  requirePermission(actor, TESTING_READ);
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  return db.transaction(async (tx) => {
    const row = await programmeInScope(tx, actor, id);
    const window = openedRound(row, n, now);
    const { rows, total } = await missedPeople(tx, row, window, { limit, offset });
    await audit(tx, actor, {
      action: 'read', entity: 'testing_round_missed', entityId: row.id, reason: query.reason,
      detail: { round: n, returned: rows.length, total, limit, offset },
    });
    return {
      items: rows.map(presentMissed), total, limit, offset,
      round: { number: n, opensAt: window.opensAt.toISOString(), closesAt: window.closesAt.toISOString(), state: window.state as 'open' | 'closed' },
    };
  });
}

/**
 * One SMS per missed person with a phone, in one transaction with the record of who was reminded and
 * an audit row with the counts. People reminded before in this round are skipped, and the outbox's
 * dedupe key stops a concurrent request from queuing the same message twice.
 */
export async function sendRoundReminders(db: Database, actor: Actor, id: string, n: number, now = new Date()): Promise<RemindersResult> {
  requirePermission(actor, TESTING_MANAGE);
  return db.transaction(async (tx) => {
    const row = await programmeInScope(tx, actor, id);
    const window = openedRound(row, n, now);
    if (window.state !== 'open') throw conflict(`round ${n} has closed: reminders are sent while a round is open`);
    const { rows } = await missedPeople(tx, row, window, null);
    const counts = { enqueued: 0, alreadyReminded: 0, withoutPhone: 0 };
    const payload = { programmeName: row.name, roundNumber: n, dueBy: window.closesAt.toISOString() };
    for (const person of rows) {
      if (person.reminded_at) counts.alreadyReminded++;
      else if (!person.phone) counts.withoutPhone++;
      else {
        const message = await enqueue(tx, {
          dedupeKey: reminderKey(row.id, n, person.person_id), channel: 'sms', recipient: person.phone, personId: person.person_id,
          template: ROUND_REMINDER_TEMPLATE, payload, createdBy: actor.userId,
        });
        if (!message.created) {
          counts.alreadyReminded++;
          continue;
        }
        await recordReminder(tx, row.id, n, person.person_id, message.id, actor.userId);
        counts.enqueued++;
      }
    }
    await audit(tx, actor, { action: 'remind', entity: 'testing_round', entityId: row.id, detail: { round: n, missed: rows.length, ...counts } });
    return { round: n, dueBy: window.closesAt.toISOString(), missed: rows.length, ...counts };
  });
}
