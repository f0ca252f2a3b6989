// Single check-ins (POST /api/v1/checkins) arrive one per request, thousands a second at peak.
// The scans that arrive together are checked and written by one statement with one commit (group
// commit), and every request still gets its own answer and its own errors: a bad scan is refused
// without holding back the others. A request is answered only after the commit that holds its row.
import type { Database } from '../../db/database.js';
import { type Actor, requirePermission } from '../../platform/actor.js';
import { groupedWork } from '../../platform/coalesce.js';
import { checkAndInsert, type CheckinRecord, type IngestOptions, settleRepeats } from './ingest.js';
import { CHECKINS_WRITE } from './permissions.js';
import { bareField, namedFields, nothingWritten } from './problems.js';
import type { CheckinItem, IngestResult } from './schema.js';

export interface SingleOutcome {
  result: IngestResult;
  record: CheckinRecord;
}

interface Pending {
  actor: Actor;
  item: CheckinItem;
}

/** Groups in flight at once: while some are in the database, the next one gathers. */
const GROUPS_IN_FLIGHT = 2;

export function singleCheckinWriter(db: Database, options: () => IngestOptions) {
  const groups = groupedWork<Pending, SingleOutcome>((pending) => writeGroup(db, pending, options()), GROUPS_IN_FLIGHT);
  return {
    write(actor: Actor, item: CheckinItem): Promise<SingleOutcome> {
      requirePermission(actor, CHECKINS_WRITE);
      return groups.load({ actor, item });
    },
  };
}

/** Answers each pending check-in, in order. Scope is per sender, so a group splits by sender. */
async function writeGroup(db: Database, pending: readonly Pending[], options: IngestOptions): Promise<(SingleOutcome | Error)[]> {
  const outcomes = new Array<SingleOutcome | Error>(pending.length);
  const bySender = new Map<string, number[]>();
  pending.forEach(({ actor }, i) => {
    const key = `${actor.userId}|${actor.unitCode ?? ''}`;
    const indices = bySender.get(key);
    if (indices) indices.push(i);
    else bySender.set(key, [i]);
  });
  await Promise.all([...bySender.values()].map(async (indices) => {
    const items = indices.map((i) => pending[i]!.item);
    const answers = await writeSendersItems(db, pending[indices[0]!]!.actor, items, options)
      // The statement failed as a whole (say, a person erased meanwhile): each item alone, so only the bad one fails.
      .catch(() => Promise.all(items.map(async (item) => (await writeSendersItems(db, pending[indices[0]!]!.actor, [item], options).catch((e: unknown) => [asError(e)]))[0]!)));
    answers.forEach((answer, k) => { outcomes[indices[k]!] = answer; });
  }));
  return outcomes;
}

async function writeSendersItems(db: Database, actor: Actor, items: readonly CheckinItem[], options: IngestOptions): Promise<(SingleOutcome | Error)[]> {
  const { records, problems, inserted } = await checkAndInsert(db, actor, items, options);
  return Promise.all(records.map(async (record, i): Promise<SingleOutcome | Error> => {
    const itemProblems = problems.get(i);
    if (itemProblems) return nothingWritten(namedFields(new Map([[0, itemProblems]]), bareField));
    if (inserted[i]) return { result: { accepted: 1, repeats: 0, checkedOut: 0, ids: [record.id] }, record };
    // A repeat (a retry, perhaps one that overtook the first in this very group): compare and settle.
    try {
      const checkedOut = await settleRepeats(db, [record], [false], bareField);
      return { result: { accepted: 0, repeats: 1, checkedOut, ids: [record.id] }, record };
    } catch (error) {
      return asError(error);
    }
  }));
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));
