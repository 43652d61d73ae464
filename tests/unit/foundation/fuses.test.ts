import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFuses } from '../../../scripts/fuses.mjs';

// Issue 8 item 16: there is no Electron binary here, so the script flips the fuse wire of a
// stand-in file laid out as Electron's: the sentinel, the wire version, its length, one byte per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ON = 0x31;
const OFF = 0x30;

function fakeBinary(fuses = 9): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ec-fuses-')), 'engine-console');
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.from('\x7fELF...code...'),
      Buffer.from(SENTINEL),
      Buffer.from([1, fuses]),
      Buffer.alloc(fuses, ON),
      Buffer.from('...rest'),
    ]),
  );
  return file;
}

const wireOf = (file: string) => {
  const buf = readFileSync(file);
  const at = buf.indexOf(SENTINEL) + SENTINEL.length;
  return [...buf.subarray(at + 2, at + 2 + buf[at + 1]!)];
};

describe('scripts/fuses.mjs', () => {
  it('turns off run-as-node, NODE_OPTIONS, --inspect and file:// privileges, and keeps cookie encryption on', async () => {
    const file = fakeBinary();
    await applyFuses(file);
    // RunAsNode, CookieEncryption, NODE_OPTIONS, inspect, asar integrity, only-asar, V8 snapshot, file privileges, (newer fuse)
    expect(wireOf(file)).toEqual([OFF, ON, OFF, OFF, ON, ON, OFF, OFF, ON]);
  });

  it('refuses a file that is not an Electron binary, naming the reason', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ec-fuses-')), 'not-electron');
    writeFileSync(file, 'hello');
    await expect(applyFuses(file)).rejects.toThrow(/sentinel/);
    await expect(applyFuses(join(tmpdir(), 'missing-binary-xyz'))).rejects.toThrow(/No Electron binary at/);
  });

  it('runs from the command line and prints each fuse', () => {
    const file = fakeBinary();
    const out = execFileSync(process.execPath, [join('scripts', 'fuses.mjs'), file], { encoding: 'utf8' });
    expect(out).toContain('RunAsNode: off');
    expect(out).toContain('EnableCookieEncryption: on');
    expect(out).toContain('OnlyLoadAppFromAsar: on');
  });
});
