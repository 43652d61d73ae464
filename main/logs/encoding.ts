import type { LogEncoding } from '../../contract/channels/logs';

/** Encoding and the length of the byte-order mark, from the first bytes of a file. */
export function detectEncoding(head: Uint8Array): { encoding: LogEncoding; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  return { encoding: 'utf8', bom: 0 };
}

/** Bytes per newline code unit. */
export function unitSize(enc: LogEncoding): 1 | 2 {
  return enc === 'utf8' ? 1 : 2;
}

/**
 * Index (in `buf`) of the first byte of the next newline at or after `from`, or -1.
 * `base` is the file offset of `buf[0]`: UTF-16 code units sit at even file offsets, so a
 * 0x0A byte at an odd position is half of some other character, not a newline.
 */
export function nextNewline(buf: Uint8Array, from: number, end: number, enc: LogEncoding, base: number): number {
  let i = from;
  while (i < end) {
    const idx = buf.indexOf(0x0a, i);
    if (idx < 0 || idx >= end) return -1;
    switch (enc) {
      case 'utf8':
        return idx;
      case 'utf16le':
        if ((base + idx) % 2 === 0 && idx + 1 < end && buf[idx + 1] === 0) return idx;
        break;
      case 'utf16be':
        if ((base + idx) % 2 === 1 && buf[idx - 1] === 0) return idx - 1;
        break;
      default:
        return assertNever(enc);
    }
    i = idx + 1;
  }
  return -1;
}

/** Index of the first byte of the last newline that ends before `before` (exclusive), or -1. */
export function prevNewline(buf: Uint8Array, before: number, enc: LogEncoding, base: number): number {
  let i = before - 1;
  while (i >= 0) {
    const idx = buf.lastIndexOf(0x0a, i);
    if (idx < 0) return -1;
    switch (enc) {
      case 'utf8':
        return idx;
      case 'utf16le':
        if ((base + idx) % 2 === 0 && idx + 1 < before && buf[idx + 1] === 0) return idx;
        break;
      case 'utf16be':
        if ((base + idx) % 2 === 1 && idx >= 1 && buf[idx - 1] === 0) return idx - 1;
        break;
      default:
        return assertNever(enc);
    }
    i = idx - 1;
  }
  return -1;
}

const utf8 = new TextDecoder('utf-8');
const utf16 = new TextDecoder('utf-16le');

/** Decodes bytes (invalid sequences become U+FFFD; never throws). */
export function decode(bytes: Uint8Array, enc: LogEncoding): string {
  switch (enc) {
    case 'utf8':
      return utf8.decode(bytes);
    case 'utf16le':
      return utf16.decode(bytes.subarray(0, bytes.length - (bytes.length % 2)));
    case 'utf16be': {
      // Not every ICU build ships a UTF-16BE decoder: swap to LE on a copy instead.
      const even = bytes.length - (bytes.length % 2);
      const copy = Buffer.from(bytes.subarray(0, even));
      copy.swap16();
      return utf16.decode(copy);
    }
    default:
      return assertNever(enc);
  }
}

// Control characters (binary garbage) would break the display; tabs stay.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text of one line for display: no trailing CR, control characters replaced by U+FFFD. */
export function cleanLine(text: string): string {
  const t = text.endsWith('\r') ? text.slice(0, -1) : text;
  return t.replace(CONTROL, '\uFFFD');
}

/** Exhaustiveness guard for switches. */
export function assertNever(x: never): never {
  throw new Error(`Unexpected value: ${String(x)}`);
}
