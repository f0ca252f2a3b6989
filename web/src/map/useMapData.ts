// The three open-data documents of the map, refetched (with ETags) when a live event names their topic.
// The first requests leave when this module is evaluated, before React has drawn anything: on a
// slow network each round trip saved is worth more than the few lines it takes.
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
type AnyDoc = PlacesDoc & ZonesDoc & LevelsDoc;

/** Requests started at module load, taken (once) by the first mount that comes within a minute. */
const early = startEarly();

function startEarly(): { at: number; requests: Map<Doc, Promise<AnyDoc>> } | null {
  if (typeof window === 'undefined' || typeof fetch === 'undefined') return null;
  const requests = new Map<Doc, Promise<AnyDoc>>();
  for (const doc of Object.keys(URLS) as Doc[]) {
    const request = fetchOpen<AnyDoc>(URLS[doc]);
    request.catch(() => undefined); // a failure is reported by whoever takes the request
    requests.set(doc, request);
  }
  return { at: Date.now(), requests };
}

function takeEarly(doc: Doc): Promise<AnyDoc> | undefined {
  if (!early || Date.now() - early.at > 60_000) return undefined;
  const request = early.requests.get(doc);
  early.requests.delete(doc);
  return request;
}

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

  const load = useCallback((doc: Doc, signal?: AbortSignal, first = false) => {
    const request = (first && takeEarly(doc)) || fetchOpen<AnyDoc>(URLS[doc], signal);
    request.then(
      (body) => {
        if (!signal?.aborted) setData((previous) => ({ ...previous, [doc]: body, error: undefined, receivedAt: navigator.onLine ? new Date().toISOString() : previous.receivedAt }));
      },
      (error: unknown) => {
        if (!signal?.aborted) setData((previous) => ({ ...previous, error }));
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    for (const doc of Object.keys(URLS) as Doc[]) load(doc, controller.signal, attempt === 0);
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
