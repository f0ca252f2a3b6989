// The three open-data documents of the map, refetched (with ETags) when a live event names their topic.
// On the first load of `/` index.html has asked for them already (vite/firstPaint.ts); what of them has
// arrived when the code is ready is drawn by the first render (preloadMapData), the rest by the first mount.
import { useCallback, useEffect, useState } from 'react';
import type { LevelsDoc, PlacesDoc, ZonesDoc } from './api';
import { MAP_DOCUMENTS, type MapDocument } from './documents';
import { useLiveEvents, type LiveTopic } from './live';
import { fetchOpen } from './openData';

type Doc = MapDocument;
type AnyDoc = PlacesDoc & ZonesDoc & LevelsDoc;
const DOCS = Object.keys(MAP_DOCUMENTS) as Doc[];

/** The first load of each document, started before the first render and taken (once) by the first mount. */
const firstLoads = new Map<Doc, Promise<AnyDoc>>();
/** The latest of each document this page received: a mount starts from it (then asks for changes). */
const latest: Partial<Record<Doc, AnyDoc>> = {};

/**
 * Takes index.html's requests for the documents and resolves once they have arrived, or after `waitMs`:
 * main.tsx renders after this, so a map whose data came before its code is drawn by the first render,
 * not by a second one after the first mount (that cost a render and a layout on a slow phone).
 */
export function preloadMapData(waitMs: number): Promise<void> {
  for (const doc of DOCS) {
    if (firstLoads.has(doc)) continue;
    const request = fetchOpen<AnyDoc>(MAP_DOCUMENTS[doc], undefined, true);
    request.then((body) => (latest[doc] = body), () => undefined); // a failure is reported by the mount that takes it
    firstLoads.set(doc, request);
  }
  const wait = new Promise((resolve) => setTimeout(resolve, waitMs));
  return Promise.race([Promise.allSettled(firstLoads.values()), wait]).then(() => undefined);
}

function takeFirstLoad(doc: Doc): Promise<AnyDoc> | undefined {
  const request = firstLoads.get(doc);
  firstLoads.delete(doc);
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
  const [data, setData] = useState<MapData>(() => ({ ...latest }));
  const [online, setOnline] = useState(() => navigator.onLine);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback((doc: Doc, signal?: AbortSignal, first = false) => {
    const request = (first && takeFirstLoad(doc)) || fetchOpen<AnyDoc>(MAP_DOCUMENTS[doc], signal, first);
    request.then(
      (body) => {
        latest[doc] = body;
        if (signal?.aborted) return;
        // the same document again (an early answer the first render drew, a 304) changes nothing
        setData((previous) => (previous[doc] === body && previous.error === undefined ? previous : { ...previous, [doc]: body, error: undefined, receivedAt: navigator.onLine ? new Date().toISOString() : previous.receivedAt }));
      },
      (error: unknown) => {
        if (!signal?.aborted) setData((previous) => ({ ...previous, error }));
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    for (const doc of DOCS) load(doc, controller.signal, attempt === 0);
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
