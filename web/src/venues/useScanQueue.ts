// The scanner's queue as screen state: counts, the network, and the sync that runs when the network
// comes back ('online'), every few seconds while scans wait, and right after each scan.
import { useCallback } from 'react';
import { useSyncedQueue } from '../lib/useSyncedQueue';
import { ScanQueue, type NewScan, type QueuedScan } from './scanQueue';
import { syncQueue } from './scanSync';

export interface ScanQueueState {
  ready: boolean;
  /** IndexedDB could not be opened (private mode of some browsers): scans cannot be kept */
  storageError: unknown;
  online: boolean;
  syncing: boolean;
  waiting: number;
  rejected: QueuedScan[];
  recent: QueuedScan[];
  /** the last sync failure (network, server), cleared by the next success */
  syncError: unknown;
  add: (scan: NewScan) => Promise<{ scan: QueuedScan; repeatOf: boolean }>;
  retry: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  syncNow: () => void;
}

export function useScanQueue(): ScanQueueState {
  const shared = useSyncedQueue({
    open: () => ScanQueue.open(),
    syncOnce: (queue: ScanQueue) => syncQueue(queue),
    snapshot: (queue: ScanQueue) => queue.counts(),
    empty: { waiting: 0, rejected: [] as QueuedScan[], recent: [] as QueuedScan[] },
    lockName: 'vigil-scan-sync',
  });
  const { queue, refresh, sync } = shared;

  const add = useCallback(async (scan: NewScan) => {
    if (!queue.current) throw new Error('the scan queue is not open');
    const result = await queue.current.add(scan);
    await refresh();
    if (!result.repeatOf) void sync();
    return result;
  }, [queue, refresh, sync]);

  const { ready, storageError, online, syncing, syncError, retry, remove, syncNow } = shared;
  return { ready, storageError, online, syncing, syncError, ...shared.snapshot, add, retry, remove, syncNow };
}
