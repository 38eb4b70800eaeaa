import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const THEME = '#1d5e9e';
// Error reports carry the release they came from: package version + build time (or RELEASE from CI).
const RELEASE = process.env.RELEASE ?? `parley-client@0.1.0+${new Date().toISOString().slice(0, 16)}`;

export default defineConfig({
  define: { __PARLEY_RELEASE__: JSON.stringify(RELEASE) },
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
        id: '/',
        start_url: '/',
        lang: 'en',
        dir: 'ltr',
        orientation: 'any',
        categories: ['social', 'productivity'],
        scope: '/',
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      // Our own service worker (src/sw.ts): precache + navigation fallback + one runtime rule +
      // kept space documents + the Background Sync outbox queue. Its header comment spells out
      // every caching rule.
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectManifest: {
        // Precached: the app shell (HTML, every JS/CSS chunk, icons, message catalogues, manifest).
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest}'],
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
