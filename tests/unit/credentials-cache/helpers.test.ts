import { describe, expect, it } from 'vitest';
import { instanceUrl } from '../../../main/credentials-cache';
import { formatLogLine, logFileName } from '../../../simulators/credentials-cache';

describe('credentials cache helpers', () => {
  it('joins instance URLs with or without a trailing slash and keeps the IIS folder', () => {
    const inst = (url: string): { id: string; name: string; url: string } => ({ id: 'a', name: 'a', url });
    expect(instanceUrl(inst('https://eng01.corp/DelineaCredCache'), 'api/token')).toBe('https://eng01.corp/DelineaCredCache/api/token');
    expect(instanceUrl(inst('https://eng01.corp/DelineaCredCache/'), '/api/token')).toBe('https://eng01.corp/DelineaCredCache/api/token');
    expect(instanceUrl(inst('https://eng01.corp'), 'swagger/index.html')).toBe('https://eng01.corp/swagger/index.html');
  });

  it('formats Serilog lines and daily file names in UTC', () => {
    const at = new Date(Date.UTC(2025, 0, 31, 14, 2, 11, 123));
    expect(formatLogLine(at, 'INF', 'SecretChanged received for secretId=1234')).toBe(
      '2025-01-31 14:02:11.123 +00:00 [INF] SecretChanged received for secretId=1234',
    );
    expect(logFileName(at)).toBe('credcache-20250131.log');
  });
});
