/**
 * Phase dates are entered as wall-clock times in the phase's IANA time zone and stored as UTC
 * instants. Intl knows every zone's rules (daylight saving included), so no date library.
 */

/** What `<input type="datetime-local">` holds: "2027-03-01T09:00". */
export type LocalDateTime = string;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `ms`, as the milliseconds of the same clock in UTC. */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(ms))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The zone's offset from UTC at that instant, in minutes (Paris in winter: 60). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallClockMs(whole, timeZone) - whole) / 60_000);
}

/**
 * A wall-clock time in `timeZone` as an ISO instant, or null when the text is not a date-time.
 * A time skipped by a daylight-saving change (02:30 on the spring-forward night) moves forward by
 * the gap, as clocks do.
 */
export function zonedToUtc(local: LocalDateTime, timeZone: string): string | null {
  const m = LOCAL.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  if (new Date(wall).getUTCDate() !== d || h > 23 || mi > 59) return null;
  // The offset at the guessed instant can differ from the offset at the real one near a change:
  // a second pass settles it.
  let instant = wall - offsetMinutes(wall, timeZone) * 60_000;
  const second = offsetMinutes(instant, timeZone);
  instant = wall - second * 60_000;
  return new Date(instant).toISOString();
}

/** An ISO instant as the wall-clock time in `timeZone` ("2027-03-01T09:00"). */
export function utcToZoned(iso: string, timeZone: string): LocalDateTime {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  return new Date(wallClockMs(ms, timeZone)).toISOString().slice(0, 16);
}

/** "UTC+01:00", "UTC−03:00": shown beside a zone so the organiser sees what it means. */
export function offsetLabel(ms: number, timeZone: string): string {
  const total = offsetMinutes(ms, timeZone);
  const sign = total < 0 ? '−' : '+';
  const abs = Math.abs(total);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `UTC${sign}${hh}:${mm}`;
}

/** Every zone the browser knows, for the picker; UTC first. */
export function knownTimeZones(): string[] {
  const all =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ([] as string[]);
  return ['UTC', ...all.filter((z) => z !== 'UTC')];
}

/** The device's own zone, the default for a new phase. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
