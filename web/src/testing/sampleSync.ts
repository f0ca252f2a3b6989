// Sends the collector's queue: samples through POST /testing/samples/batch with the check-in scanner's
// algorithm (venues/scanSync.ts: all-or-nothing batches, client ids make a resend harmless, refused
// items set aside with the reason, the rest resent), then the seals of tubes whose samples have all
// been answered. The collection API refuses an item with 400 (invalid), 404 (unknown session or
// person) or 409 (tube full, sealed, used in another session), each naming items[i].
import { ApiError } from '../lib/api';
import { syncItems, type SyncCounts } from '../venues/scanSync';
import { postSamples, sealTube } from './api';
import { itemOf, type SampleQueue } from './sampleQueue';

const BATCH = 500;
const REFUSALS = [400, 404, 409] as const;

export type PostSamples = typeof postSamples;
export type SealTube = (barcode: string) => Promise<unknown>;

export interface CollectorSyncCounts extends SyncCounts {
  sealed: number;
}

/** Seals each due tube; a refusal is kept with its reason, a network or server failure stops the sync. */
async function sendSeals(queue: SampleQueue, seal: SealTube): Promise<number> {
  let sealed = 0;
  for (const tube of await queue.sealsDue()) {
    try {
      await seal(tube.barcode);
      await queue.settleSeal(tube.barcode, 'sent');
      sealed += 1;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status >= 500 || error.status === 401 || error.status === 429) throw error;
      await queue.settleSeal(tube.barcode, 'rejected', error.message);
    }
  }
  return sealed;
}

export async function syncCollector(queue: SampleQueue, post: PostSamples = postSamples, seal: SealTube = sealTube): Promise<CollectorSyncCounts> {
  const counts = await syncItems(queue, (samples) => post(samples.map(itemOf)), BATCH, { refusals: REFUSALS });
  return { ...counts, sealed: await sendSeals(queue, seal) };
}
