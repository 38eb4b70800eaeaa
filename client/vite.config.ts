import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const THEME = '#1d5e9e';

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      // An update waits for the user's consent: a page holding a draft is never reloaded under them.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Parley',
        short_name: 'Parley',
        description: 'Moderated, multilingual discussion spaces that work offline on a phone.',
        theme_color: THEME,
        background_color: '#f6f6f3',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Precached: the app shell (HTML, every JS/CSS chunk, icons, message catalogues).
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest}'],
        // Any app URL opens offline from the precached shell; /api never does (RxDB holds the data).
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        // The first service worker takes the open page at once; updates still wait (no skipWaiting).
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        // No runtime caching: data reaches the device through replication, not the HTTP cache.
        runtimeCaching: [],
      },
      devOptions: { enabled: false },
    }),
  ],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    sourcemap: 'hidden',
    target: 'es2022',
    // React + RxDB + Dexie make one ~525 kB (165 kB gzip) entry chunk; screens are split off.
    chunkSizeWarningLimit: 600,
  },
});
