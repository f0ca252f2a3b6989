// The collector's queue as screen state: counts, the open tube's samples on this device, the network,
// and the sync that runs when the network returns, every few seconds while anything waits, and right
// after each scan or seal (the same rhythm as the check-in scanner's useScanQueue).
import { useCallback, useEffect, useRef } from 'react';
import { useSyncedQueue } from '../lib/useSyncedQueue';
import { SampleQueue, type LocalTube, type NewSample, type QueueCounts, type QueuedSample } from './sampleQueue';
import { syncCollector } from './sampleSync';

export interface SampleQueueState extends QueueCounts {
  ready: boolean;
  /** IndexedDB could not be opened (private mode of some browsers): samples cannot be kept */
  storageError: unknown;
  online: boolean;
  syncing: boolean;
  /** the last sync failure (network, server), cleared by the next success */
  syncError: unknown;
  /** the open tube's samples kept on this device, and the device's record of it */
  tubeSamples: QueuedSample[];
  tube: LocalTube | undefined;
  /** tubes this device filled or sealed and still remembers */
  tubes: LocalTube[];
  /** grows after every sync that reached the server: screens refetch what the server counts */
  synced: number;
  add: (sample: NewSample) => Promise<{ sample: QueuedSample; repeatOf: boolean }>;
  retry: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  seal: (barcode: string, sessionId: string) => Promise<void>;
  syncNow: () => void;
}

type Snapshot = QueueCounts & { tubeSamples: QueuedSample[]; tube: LocalTube | undefined; tubes: LocalTube[] };

export function useSampleQueue(tubeBarcode: string | null): SampleQueueState {
  // the open tube changes while the queue stays open: the snapshot reads it through a ref
  const barcode = useRef(tubeBarcode);
  const shared = useSyncedQueue({
    open: () => SampleQueue.open(),
    syncOnce: (queue: SampleQueue) => syncCollector(queue),
    snapshot: async (queue: SampleQueue): Promise<Snapshot> => {
      const open = barcode.current;
      const [counts, tubeSamples, tube, tubes] = await Promise.all([
        queue.counts(), open ? queue.inTube(open) : Promise.resolve([]), open ? queue.tube(open) : Promise.resolve(undefined), queue.tubes(),
      ]);
      return { ...counts, tubeSamples, tube, tubes };
    },
    empty: { waiting: 0, rejected: [], recent: [], tubeSamples: [], tube: undefined, tubes: [] },
    lockName: 'vigil-sample-sync',
  });
  const { queue, refresh, sync } = shared;

  useEffect(() => {
    barcode.current = tubeBarcode;
    void refresh();
  }, [tubeBarcode, refresh]);

  const add = useCallback(async (sample: NewSample) => {
    if (!queue.current) throw new Error('the sample queue is not open');
    const result = await queue.current.add(sample);
    await refresh();
    if (!result.repeatOf) void sync();
    return result;
  }, [queue, refresh, sync]);

  const seal = useCallback(async (tube: string, sessionId: string) => {
    if (!queue.current) throw new Error('the sample queue is not open');
    await queue.current.requestSeal(tube, sessionId);
    await refresh();
    void sync();
  }, [queue, refresh, sync]);

  const { ready, storageError, online, syncing, syncError, synced, retry, remove, syncNow } = shared;
  return { ready, storageError, online, syncing, syncError, synced, ...shared.snapshot, add, retry, remove, seal, syncNow };
}
