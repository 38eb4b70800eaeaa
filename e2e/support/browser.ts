import { existsSync } from 'node:fs';
import sparticuz from '@sparticuz/chromium';

/** Flags that keep Chromium off the (closed) network at start and quiet in a sandbox-less container. */
const BASE_ARGS = [
  '--no-sandbox',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-gpu',
];

/**
 * The npm-shipped Chromium's own flag list includes `--disable-web-security` and
 * `--single-process`; the first would hide exactly the origin and CSP bugs these tests look for,
 * the second makes several browser contexts share one renderer. Keep only what it needs to start.
 */
const SPARTICUZ_KEEP =
  /^--(headless|use-gl|use-angle|enable-unsafe-swiftshader|in-process-gpu|font-render-hinting)/;

export interface BrowserLaunch {
  executablePath: string;
  args: string[];
}

/** CHROME_PATH, else Debian's /usr/bin/chromium, else the Chromium that @sparticuz/chromium ships. */
export async function findChromium(): Promise<BrowserLaunch> {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return { executablePath: fromEnv, args: BASE_ARGS };
  if (existsSync('/usr/bin/chromium')) return { executablePath: '/usr/bin/chromium', args: BASE_ARGS };
  const executablePath = await sparticuz.executablePath();
  return { executablePath, args: [...BASE_ARGS, ...sparticuz.args.filter((a) => SPARTICUZ_KEEP.test(a))] };
}
