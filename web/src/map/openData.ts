// Open-data documents fetched with their ETag: an unchanged document answers 304 and we keep our copy.
import { DOCUMENT_ACCEPT, EARLY_FETCHES } from './documents';

declare global {
  interface Window {
    [EARLY_FETCHES]?: Record<string, Promise<Response> | undefined>;
  }
}

const cache = new Map<string, { etag: string; body: unknown }>();

/** The service worker's cache of public data (vite.config.ts): it answers from here when offline. */
const DATA_CACHE = 'vigil-public-data';

/**
 * Until the service worker controls the page (the first visit), it sees none of our requests: the
 * answers are put in its cache here, so the map has data the first time the phone is offline.
 */
function keepForOffline(url: string, response: Response): void {
  if (!('caches' in window) || !('serviceWorker' in navigator) || navigator.serviceWorker.controller) return;
  const copy = response.clone();
  void caches
    .open(DATA_CACHE)
    .then((store) => store.put(url, copy))
    .catch(() => undefined);
}

/** The request index.html started for this document on the map's first load, taken once. */
function takeEarly(url: string): Promise<Response> | undefined {
  const started = window[EARLY_FETCHES];
  const request = started?.[url];
  if (started) started[url] = undefined;
  return request;
}

/** `early`: take the response index.html asked for already (only the page's first load of the document). */
export async function fetchOpen<T>(url: string, signal?: AbortSignal, early = false): Promise<T> {
  const known = cache.get(url);
  const started = early && !known ? takeEarly(url) : undefined;
  const response = await (started ?? fetch(url, {
    headers: known ? { 'if-none-match': known.etag, accept: DOCUMENT_ACCEPT } : { accept: DOCUMENT_ACCEPT },
    cache: 'no-store',
    signal,
  }));
  if (response.status === 304 && known) return known.body as T;
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  if (response.status === 200) keepForOffline(url, response);
  const body = (await response.json()) as T;
  const etag = response.headers.get('etag');
  if (etag) cache.set(url, { etag, body });
  return body;
}
