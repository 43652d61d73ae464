import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { absoluteLogPath } from '../../../main/logs/appsettings';
import { resolveLogSource } from '../../../main/logs/source';
import { tempDir } from './temp';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

const settings = (body: string) => writeFileSync(join(t.dir, 'appsettings.json'), body);

describe('Credentials Cache appsettings.json', () => {
  it('reads comments, trailing commas and a BOM, and resolves a relative LogPath against the install folder', async () => {
    mkdirSync(join(t.dir, 'Logs'));
    writeFileSync(join(t.dir, 'Logs', 'credcache-20250131.log'), 'a\n');
    writeFileSync(join(t.dir, 'Logs', 'credcache-20250201.log'), 'b\n');
    settings(
      '\uFEFF{\n  // logging\n  "EnableLogging": true, /* block */\n  "LogPath": "Logs",\n  "Logging": { "LogLevel": { "Default": "Information", }, },\n}\n',
    );
    for (const input of [t.dir, join(t.dir, 'appsettings.json')]) {
      const src = await resolveLogSource(input);
      expect(src.kind).toBe('credentials-cache');
      expect(src.warnings).toEqual([]);
      expect(src.folder).toBe(join(t.dir, 'Logs'));
      expect(src.appsettings).toMatchObject({ enableLogging: true, logPath: 'Logs' });
      expect(src.current).toBe(join(t.dir, 'Logs', 'credcache-20250201.log'));
    }
  });

  it('warns, naming the key and file, when EnableLogging is false', async () => {
    mkdirSync(join(t.dir, 'Logs'));
    settings('{ "EnableLogging": "False", "LogPath": "./Logs" }');
    const src = await resolveLogSource(t.dir);
    const w = src.warnings.find((x) => x.code === 'ENABLE_LOGGING_FALSE');
    expect(w).toMatchObject({ key: 'EnableLogging', file: join(t.dir, 'appsettings.json') });
    expect(w!.message).toContain('EnableLogging');
  });

  it('warns when LogPath is missing or points nowhere', async () => {
    settings('{ "EnableLogging": true }');
    expect((await resolveLogSource(t.dir)).warnings).toEqual([expect.objectContaining({ code: 'LOG_PATH_MISSING', key: 'LogPath' })]);
    settings('{ "EnableLogging": true, "LogPath": "nowhere" }');
    const src = await resolveLogSource(t.dir);
    expect(src.warnings).toEqual([
      expect.objectContaining({ code: 'LOG_PATH_UNREADABLE', key: 'LogPath', file: join(t.dir, 'appsettings.json') }),
    ]);
    expect(src.warnings[0]!.message).toContain(join(t.dir, 'nowhere'));
  });

  it('reports malformed JSON with the file and line', async () => {
    settings('{\n  "LogPath": "Logs"\n  "EnableLogging": true\n}');
    const src = await resolveLogSource(t.dir);
    expect(src.warnings[0]).toMatchObject({ code: 'APPSETTINGS_INVALID', file: join(t.dir, 'appsettings.json') });
    expect(src.warnings[0]!.message).toMatch(/line 3/);
  });

  it('keeps absolute Windows paths and resolves relative ones in Windows terms', () => {
    expect(absoluteLogPath('D:\\Logs\\Cache', 'C:\\inetpub\\wwwroot\\DelineaCredCache')).toBe('D:\\Logs\\Cache');
    expect(absoluteLogPath('.\\Logs', 'C:\\inetpub\\wwwroot\\DelineaCredCache')).toBe('C:\\inetpub\\wwwroot\\DelineaCredCache\\Logs');
    expect(absoluteLogPath('logs', '/opt/cache')).toBe('/opt/cache/logs');
  });

  it('resolves a plain folder and a single file, and fails on a missing path with a FILE error', async () => {
    writeFileSync(join(t.dir, 'SSDE.log'), 'x\n');
    writeFileSync(join(t.dir, 'SSDE.log.1'), 'y\n');
    const folder = await resolveLogSource(t.dir);
    expect(folder.kind).toBe('folder');
    expect(folder.current).toBe(join(t.dir, 'SSDE.log'));
    const file = await resolveLogSource(join(t.dir, 'SSDE.log.1'));
    expect(file.current).toBe(join(t.dir, 'SSDE.log.1'));
    expect(file.sets[0]!.files.map((f) => f.name)).toEqual(['SSDE.log.1', 'SSDE.log']);
    await expect(resolveLogSource(join(t.dir, 'missing'))).rejects.toMatchObject({ code: 'FILE', details: { field: 'input' } });
  });
});
