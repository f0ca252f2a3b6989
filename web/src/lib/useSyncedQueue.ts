// An offline queue in IndexedDB as screen state, shared by the check-in scanner and the sample
// collector: open the queue, keep a snapshot of it for the screen, and sync when the network comes
// back ('online'), every few seconds while anything waits, and right after each change. Only the
// queue's stores, its snapshot and its sync differ between the two.
import { useCallback, useEffect, useRef, useState } from 'react';

const SYNC_EVERY_MS = 5000;

/** What every queue offers the hook. */
export interface OfflineQueue {
  purge(): Promise<void>;
  retry(id: string): Promise<void>;
  remove(id: string): Promise<void>;
  close(): void;
}

export interface SyncedQueueOptions<Q extends OfflineQueue, S> {
  open: () => Promise<Q>;
  /** sends what waits; throws on a network or server failure (the items stay queued) */
  syncOnce: (queue: Q) => Promise<unknown>;
  /** what the screen shows, read from the queue after every change */
  snapshot: (queue: Q) => Promise<S>;
  empty: S;
  /** the Web Locks name: one sync at a time across the device's tabs */
  lockName: string;
}

export interface SyncedQueue<Q, S> {
  queue: React.RefObject<Q | null>;
  snapshot: S;
  ready: boolean;
  /** IndexedDB could not be opened (private mode of some browsers): nothing can be kept */
  storageError: unknown;
  online: boolean;
  syncing: boolean;
  /** the last sync failure (network, server), cleared by the next success */
  syncError: unknown;
  /** grows after every sync that reached the server: screens refetch what the server counts */
  synced: number;
  refresh: () => Promise<void>;
  sync: () => Promise<void>;
  retry: (id: string) => Promise<void>;
  remove: (id: string) => Promise<void>;
  syncNow: () => void;
}

/** One sync at a time across the device's tabs when the browser can lock; ids make overlaps harmless anyway. */
export async function exclusive(run: () => Promise<void>, lockName: string): Promise<void> {
  if (!('locks' in navigator)) return run();
  await navigator.locks.request(lockName, { ifAvailable: true }, async (lock) => {
    if (lock) await run();
  });
}

export function useSyncedQueue<Q extends OfflineQueue, S>(options: SyncedQueueOptions<Q, S>): SyncedQueue<Q, S> {
  // the options are fixed for the screen's life: read through a ref so callbacks stay stable
  const settings = useRef(options);
  const queue = useRef<Q | null>(null);
  const running = useRef(false);
  const [ready, setReady] = useState(false);
  const [storageError, setStorageError] = useState<unknown>();
  const [online, setOnline] = useState(() => navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<unknown>();
  const [synced, setSynced] = useState(0);
  const [snapshot, setSnapshot] = useState<S>(options.empty);

  const refresh = useCallback(async () => {
    if (queue.current) setSnapshot(await settings.current.snapshot(queue.current));
  }, []);

  const sync = useCallback(async () => {
    const q = queue.current;
    if (!q || running.current || !navigator.onLine) return;
    running.current = true;
    setSyncing(true);
    try {
      await exclusive(async () => {
        await settings.current.syncOnce(q);
        await q.purge();
      }, settings.current.lockName);
      setSyncError(undefined);
      setSynced((n) => n + 1);
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
    settings.current.open().then(
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
    // the queue also changes in other tabs and by the purge; the timer keeps the snapshot honest
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

  return { queue, snapshot, ready, storageError, online, syncing, syncError, synced, refresh, sync, retry, remove, syncNow };
}
