// The scanner's queue as screen state: counts, the network, and the sync that runs when the network
// comes back ('online'), every few seconds while scans wait, and right after each scan.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ScanQueue, type NewScan, type QueuedScan } from './scanQueue';
import { syncQueue } from './scanSync';

const SYNC_EVERY_MS = 5000;

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

/** One sync at a time across the device's tabs when the browser can lock; ids make overlaps harmless anyway. */
export async function exclusive(run: () => Promise<void>, lockName = 'vigil-scan-sync'): Promise<void> {
  if (!('locks' in navigator)) return run();
  await navigator.locks.request(lockName, { ifAvailable: true }, async (lock) => {
    if (lock) await run();
  });
}

export function useScanQueue(): ScanQueueState {
  const queue = useRef<ScanQueue | null>(null);
  const running = useRef(false);
  const [ready, setReady] = useState(false);
  const [storageError, setStorageError] = useState<unknown>();
  const [online, setOnline] = useState(() => navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<unknown>();
  const [counts, setCounts] = useState<{ waiting: number; rejected: QueuedScan[]; recent: QueuedScan[] }>({ waiting: 0, rejected: [], recent: [] });

  const refresh = useCallback(async () => {
    if (queue.current) setCounts(await queue.current.counts());
  }, []);

  const sync = useCallback(async () => {
    const q = queue.current;
    if (!q || running.current || !navigator.onLine) return;
    running.current = true;
    setSyncing(true);
    try {
      await exclusive(async () => {
        await syncQueue(q);
        await q.purge();
      });
      setSyncError(undefined);
    } catch (error) {
      setSyncError(error);
    } finally {
      running.current = false;
      setSyncing(false);
      await refresh();
    }
  }, [refresh]);

  useEffect(() => {
    let closed = false;
    ScanQueue.open().then(
      async (opened) => {
        if (closed) return opened.close();
        queue.current = opened;
        setReady(true);
        await refresh();
        await sync();
      },
      (error: unknown) => setStorageError(error),
    );
    return () => {
      closed = true;
      queue.current?.close();
      queue.current = null;
    };
  }, [refresh, sync]);

  useEffect(() => {
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    // counts also change in other tabs and by the purge; the timer keeps them honest
    const timer = window.setInterval(() => {
      setOnline(navigator.onLine);
      void refresh().then(() => sync());
    }, SYNC_EVERY_MS);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      window.clearInterval(timer);
    };
  }, [refresh, sync]);

  const add = useCallback(async (scan: NewScan) => {
    if (!queue.current) throw new Error('the scan queue is not open');
    const result = await queue.current.add(scan);
    await refresh();
    if (!result.repeatOf) void sync();
    return result;
  }, [refresh, sync]);

  const retry = useCallback(async (id: string) => {
    await queue.current?.retry(id);
    await refresh();
    void sync();
  }, [refresh, sync]);

  const remove = useCallback(async (id: string) => {
    await queue.current?.remove(id);
    await refresh();
  }, [refresh]);

  const syncNow = useCallback(() => void sync(), [sync]);

  return { ready, storageError, online, syncing, syncError, ...counts, add, retry, remove, syncNow };
}
