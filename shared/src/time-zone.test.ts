import { describe, expect, it } from 'vitest';
import { Phase } from './documents';
import { isTimeZone } from './primitives';

const phase = { id: '0195f0c2-7a1b-7c3d-8e4f-0123456789ab', name: { en: 'One' } };
const dates = { opensAt: '2027-03-01T12:00:00.000Z', closesAt: '2027-03-09T00:00:00.000Z' };

describe('a phase’s time zone', () => {
  it('is an IANA name the runtime knows', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('America/Sao_Paulo')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('is kept as given, and is UTC for a phase stored before zones existed', () => {
    expect(Phase.parse({ ...phase, ...dates, timeZone: 'Asia/Kolkata' }).timeZone).toBe('Asia/Kolkata');
    expect(Phase.parse({ ...phase, ...dates }).timeZone).toBe('UTC');
  });

  it('refuses an unknown zone with a message that names the expected form', () => {
    const result = Phase.safeParse({ ...phase, ...dates, timeZone: 'Paris' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['timeZone']);
    expect(result.error?.issues[0]?.message).toContain('IANA');
  });
});
