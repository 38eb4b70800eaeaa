import { expect, test } from '@playwright/test';
import { SHORT } from '../chaos/profiles';
import { formatReport } from '../chaos/report';
import { runChaos } from '../chaos/scenario';

// The short chaos run (the full one is `npm run test:chaos`): six app devices in two processes,
// through a link that delays, cuts and drops, while the server is SIGKILLed and restarted.
test('chaos: nothing written is lost or duplicated, nothing pending leaks, every device agrees with the server', async () => {
  test.setTimeout(240_000);
  const result = await runChaos(SHORT);
  console.info(formatReport(result));

  expect(result.postsWritten).toBeGreaterThan(0);
  expect(result.restarts).toBeGreaterThan(0);
  expect(result.faultsTotal).toBeGreaterThan(0);
  expect(result.problems).toEqual([]);
  expect(result.lost).toBe(0);
  expect(result.duplicated).toBe(0);
  expect(result.leaked).toBe(0);
  expect(result.diverged).toBe(0);
});
