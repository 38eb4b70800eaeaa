import { createRequire } from 'node:module';
import { parse } from '@formatjs/icu-messageformat-parser';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

const THEME = '#1d5e9e';
// Error reports carry the release they came from: package version + build time (or RELEASE from CI).
const RELEASE = process.env.RELEASE ?? `parley-client@0.1.0+${new Date().toISOString().slice(0, 16)}`;

/**
 * The built app gets its UI messages already parsed (formatjs' own advice), so react-intl's ICU
 * parser stays out of the first screen: about 8 KB gzip less, and no parsing at start. Dev and the
 * unit tests keep the plain strings and the parser.
 */
function precompiledMessages(): Plugin {
  return {
    name: 'parley:precompiled-messages',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/i18n\/[a-z-]+\.json$/.test(id)) return null;
      const messages = JSON.parse(code) as Record<string, string>;
      const parsed = Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, parse(text)]));
      return { code: JSON.stringify(parsed), map: null };
    },
  };
}

export default defineConfig(({ command }) => ({
  define: { __PARLEY_RELEASE__: JSON.stringify(RELEASE) },
  resolve: {
    alias:
      command === 'build'
        ? [
            {
              find: /^@formatjs\/icu-messageformat-parser$/,
              replacement: createRequire(import.meta.url).resolve(
                '@formatjs/icu-messageformat-parser/no-parser.js',
              ),
            },
          ]
        : [],
  },
  plugins: [
    precompiledMessages(),
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
}));
