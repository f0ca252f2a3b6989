import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves web/dist at `/`; in development Vite proxies the API to a local server.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      // VIGIL_API_URL points the dev server at another API, e.g. http://127.0.0.1:18080
      '/api': process.env.VIGIL_API_URL ?? 'http://localhost:8080',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
