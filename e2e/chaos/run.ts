/**
 * `npm run test:chaos`: the full chaos run. Prints its figures, writes them to
 * e2e/chaos/results.json, and exits non-zero unless nothing was lost, duplicated or leaked and
 * every device agreed with the server in the end. `--short` runs the small version.
 */
import { fileURLToPath } from 'node:url';
import { FULL, SHORT } from './profiles';
import { formatReport, writeResults } from './report';
import { runChaos } from './scenario';

const profile = process.argv.includes('--short') ? SHORT : FULL;
const result = await runChaos({ ...profile, log: (line) => console.info(`[chaos] ${line}`) });
console.info(formatReport(result));
// The figures of the full run are kept with the code; a short run only prints them.
if (profile === FULL) writeResults(result, fileURLToPath(new URL('./results.json', import.meta.url)));
const clean = result.lost === 0 && result.duplicated === 0 && result.leaked === 0 && result.diverged === 0;
process.exit(clean ? 0 : 1);
