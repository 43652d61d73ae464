import { STALE_AFTER_MS } from '../../../contract/channels/app';

/** The one time format of the app: local time with its zone, UTC on hover. Log rows keep their own text. */

const pad = (n: number) => String(n).padStart(2, '0');

function parts(at: Date, timeZone: string | undefined): Record<string, string> {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    ...(timeZone ? { timeZone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return Object.fromEntries(fmt.formatToParts(at).map((p) => [p.type, p.value]));
}

function toDate(at: string | Date): Date | null {
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `2026-12-02 14:07:31 CET` (or `… UTC-5` where the zone has no short name); the input as given when it is not a time. */
export function formatLocal(at: string | Date, timeZone?: string): string {
  const d = toDate(at);
  if (!d) return String(at);
  const p = parts(d, timeZone);
  const zone = (p.timeZoneName ?? '').replace(/^GMT(?=[+-]|$)/, 'UTC') || 'UTC';
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${zone}`;
}

/** `2026-12-02 13:07:31 UTC`: the hover text of every time. */
export function formatUtc(at: string | Date): string {
  const d = toDate(at);
  if (!d) return String(at);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** `just now`, `3 min ago`, `2 h ago`, `4 days ago`. */
export function formatAge(at: string | Date, now: number = Date.now()): string {
  const d = toDate(at);
  if (!d) return 'at an unknown time';
  const s = Math.max(0, Math.round((now - d.getTime()) / 1000));
  if (s < 45) return 'just now';
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** True when a result is older than `STALE_AFTER_MS`, or was measured before this start of main. */
export function isStale(at: string | Date, now: number = Date.now(), startedAt?: string): boolean {
  const d = toDate(at);
  if (!d) return true;
  if (now - d.getTime() > STALE_AFTER_MS) return true;
  const start = startedAt ? Date.parse(startedAt) : NaN;
  return !Number.isNaN(start) && d.getTime() < start;
}
