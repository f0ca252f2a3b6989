import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { DOCUMENT_ACCEPT, EARLY_FETCHES, MAP_DOCUMENTS } from './src/map/documents';
import { firstPaint } from './vite/firstPaint';

/** The chunk of the public map's page: its layout and map screen, fetched with the app's own code. */
const PUBLIC_MAP_CHUNK = 'public-map';

// The server serves web/dist at `/`; in development Vite proxies the API to a local server.
export default defineConfig({
  base: '/',
  plugins: [
    react(),
    firstPaint({ path: '/', chunk: PUBLIC_MAP_CHUNK, documents: Object.values(MAP_DOCUMENTS), accept: DOCUMENT_ACCEPT, global: EARLY_FETCHES }),
    // Service worker and manifest. Precached: only the HTML and icons. Code (hashed /assets/ files) is
    // cached as the page loads it (see src/public/offline.ts), so the public page never fetches staff
    // chunks. Public API reads are network-first with the last answer kept for offline use; requests
    // carrying a token (staff) and the live event stream are never touched.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'Vigil — Bản đồ dịch bệnh Hậu Giang',
        short_name: 'Vigil',
        description: 'Bản đồ, cấp độ dịch, thống kê và thông báo dịch bệnh tỉnh Hậu Giang',
        lang: 'vi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: '#0b5560',
        background_color: '#f3f5f7',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['index.html', '*.{png,svg}'],
        navigateFallback: '/index.html',
        // app routes only: not the API, not files
        navigateFallbackDenylist: [/^\/api\//, /\.[a-z0-9]+$/i],
        cleanupOutdatedCaches: true,
        // Web Push: shows the server's notifications (public/push-sw.js)
        importScripts: ['/push-sw.js'],
        // the first visit's page is controlled as soon as the worker is active, so what it loads after that
        // (MapLibre, a screen opened next) is cached by the rules below without waiting for a second visit
        clientsClaim: true,
        runtimeCaching: [
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'vigil-assets', expiration: { maxEntries: 120 }, cacheableResponse: { statuses: [200] } },
          },
          {
            urlPattern: ({ url, request, sameOrigin }) => {
              if (!sameOrigin || request.method !== 'GET' || request.headers.has('authorization')) return false;
              const path = url.pathname;
              if (path.startsWith('/api/v1/announcements/staff') || path === '/api/v1/events') return false;
              return (
                path === '/api/health' ||
                path.startsWith('/api/v1/open/') ||
                path.startsWith('/api/v1/stats/daily') ||
                path.startsWith('/api/v1/stats/units/') ||
                path === '/api/v1/units' ||
                path.startsWith('/api/v1/announcements')
              );
            },
            handler: 'NetworkFirst',
            options: { cacheName: 'vigil-public-data', networkTimeoutSeconds: 5, expiration: { maxEntries: 150 }, cacheableResponse: { statuses: [200] } },
          },
        ],
      },
    }),
  ],
  server: {
    proxy: {
      // VIGIL_API_URL points the dev server at another API, e.g. http://127.0.0.1:18080
      '/api': process.env.VIGIL_API_URL ?? 'http://localhost:8080',
      '/.well-known': process.env.VIGIL_API_URL ?? 'http://localhost:8080',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Few requests: a phone on HTTP/1.1 has six connections, and each extra request costs a round trip.
          // Everything the entry needs is one chunk (react's JSX runtime was a chunk of its own); the public
          // layout and the map screen with all they import (and the entry lacks) are another. Staff screens
          // that share a helper with them import that chunk too: staff load public code, never the reverse.
          groups: [
            { name: 'index', tags: ['$initial'], priority: 2 },
            { name: PUBLIC_MAP_CHUNK, test: /src[\\/](public[\\/]PublicApp|map[\\/]MapScreen)\.tsx$/, priority: 1 },
          ],
        },
      },
    },
  },
});
