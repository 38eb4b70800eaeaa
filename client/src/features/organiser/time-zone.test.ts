import { describe, expect, it } from 'vitest';
import { offsetLabel, utcToZoned, zonedToUtc } from './time-zone';

describe('phase dates in a time zone', () => {
  it('stores a wall-clock time entered in a zone as the UTC instant', () => {
    expect(zonedToUtc('2027-03-01T09:00', 'America/Sao_Paulo')).toBe('2027-03-01T12:00:00.000Z');
    expect(zonedToUtc('2027-03-01T18:00', 'Europe/Paris')).toBe('2027-03-01T17:00:00.000Z');
    expect(zonedToUtc('2027-03-01T09:00', 'Asia/Kolkata')).toBe('2027-03-01T03:30:00.000Z');
    expect(zonedToUtc('2027-03-01T09:00', 'UTC')).toBe('2027-03-01T09:00:00.000Z');
  });

  it('follows daylight saving: the same wall clock in summer is an hour earlier in UTC', () => {
    expect(zonedToUtc('2027-07-01T18:00', 'Europe/Paris')).toBe('2027-07-01T16:00:00.000Z');
    // The last hour before the autumn change, and the first after the spring one.
    expect(zonedToUtc('2027-10-31T01:30', 'Europe/Paris')).toBe('2027-10-30T23:30:00.000Z');
    expect(zonedToUtc('2027-03-28T03:30', 'Europe/Paris')).toBe('2027-03-28T01:30:00.000Z');
  });

  it('shows a stored instant back as the wall clock in its zone (round trip)', () => {
    for (const [local, zone] of [
      ['2027-03-01T09:00', 'America/Sao_Paulo'],
      ['2027-07-01T18:00', 'Europe/Paris'],
      ['2027-12-31T23:59', 'Pacific/Auckland'],
      ['2027-01-01T00:00', 'Asia/Kathmandu'],
    ] as const) {
      expect(utcToZoned(zonedToUtc(local, zone)!, zone)).toBe(local);
    }
    expect(utcToZoned('2027-03-01T12:00:00.000Z', 'Asia/Tokyo')).toBe('2027-03-01T21:00');
  });

  it('refuses text that is not a date-time', () => {
    expect(zonedToUtc('', 'UTC')).toBeNull();
    expect(zonedToUtc('2027-02-30T09:00', 'UTC')).toBeNull();
    expect(zonedToUtc('tomorrow', 'UTC')).toBeNull();
  });

  it('labels the offset of a zone at a date', () => {
    expect(offsetLabel(Date.parse('2027-01-15T00:00:00Z'), 'Europe/Paris')).toBe('UTC+01:00');
    expect(offsetLabel(Date.parse('2027-01-15T00:00:00Z'), 'America/Sao_Paulo')).toBe('UTC−03:00');
    expect(offsetLabel(Date.parse('2027-01-15T00:00:00Z'), 'Asia/Kolkata')).toBe('UTC+05:30');
  });
});
