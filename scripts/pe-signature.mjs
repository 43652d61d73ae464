// Removes the Authenticode signature from a Windows PE file (the certificate table at the end of
// the file, named by the Security data directory). Injecting a SEA blob into node.exe would leave
// its signature invalid; an unsigned file is honest and can be signed again with signtool.
import { readFileSync, writeFileSync } from 'node:fs';

const SECURITY_DIRECTORY = 4;

/** Strips the signature of the PE file at `path` in place; returns the bytes removed (0 if unsigned). */
export function stripPeSignature(path) {
  const buf = readFileSync(path);
  if (buf.readUInt16LE(0) !== 0x5a4d) throw new Error(`${path} is not a Windows executable (no MZ header).`);
  const pe = buf.readUInt32LE(0x3c);
  if (buf.readUInt32LE(pe) !== 0x00004550) throw new Error(`${path} is not a Windows executable (no PE header).`);
  const opt = pe + 24;
  const magic = buf.readUInt16LE(opt);
  if (magic !== 0x20b && magic !== 0x10b) throw new Error(`${path}: unknown optional header 0x${magic.toString(16)}.`);
  const directories = opt + (magic === 0x20b ? 112 : 96);
  const count = buf.readUInt32LE(opt + (magic === 0x20b ? 108 : 92));
  if (count <= SECURITY_DIRECTORY) return 0;
  const entry = directories + SECURITY_DIRECTORY * 8;
  const offset = buf.readUInt32LE(entry);
  const size = buf.readUInt32LE(entry + 4);
  if (offset === 0 || size === 0) return 0;
  // The table is the last thing in a signed file (padded to 8 bytes); anything after it is kept.
  if (offset + size < buf.length - 8) throw new Error(`${path}: data follows the signature; not stripping it.`);
  const out = Buffer.from(buf.subarray(0, offset));
  out.writeUInt32LE(0, entry);
  out.writeUInt32LE(0, entry + 4);
  out.writeUInt32LE(0, opt + 64); // CheckSum: not checked for user-mode programs, and stale now.
  writeFileSync(path, out);
  return buf.length - offset;
}
