import type { LogEntry, LogLevel } from '../../../../contract/channels/logs';
import { LOG_LEVELS } from '../../../../contract/channels/logs';

/** A text or regex matcher; `error` explains an invalid regex instead of throwing. */
export interface Matcher {
  readonly test: (s: string) => boolean;
  /** Global regex for highlighting, when there is something to highlight. */
  readonly re: RegExp | null;
  readonly error?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What is wrong with a pattern, without the engine's "Invalid regular expression: /…/gi:" preamble. */
export function regexProblem(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '') || msg;
}

/** Builds the filter matcher; an empty pattern matches everything. */
export function buildMatcher(pattern: string, regex: boolean): Matcher {
  if (pattern === '') return { test: () => true, re: null };
  try {
    const re = new RegExp(regex ? pattern : escape(pattern), 'gi');
    const one = new RegExp(re.source, 'i');
    return { test: (s) => one.test(s), re };
  } catch (err) {
    return { test: () => true, re: null, error: regexProblem(err) };
  }
}

// `secretId=12`, `SecretId: 12`, `"secretId":"12"`, `secret id 12`, `secret_id=12`.
const SECRET_ID = /\bsecret[\s_-]?id\b["']?\s*[:=]?\s*["']?(\d{1,10})\b/gi;

/** Secret ids mentioned in a text, each once, in order of appearance. */
export function secretIds(text: string): string[] {
  const ids = new Set<string>();
  for (const m of text.matchAll(SECRET_ID)) ids.add(m[1]!);
  return [...ids];
}

/** True when the entry mentions secret `id`. */
export function mentionsSecret(text: string, id: string): boolean {
  return secretIds(text).includes(id);
}

/** Splits text into plain and highlighted parts for every match of the given regexes. */
export function splitHighlights(text: string, regexes: readonly (RegExp | null)[]): Array<{ text: string; hit: boolean }> {
  const ranges: Array<[number, number]> = [];
  for (const re of regexes) {
    if (!re) continue;
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    for (const m of text.matchAll(g)) {
      if (m[0].length === 0) continue;
      ranges.push([m.index, m.index + m[0].length]);
      if (ranges.length > 200) break;
    }
  }
  if (ranges.length === 0) return [{ text, hit: false }];
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: Array<{ text: string; hit: boolean }> = [];
  let pos = 0;
  for (const [s, e] of merged) {
    if (s > pos) out.push({ text: text.slice(pos, s), hit: false });
    out.push({ text: text.slice(s, e), hit: true });
    pos = e;
  }
  if (pos < text.length) out.push({ text: text.slice(pos), hit: false });
  return out;
}

/** The level filter: `all`, or the lowest level shown. */
export type MinLevel = 'all' | LogLevel;

/** Builds the predicate of the viewer's filters. */
export function entryPredicate(min: MinLevel, matcher: Matcher, secretId: string | null): (e: LogEntry) => boolean {
  const minIdx = min === 'all' ? -1 : LOG_LEVELS.indexOf(min);
  return (e) => {
    if (minIdx >= 0 && (!e.level || LOG_LEVELS.indexOf(e.level) < minIdx)) return false;
    if (secretId && !mentionsSecret(e.text, secretId)) return false;
    return matcher.test(e.text);
  };
}
