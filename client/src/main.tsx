import { createRoot } from 'react-dom/client';
import { registerSW } from 'virtual:pwa-register';
import { App } from './app/App';
import './app/global.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(<App />);

// The service worker precaches the app shell. An update waits (registerType "prompt"): a page
// holding a draft is never reloaded under the user. The update prompt comes with the offline work.
registerSW({ immediate: true });
