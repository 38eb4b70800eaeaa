// First: zod must be jitless before any chunk that builds the shared schemas runs.
import './zod-jitless';
import { createRoot } from 'react-dom/client';
import { startPwa } from './pwa/pwa';
import { App } from './app/App';
import { startErrorReporting } from './errors/start';
import './app/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(<App />);

// The service worker precaches the app shell. An update waits (registerType "prompt") until the
// user presses Reload in the update prompt: a page holding a draft is never reloaded under them.
startPwa();

// Error reporting starts after the first screen: Sentry is a chunk of its own, loaded only when
// the server configures a DSN.
setTimeout(() => void startErrorReporting(), 0);
