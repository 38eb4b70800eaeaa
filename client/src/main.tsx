// First: zod must be jitless before any chunk that builds the shared schemas runs.
import './zod-jitless';
import { startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { startPwa } from './pwa/pwa';
import { App } from './app/App';
import { afterNextPaint } from './app/after-paint';
import { startErrorReporting } from './errors/start';
import './app/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
// index.html's static header is painted first: on a slow phone the first render and opening the
// database take a second of main thread, and the screen would stay blank until they finish (a
// hidden tab starts at once, and syncs). As a transition, the first render yields to the browser
// every few milliseconds instead of holding the main thread, and a tap, for its whole length.
const start = () => startTransition(() => createRoot(root).render(<App />));
void afterNextPaint().then(start);

// The service worker precaches the app shell. An update waits (registerType "prompt") until the
// user presses Reload in the update prompt: a page holding a draft is never reloaded under them.
startPwa();

// Error reporting starts after the first screen: Sentry is a chunk of its own, loaded only when
// the server configures a DSN.
setTimeout(() => void startErrorReporting(), 0);
