import { describe, expect, it } from 'vitest';
import { browserWantsDataSaver } from './data-saver';

describe('browserWantsDataSaver', () => {
  it('follows Save-Data and 2G links', () => {
    expect(browserWantsDataSaver({ saveData: true, effectiveType: '4g' })).toBe(true);
    expect(browserWantsDataSaver({ effectiveType: '2g' })).toBe(true);
    expect(browserWantsDataSaver({ effectiveType: 'slow-2g' })).toBe(true);
    expect(browserWantsDataSaver({ effectiveType: '3g' })).toBe(false);
    expect(browserWantsDataSaver(undefined)).toBe(false);
  });
});
