// Sends the waiting scans to POST /api/v1/checkins/batch in chunks of at most 1,000. A batch is all or
// nothing on the server, and each scan's id makes a resend harmless, so: a scan leaves the queue only
// when the server acknowledged it; a network or server failure stops the sync with everything kept; a
// 400 names the bad items (items[i].field): those are set aside with the reason and the rest resent, so
// one bad scan never blocks the queue. A 400 that names no item is narrowed down by halving the chunk.
// The algorithm (`syncItems`) serves any queue of items with client ids: the testing collector's
// samples go through it too.
import { ApiError, request } from '../lib/api';
import type { QueuedScan, ScanQueue } from './scanQueue';

export const MAX_BATCH = 1000;

export interface BatchItem {
  id: string;
  venueId: string;
  personCode?: string;
  nationalId?: string;
  checkedInAt: string;
  method: QueuedScan['method'];
}

export type PostBatch = (items: BatchItem[]) => Promise<unknown>;

export const postBatch: PostBatch = (items) => request('/api/v1/checkins/batch', { method: 'POST', body: { items } });

const itemOf = (scan: QueuedScan): BatchItem => ({
  id: scan.id,
  venueId: scan.venueId,
  ...(scan.personCode ? { personCode: scan.personCode } : {}),
  ...(scan.nationalId ? { nationalId: scan.nationalId } : {}),
  checkedInAt: scan.checkedInAt,
  method: scan.method,
});

/** "items[3].nationalId": "no registered person…" → 3 → "nationalId: no registered person…" */
export function badItems(fields: Record<string, string>, count: number): Map<number, string> {
  const bad = new Map<number, string>();
  for (const [field, reason] of Object.entries(fields)) {
    const match = /^items\[(\d+)\]\.?(.*)$/.exec(field);
    const index = match ? Number(match[1]) : -1;
    if (index < 0 || index >= count) continue;
    const text = match?.[2] ? `${match[2]}: ${reason}` : reason;
    bad.set(index, bad.has(index) ? `${bad.get(index) ?? ''}; ${text}` : text);
  }
  return bad;
}

export interface SyncCounts {
  sent: number;
  rejected: number;
}

/** What the sync needs of a queue kept on the device: its oldest waiting items, and the server's answers recorded. */
export interface OutgoingQueue<T extends { id: string }> {
  waiting(limit: number): Promise<T[]>;
  settle(sent: readonly string[], rejected?: ReadonlyMap<string, string>): Promise<void>;
}

export interface SyncOptions {
  /** Statuses whose `items[i]` fields are refusals of those items (default 400 only; others must name items). */
  refusals?: readonly number[];
}

/** Sends one chunk; resolves with what was settled, throws (keeping everything) when it cannot tell. */
async function sendChunk<T extends { id: string }>(scans: T[], queue: OutgoingQueue<T>, post: (items: T[]) => Promise<unknown>, options: SyncOptions): Promise<SyncCounts> {
  try {
    await post(scans);
  } catch (error) {
    if (!(error instanceof ApiError) || !(options.refusals ?? [400]).includes(error.status)) throw error;
    const bad = badItems(error.fields, scans.length);
    // only a 400 is narrowed down when it names no item: a bare 404 or 409 may not be about the items at all
    if (bad.size === 0 && error.status !== 400) throw error;
    if (bad.size === 0 && scans.length === 1) bad.set(0, error.message);
    if (bad.size > 0) {
      await queue.settle([], new Map([...bad].map(([i, reason]) => [scans[i]!.id, reason])));
      const rest = scans.filter((_, i) => !bad.has(i));
      const next = rest.length > 0 ? await sendChunk(rest, queue, post, options) : { sent: 0, rejected: 0 };
      return { sent: next.sent, rejected: next.rejected + bad.size };
    }
    const half = Math.ceil(scans.length / 2);
    const first = await sendChunk(scans.slice(0, half), queue, post, options);
    const second = await sendChunk(scans.slice(half), queue, post, options);
    return { sent: first.sent + second.sent, rejected: first.rejected + second.rejected };
  }
  await queue.settle(scans.map((s) => s.id));
  return { sent: scans.length, rejected: 0 };
}

/** Sends every waiting item, oldest first, in chunks of `max`. Throws on the first failure that is not a bad item. */
export async function syncItems<T extends { id: string }>(
  queue: OutgoingQueue<T>, post: (items: T[]) => Promise<unknown>, max = MAX_BATCH, options: SyncOptions = {},
): Promise<SyncCounts> {
  const total: SyncCounts = { sent: 0, rejected: 0 };
  for (;;) {
    const chunk = await queue.waiting(max);
    if (chunk.length === 0) return total;
    const counts = await sendChunk(chunk, queue, post, options);
    total.sent += counts.sent;
    total.rejected += counts.rejected;
  }
}

/** Sends every waiting scan, oldest first. Throws on the first failure that is not a bad item. */
export function syncQueue(queue: ScanQueue, post: PostBatch = postBatch): Promise<SyncCounts> {
  return syncItems(queue, (scans) => post(scans.map(itemOf)));
}
