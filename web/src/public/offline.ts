/// <reference types="vite-plugin-pwa/client" />
// The service worker (built by vite-plugin-pwa): the app shell and the last public data, for offline use.
import { registerSW } from 'virtual:pwa-register';

const ASSET_CACHE = 'vigil-assets'; // the service worker serves /assets/ from here (vite.config.ts)
let registered = false;

/** Keeps the code this page has loaded (hashed, never changing) for the next visit without network. */
async function rememberLoadedAssets(): Promise<void> {
  if (!('caches' in window)) return;
  const urls = performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name))
    .filter((url) => url.origin === window.location.origin && url.pathname.startsWith('/assets/'))
    .map((url) => url.pathname);
  const cache = await caches.open(ASSET_CACHE);
  const known = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
  await Promise.all(urls.filter((url) => !known.has(url)).map((url) => cache.add(url).catch(() => undefined)));
}

export function registerServiceWorker(): void {
  if (registered || !('serviceWorker' in navigator) || import.meta.env.DEV) return;
  registered = true;
  void registerSW({ immediate: true });
  void navigator.serviceWorker.ready.then(async () => {
    await rememberLoadedAssets();
    // lazily loaded screens and the map's worker arrive a little later
    window.setTimeout(() => void rememberLoadedAssets(), 8000);
  });
}

/** Minutes since an ISO time, for "data from 12 minutes ago". */
export function minutesSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
}
