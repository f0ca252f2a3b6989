// Presence data (check-ins and health declarations) is kept only for the retention period
// (default 21 days: two incubation periods of tracing). Each purge is counted and audited;
// the audit keeps the counts and the cut-off, never what was deleted.
import type { Database, Queryable } from '../../db/database.js';
import { type Actor, SYSTEM_ACTOR } from '../../platform/actor.js';
import { audit } from '../../platform/audit.js';
import { purgeDeclarations } from '../declarations/service.js';

export interface PurgeResult {
  cutoff: string;
  checkins: number;
  declarations: number;
  /** finished import jobs deleted (their progress and problem reports) */
  importJobs: number;
}

/** How long a finished import's report stays readable: long enough to come back to it, no longer. */
export const IMPORT_JOB_KEEP_DAYS = 7;
/** An import that has not moved for this long stopped with its process (a restart): it is marked failed. */
const IMPORT_JOB_STALE_MS = 3600_000;

// Run hourly, each purge removes about an hour of check-ins: one statement is enough.
async function purgeCheckins(tx: Queryable, cutoff: Date): Promise<number> {
  const [row] = await tx.query<{ n: number }>('WITH gone AS (DELETE FROM checkins WHERE checked_in_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone', [cutoff]);
  return row?.n ?? 0;
}

// Import jobs are not presence data, but they too should not pile up: the hourly purge clears them.
async function purgeImportJobs(tx: Queryable, now: Date): Promise<number> {
  await tx.query(
    `UPDATE import_jobs SET status = 'failed', result = $2, updated_at = $3
      WHERE status IN ('checking', 'writing') AND updated_at < $1`,
    [new Date(now.getTime() - IMPORT_JOB_STALE_MS), JSON.stringify({ message: 'the import stopped when the server restarted: nothing was imported; please send the file again' }), now],
  );
  const [row] = await tx.query<{ n: number }>(
    `WITH gone AS (DELETE FROM import_jobs WHERE status IN ('done', 'failed') AND updated_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [new Date(now.getTime() - IMPORT_JOB_KEEP_DAYS * 86_400_000)],
  );
  return row?.n ?? 0;
}

export async function purgePresence(db: Database, retentionDays: number, options: { now?: Date; actor?: Actor } = {}): Promise<PurgeResult> {
  const now = options.now ?? new Date();
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    const checkins = await purgeCheckins(tx, cutoff);
    const declarations = await purgeDeclarations(tx, cutoff);
    const importJobs = await purgeImportJobs(tx, now);
    const result = { cutoff: cutoff.toISOString(), checkins, declarations, importJobs };
    await audit(tx, options.actor ?? SYSTEM_ACTOR, { action: 'purge', entity: 'presence', detail: { ...result, retentionDays } });
    return result;
  });
}

/** Runs the purge now and then every `everyMs` while the server runs; returns a stop function. */
export function schedulePurge(db: Database, retentionDays: number, log: (result: PurgeResult | Error) => void, everyMs = 3600_000): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    purgePresence(db, retentionDays).then(log, log).finally(() => { running = false; });
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
