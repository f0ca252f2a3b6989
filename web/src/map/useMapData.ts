// The three open-data documents of the map, refetched (with ETags) when a live event names their topic.
import { useCallback, useEffect, useState } from 'react';
import type { LevelsDoc, PlacesDoc, ZonesDoc } from './api';
import { useLiveEvents, type LiveTopic } from './live';
import { fetchOpen } from './openData';

const URLS = {
  places: '/api/v1/open/places.geojson',
  zones: '/api/v1/open/zones.geojson',
  levels: '/api/v1/open/levels.geojson',
} as const;
type Doc = keyof typeof URLS;

export interface MapData {
  places?: PlacesDoc;
  zones?: ZonesDoc;
  levels?: LevelsDoc;
  error?: unknown;
  /** When this page last got an answer from the server (not from the offline cache). */
  receivedAt?: string;
}

export function useMapData(): MapData & { online: boolean; retry: () => void } {
  const [data, setData] = useState<MapData>({});
  const [online, setOnline] = useState(() => navigator.onLine);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback((doc: Doc, signal?: AbortSignal) => {
    fetchOpen<PlacesDoc & ZonesDoc & LevelsDoc>(URLS[doc], signal).then(
      (body) => setData((previous) => ({ ...previous, [doc]: body, error: undefined, receivedAt: navigator.onLine ? new Date().toISOString() : previous.receivedAt })),
      (error: unknown) => {
        if (!signal?.aborted) setData((previous) => ({ ...previous, error }));
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    for (const doc of Object.keys(URLS) as Doc[]) load(doc, controller.signal);
    return () => controller.abort();
  }, [load, attempt]);

  useEffect(() => {
    const update = () => {
      setOnline(navigator.onLine);
      if (navigator.onLine) setAttempt((n) => n + 1);
    };
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);

  useLiveEvents(['places', 'zones', 'levels'], (topic: LiveTopic) => {
    if (topic === 'places' || topic === 'zones' || topic === 'levels') load(topic);
  });

  return { ...data, online, retry: () => setAttempt((n) => n + 1) };
}
