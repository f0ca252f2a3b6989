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
}

// Run hourly, each purge removes about an hour of check-ins: one statement is enough.
async function purgeCheckins(tx: Queryable, cutoff: Date): Promise<number> {
  const [row] = await tx.query<{ n: number }>('WITH gone AS (DELETE FROM checkins WHERE checked_in_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone', [cutoff]);
  return row?.n ?? 0;
}

export async function purgePresence(db: Database, retentionDays: number, options: { now?: Date; actor?: Actor } = {}): Promise<PurgeResult> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * 86_400_000);
  return db.transaction(async (tx) => {
    const checkins = await purgeCheckins(tx, cutoff);
    const declarations = await purgeDeclarations(tx, cutoff);
    const result = { cutoff: cutoff.toISOString(), checkins, declarations };
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
