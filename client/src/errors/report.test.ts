import { beforeEach, describe, expect, it } from 'vitest';
import { connectReporter, disableReporting, reportOnce, resetReporting } from './report';

describe('reportOnce', () => {
  beforeEach(() => resetReporting());

  it('sends each kind of failure once per page load, however often it repeats', () => {
    const sent: string[] = [];
    connectReporter((_e, kind) => sent.push(kind));
    for (let i = 0; i < 20; i++) reportOnce('sync-pull', new Error('500'));
    reportOnce('storage-quota', new Error('full'));
    reportOnce('storage-quota', new Error('full'));
    expect(sent).toEqual(['sync-pull', 'storage-quota']);
  });

  it('keeps failures from before reporting started and sends them when it starts', () => {
    reportOnce('sync-push', new Error('422'));
    const sent: string[] = [];
    connectReporter((_e, kind) => sent.push(kind));
    expect(sent).toEqual(['sync-push']);
  });

  it('forgets everything when reporting is off', () => {
    reportOnce('sync-push', new Error('422'));
    disableReporting();
    const sent: string[] = [];
    connectReporter((_e, kind) => sent.push(kind));
    reportOnce('sync-pull', new Error('500'));
    expect(sent).toEqual([]);
  });
});
