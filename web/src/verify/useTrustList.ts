// The trusted keys for the page: the list kept on the device at once, then a fresh one from the
// server when the network allows (again when it comes back, and on demand).
import { useCallback, useEffect, useState } from 'react';
import { loadTrustList, type TrustedKey } from './hcert';
import { fetchTrustList, keptTrustList } from './trustStore';

export interface TrustListState {
  keys: TrustedKey[] | null;
  fetchedAt: string | null;
  /** 'updating' while a fetch is under way; 'failed' when the last fetch did not arrive */
  status: 'loading' | 'updating' | 'ready' | 'failed';
  refresh: () => void;
}

export function useTrustList(): TrustListState {
  const [keys, setKeys] = useState<TrustedKey[] | null>(null);
  const [fetchedAt, setFetchedAt] = useState<string | null>(null);
  const [status, setStatus] = useState<TrustListState['status']>('loading');

  const refresh = useCallback(() => {
    setStatus('updating');
    fetchTrustList().then(
      ({ kept, keys: fresh }) => {
        setKeys(fresh);
        setFetchedAt(kept.fetchedAt);
        setStatus('ready');
      },
      () => setStatus('failed'),
    );
  }, []);

  useEffect(() => {
    const kept = keptTrustList();
    if (kept) {
      loadTrustList(kept.entries).then(
        (loaded) => {
          setKeys((current) => current ?? loaded);
          setFetchedAt((current) => current ?? kept.fetchedAt);
        },
        () => undefined,
      );
    }
    refresh();
    window.addEventListener('online', refresh);
    return () => window.removeEventListener('online', refresh);
  }, [refresh]);

  return { keys, fetchedAt, status, refresh };
}
