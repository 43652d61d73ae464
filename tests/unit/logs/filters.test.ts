import { describe, expect, it } from 'vitest';
import { buildMatcher, entryPredicate, secretIds, splitHighlights } from '../../../renderer/src/features/logs/filters';
import type { LogEntry } from '../../../contract/channels/logs';

const entry = (text: string, level?: LogEntry['level']): LogEntry => ({
  offset: 0,
  end: 1,
  lines: 1,
  text,
  truncated: false,
  ...(level ? { level } : {}),
});

describe('viewer filters', () => {
  it('finds secret ids in the ways logs write them', () => {
    expect(secretIds('SecretChanged received for secretId=1234')).toEqual(['1234']);
    expect(secretIds('{"SecretId":"77","x":1} and secret id 5, secret_id: 9, SecretId=77')).toEqual(['77', '5', '9']);
    expect(secretIds('secretive 12, idsecret 3')).toEqual([]);
  });

  it('reports an invalid regex instead of throwing, and matches case-insensitively', () => {
    const bad = buildMatcher('([a-', true);
    expect(bad.error).toBeTruthy();
    expect(bad.test('anything')).toBe(true);
    expect(buildMatcher('a.c', false).test('A.C')).toBe(true);
    expect(buildMatcher('a.c', false).test('abc')).toBe(false);
    expect(buildMatcher('a.c', true).test('abc')).toBe(true);
  });

  it('filters by minimum level, text and secret id', () => {
    const p = entryPredicate('warn', buildMatcher('token', false), '42');
    expect(p(entry('token failed secretId=42', 'error'))).toBe(true);
    expect(p(entry('token failed secretId=42', 'info'))).toBe(false);
    expect(p(entry('token failed secretId=421', 'error'))).toBe(false);
    expect(p(entry('token failed secretId=42'))).toBe(false);
    expect(entryPredicate('all', buildMatcher('', false), null)(entry('plain'))).toBe(true);
  });

  it('splits text into highlighted parts, merging overlaps', () => {
    expect(splitHighlights('abcabc', [/b/gi, /bc/gi])).toEqual([
      { text: 'a', hit: false },
      { text: 'bc', hit: true },
      { text: 'a', hit: false },
      { text: 'bc', hit: true },
    ]);
    expect(splitHighlights('x', [null])).toEqual([{ text: 'x', hit: false }]);
  });
});
