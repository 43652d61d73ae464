/** What the "Jump to" field asks for: a line, an instant (ISO, UTC), or why it cannot be read. */
export type JumpTarget = { readonly line: number } | { readonly time: string } | { readonly error: string };

/** The forms the field accepts, shown when the input is not one of them. */
export const JUMP_FORMS = 'a line number, 2025-01-31 14:02, 10:42, -15m or yesterday 14:00';

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3}))?)?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const RELATIVE = /^-\s*(\d{1,6})\s*(s|sec|m|min|h|hr|d|day)s?(?:\s+ago)?$/i;
const UNIT_MS: Record<string, number> = { s: 1e3, sec: 1e3, m: 6e4, min: 6e4, h: 36e5, hr: 36e5, d: 864e5, day: 864e5 };

/** A local wall-clock time on `day` (local calendar), or null when a field is out of range. */
function localAt(day: Date, h: number, mi: number, s: number, ms: number): Date | null {
  if (h > 23 || mi > 59 || s > 59) return null;
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, mi, s, ms);
}

const msOf = (frac: string | undefined) => (frac ? Math.round(Number(`0.${frac}`) * 1000) : 0);

function clockOn(day: Date, clock: string): Date | null {
  const m = CLOCK.exec(clock);
  if (!m) return null;
  return localAt(day, Number(m[1]), Number(m[2]), Number(m[3] ?? 0), msOf(m[4]));
}

function parseTime(v: string, now: Date): Date | null {
  if (/^now$/i.test(v)) return now;
  const rel = RELATIVE.exec(v);
  if (rel) return new Date(now.getTime() - Number(rel[1]) * UNIT_MS[rel[2]!.toLowerCase()]!);
  const named = /^(today|yesterday)(?:\s+(?:at\s+)?(.+))?$/i.exec(v);
  if (named) {
    const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (named[1]!.toLowerCase() === 'yesterday' ? 1 : 0));
    return named[2] ? clockOn(day, named[2].trim()) : day;
  }
  if (CLOCK.test(v)) return clockOn(now, v);
  if (ZONED.test(v) && /^\d{4}-\d{2}-\d{2}[ T]\d/.test(v)) {
    const t = Date.parse(v.replace(' ', 'T'));
    return Number.isNaN(t) ? null : new Date(t);
  }
  const m = DATE_TIME.exec(v);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac] = m;
  const day = new Date(Number(y), Number(mo) - 1, Number(d));
  // 2025-02-30 rolls over in Date: reject it instead of jumping to March.
  if (day.getMonth() !== Number(mo) - 1 || day.getDate() !== Number(d)) return null;
  return localAt(day, Number(h), Number(mi), Number(s), msOf(frac));
}

/**
 * Reads what an admin types into "Jump to": a line number, an ISO time (with or without zone),
 * `10:42` (today), `-15m` / `-2h` / `-1d` (before `now`), `yesterday 14:00`, `today 09:00`.
 * Times without a zone are in the app's local zone; the result is an ISO instant in UTC.
 */
export function parseJumpInput(raw: string, now: Date = new Date()): JumpTarget {
  const v = raw.trim();
  if (v === '') return { error: `Type ${JUMP_FORMS}` };
  if (/^\d+$/.test(v)) {
    const line = Number(v);
    return line >= 1 && Number.isSafeInteger(line) ? { line } : { error: 'Line numbers start at 1' };
  }
  const t = parseTime(v, now);
  if (!t || Number.isNaN(t.getTime()))
    return { error: `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}" is not a line or time: use ${JUMP_FORMS}` };
  return { time: t.toISOString() };
}
