import type { LogFormat } from '../../contract/channels/logs';
import { ContractError } from '../../contract';
import { unitSize } from './encoding';
import type { OpenLog } from './file-access';
import { parseHeader } from './formats';
import { toIso } from './levels';
import { checkAborted, readLinesForward } from './line-reader';

/** Parses the user's "jump to" time; VALIDATION naming `time` when it is not a date. */
export function parseJumpTime(raw: string): number {
  const iso = toIso(raw);
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t))
    throw new ContractError('VALIDATION', `Not a date and time: "${raw}" (use 2025-01-31 14:02:11)`, { details: { field: 'time' } });
  return t;
}

/** The first timestamped line at or after `pos` (skipping the partial line `pos` falls into). */
async function firstStampAfter(log: OpenLog, format: LogFormat, pos: number): Promise<{ offset: number; t: number } | null> {
  const { lines } = await readLinesForward(log, pos, { maxLines: 500, cut: 1024, until: Math.min(log.size, pos + 1024 * 1024) });
  for (const [i, l] of lines.entries()) {
    if (i === 0 && pos > log.bom) continue;
    const h = parseHeader(format, l.text);
    const t = h?.ts ? Date.parse(h.ts) : NaN;
    if (!Number.isNaN(t)) return { offset: l.offset, t };
  }
  return null;
}

/**
 * Offset of the first entry stamped at or after `target`, by binary search over byte offsets
 * (logs are written in time order), so it costs a few dozen small reads whatever the size.
 * Past the last entry it answers the end of the file.
 */
export async function locateTime(log: OpenLog, format: LogFormat, target: number, signal?: AbortSignal): Promise<number> {
  const unit = unitSize(log.encoding);
  let lo = log.bom;
  let hi = log.size;
  while (hi - lo > 64 * 1024) {
    checkAborted(signal);
    let mid = Math.floor((lo + hi) / 2);
    mid -= (mid - log.bom) % unit;
    const s = await firstStampAfter(log, format, mid);
    if (!s || s.t >= target) hi = mid;
    else lo = s.offset;
  }
  // Finish with a short forward scan from a known line start.
  let pos = lo;
  if (lo > log.bom) {
    const s = await firstStampAfter(log, format, lo - unit);
    pos = s ? Math.min(s.offset, lo) : lo;
  }
  for (;;) {
    const { lines, next } = await readLinesForward(log, pos, { maxLines: 2000, cut: 1024, signal });
    for (const l of lines) {
      const h = parseHeader(format, l.text);
      const t = h?.ts ? Date.parse(h.ts) : NaN;
      if (!Number.isNaN(t) && t >= target) return l.offset;
    }
    if (lines.length === 0 || next >= log.size) return next;
    pos = next;
  }
}
