import { writeFileSync } from 'node:fs';
import type { ChaosResult } from './scenario';

/** The figures of a run, as printed at its end. */
export function formatReport(r: ChaosResult): string {
  const faults = Object.entries(r.faults)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const outcomes = Object.entries(r.decisionOutcomes)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  const lines = [
    `Chaos run on ${r.database}`,
    `  devices          ${r.devices} (${r.moderators} moderators) in ${r.processes} processes`,
    `  posts written    ${r.postsWritten} (${r.replies} replies)`,
    `  decisions        ${r.decisions} (${outcomes || 'none'})`,
    `  offline periods  ${r.offlinePeriods}`,
    `  faults injected  ${r.faultsTotal} of ${r.requestsThroughProxy} requests: ${faults}`,
    `  server restarts  ${r.restarts} (SIGKILL)`,
    `  refused by server ${r.refused} ${JSON.stringify(r.refusedWhy)}`,
    `  lost             ${r.lost}`,
    `  duplicated       ${r.duplicated}`,
    `  leaked           ${r.leaked}`,
    `  diverged devices ${r.diverged} (converged in ${(r.convergeMs / 1000).toFixed(1)} s)`,
    `  wall time        ${(r.wallMs / 1000).toFixed(1)} s`,
  ];
  if (r.problems.length > 0) lines.push('Problems:', ...r.problems.map((p) => `  ${p}`));
  return lines.join('\n');
}

export function writeResults(r: ChaosResult, file: string): void {
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), ...r }, null, 2) + '\n');
}
