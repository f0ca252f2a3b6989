// The collector's queue as screen state: counts, the open tube's samples on this device, the network,
// and the sync that runs when the network returns, every few seconds while anything waits, and right
// after each scan or seal (the same rhythm as the check-in scanner's useScanQueue).
import { useCallback, useEffect, useRef, useState } from 'react';
import { exclusive } from '../venues/useScanQueue';
import { SampleQueue, type LocalTube, type NewSample, type QueueCounts, type QueuedSample } from './sampleQueue';
import { syncCollector } from './sampleSync';

const SYNC_EVERY_MS = 5000;
const LOCK = 'vigil-sample-sync';

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

export function useSampleQueue(tubeBarcode: string | null): SampleQueueState {
  const queue = useRef<SampleQueue | null>(null);
  const running = useRef(false);
  const barcode = useRef(tubeBarcode);
  const [ready, setReady] = useState(false);
  const [storageError, setStorageError] = useState<unknown>();
  const [online, setOnline] = useState(() => navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [syncError, setSyncError] = useState<unknown>();
  const [synced, setSynced] = useState(0);
  const [state, setState] = useState<QueueCounts & { tubeSamples: QueuedSample[]; tube: LocalTube | undefined; tubes: LocalTube[] }>({
    waiting: 0, rejected: [], recent: [], tubeSamples: [], tube: undefined, tubes: [],
  });

  const refresh = useCallback(async () => {
    const q = queue.current;
    if (!q) return;
    const open = barcode.current;
    const [counts, tubeSamples, tube, tubes] = await Promise.all([
      q.counts(), open ? q.inTube(open) : Promise.resolve([]), open ? q.tube(open) : Promise.resolve(undefined), q.tubes(),
    ]);
    setState({ ...counts, tubeSamples, tube, tubes });
  }, []);

  useEffect(() => {
    barcode.current = tubeBarcode;
    void refresh();
  }, [tubeBarcode, refresh]);

  const sync = useCallback(async () => {
    const q = queue.current;
    if (!q || running.current || !navigator.onLine) return;
    running.current = true;
    setSyncing(true);
    try {
      await exclusive(async () => {
        await syncCollector(q);
        await q.purge();
      }, LOCK);
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
    SampleQueue.open().then(
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

  const add = useCallback(async (sample: NewSample) => {
    if (!queue.current) throw new Error('the sample queue is not open');
    const result = await queue.current.add(sample);
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

  const seal = useCallback(async (tube: string, sessionId: string) => {
    if (!queue.current) throw new Error('the sample queue is not open');
    await queue.current.requestSeal(tube, sessionId);
    await refresh();
    void sync();
  }, [refresh, sync]);

  const syncNow = useCallback(() => void sync(), [sync]);

  return { ready, storageError, online, syncing, syncError, synced, ...state, add, retry, remove, seal, syncNow };
}
