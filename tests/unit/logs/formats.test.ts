import { describe, expect, it } from 'vitest';
import { detectFormat, parseHeader } from '../../../main/logs/formats';
import { groupEntries } from '../../../main/logs/entries';
import type { RawLine } from '../../../main/logs/line-reader';
import { renderTemplate } from '../../../main/logs/json-format';
import { atLeast, normaliseLevel, toIso } from '../../../main/logs/levels';

const raw = (texts: string[]): RawLine[] => {
  let off = 0;
  return texts.map((text) => {
    const l = { offset: off, end: off + text.length + 1, text, truncated: false, complete: true };
    off = l.end;
    return l;
  });
};

describe('log formats', () => {
  it('parses a log4net Distributed Engine line (UTC, (null) context, padded level)', () => {
    const line = '2016-03-08 15:15:02,123 (null) [12] INFO  Thycotic.DistributedEngine.Service.X - Engine is starting';
    expect(parseHeader('log4net', line)).toEqual({
      ts: '2016-03-08T15:15:02.123Z',
      level: 'info',
      logger: 'Thycotic.DistributedEngine.Service.X',
      message: 'Engine is starting',
    });
    expect(detectFormat([line, line.replace('INFO ', 'WARN ')])).toBe('log4net');
  });

  it('parses Serilog text with its offset and three-letter level', () => {
    const h = parseHeader('serilog', '2025-01-31 14:02:11.123 +01:00 [WRN] SecretChanged received for secretId=1234');
    expect(h).toEqual({ ts: '2025-01-31T13:02:11.123Z', level: 'warn', message: 'SecretChanged received for secretId=1234' });
    expect(detectFormat(['2025-01-31 14:02:11.123 +00:00 [INF] a', '2025-01-31 14:02:12.000 +00:00 [ERR] b'])).toBe('serilog');
  });

  it('parses the NLog default layout', () => {
    const h = parseHeader('nlog', '2025-01-31 14:02:11.1234|INFO|Delinea.Cache.Refresher|Refreshed secret 42');
    expect(h).toEqual({ ts: '2025-01-31T14:02:11.123Z', level: 'info', logger: 'Delinea.Cache.Refresher', message: 'Refreshed secret 42' });
    expect(detectFormat(['2025-01-31 14:02:11.1234|INFO|A|x', '2025-01-31 14:02:11.1234|ERROR|A|y'])).toBe('nlog');
  });

  it('parses Microsoft.Extensions.Logging console output with the message on the next line', () => {
    const lines = [
      'info: Microsoft.Hosting.Lifetime[14]',
      '      Now listening on: http://localhost:5000',
      'fail: Cache.Api[0]',
      '      Token request failed',
    ];
    expect(detectFormat(lines)).toBe('mel');
    const entries = groupEntries(raw(lines), 'mel');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      level: 'info',
      logger: 'Microsoft.Hosting.Lifetime',
      message: 'Now listening on: http://localhost:5000',
      lines: 2,
    });
    expect(entries[1]).toMatchObject({ level: 'error', logger: 'Cache.Api', message: 'Token request failed' });
  });

  it('parses Serilog compact JSON, rendering the template and defaulting @l to Information', () => {
    const line =
      '{"@t":"2025-01-31T14:02:11.1230000Z","@mt":"Refreshed {SecretId} in {Ms} ms","SecretId":42,"Ms":7,"SourceContext":"Cache.Refresh"}';
    expect(parseHeader('json', line)).toEqual({
      ts: '2025-01-31T14:02:11.123Z',
      level: 'info',
      logger: 'Cache.Refresh',
      message: 'Refreshed 42 in 7 ms',
    });
    const err = '{"@t":"2025-01-31T14:02:12Z","@l":"Error","@m":"Boom","@x":"System.Exception: Boom"}';
    expect(parseHeader('json', err)).toMatchObject({ level: 'error', message: 'Boom\nSystem.Exception: Boom' });
    expect(detectFormat([line, err])).toBe('json');
    expect(parseHeader('json', '{not json')).toBeNull();
    expect(renderTemplate('{{literal}} {Missing} {A:000}', { A: 5 })).toBe('{literal} {Missing} 5');
  });

  it('keeps a stack trace in the entry it belongs to', () => {
    const lines = [
      '2025-01-31 14:02:11.123 +00:00 [ERR] Refresh failed for secretId=7',
      'System.Net.Http.HttpRequestException: 401 (Unauthorized)',
      '   at Cache.Client.GetSecret(Int32 id)',
      '2025-01-31 14:02:12.000 +00:00 [INF] Next',
    ];
    const entries = groupEntries(raw(lines), 'serilog', 10);
    expect(entries.map((e) => e.lines)).toEqual([3, 1]);
    expect(entries[0]!.text.split('\n')).toHaveLength(3);
    expect(entries[0]!.line).toBe(10);
    expect(entries[1]!.line).toBe(13);
    expect(entries[1]!.offset).toBe(entries[0]!.end);
  });

  it('marks lines that continue an earlier batch', () => {
    const entries = groupEntries(raw(['   at X.Y()', '2025-01-31 14:02:12.000 +00:00 [INF] Next']), 'serilog');
    expect(entries[0]).toMatchObject({ continuation: true, lines: 1 });
    expect(entries[1]!.continuation).toBeUndefined();
  });

  it('shows unknown formats as plain lines, one entry per line', () => {
    const lines = ['hello world', 'second line', '   indented'];
    expect(detectFormat(lines)).toBe('plain');
    expect(groupEntries(raw(lines), 'plain').map((e) => e.text)).toEqual(lines);
  });

  it('normalises levels and times', () => {
    expect(['VRB', 'dbug', 'Information', 'WARNING', 'fail', 'crit', 'nope'].map(normaliseLevel)).toEqual([
      'trace',
      'debug',
      'info',
      'warn',
      'error',
      'fatal',
      undefined,
    ]);
    expect(atLeast('error', 'warn')).toBe(true);
    expect(atLeast('info', 'warn')).toBe(false);
    expect(toIso('2025-01-31 14:02:11,5')).toBe('2025-01-31T14:02:11.500Z');
    expect(toIso('2025-01-31T14:02:11-0130')).toBe('2025-01-31T15:32:11.000Z');
  });
});

describe('search prefilter', () => {
  it('extracts only literals every match must contain', async () => {
    const { requiredLiteral } = await import('../../../main/logs/search');
    expect(requiredLiteral(String.raw`secretId=4242\b`, true, true)).toBe('secretId=4242');
    expect(requiredLiteral(String.raw`secretId=4242\b`, true, false)).toBe('=4242');
    expect(requiredLiteral('abcd?ef', true, true)).toBe('abc');
    expect(requiredLiteral('a|bcdef', true, true)).toBeNull();
    expect(requiredLiteral(String.raw`foo\.bar[xyz]+baz`, true, true)).toBe('foo.bar');
    expect(requiredLiteral('a.b', false, true)).toBe('a.b');
  });
});
