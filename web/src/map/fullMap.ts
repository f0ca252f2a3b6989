// Loading MapLibre: its main chunk and its worker script (≈240 + 120 KB compressed) are fetched side
// by side. Left to itself MapLibre asks for the worker only once its own chunk has arrived and run,
// which on a slow phone adds a whole download and a round trip to the wait.
import type * as MapViewModule from './MapView';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

let worker: Promise<string> | undefined;

/**
 * The worker script as a same-origin blob: URL. If it cannot be had (offline, never cached), neither
 * could MapLibre get it: the promise fails, and the SVG map stays.
 */
export function workerScript(): Promise<string> {
  worker ??= fetch(workerUrl)
    .then((response) => (response.ok ? response.blob() : Promise.reject(new Error(`${workerUrl}: HTTP ${response.status}`))))
    .then((blob) => URL.createObjectURL(new Blob([blob], { type: 'text/javascript' })));
  worker.catch(() => (worker = undefined)); // a later visit to the map may try again
  return worker;
}

/** MapView (with MapLibre), its worker set, once both have arrived. */
export async function loadFullMap(): Promise<typeof MapViewModule> {
  const [module, script] = await Promise.all([import('./MapView'), workerScript()]);
  module.setWorkerUrl(script);
  return module;
}
