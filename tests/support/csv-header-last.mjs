// Preloaded with `node --import` by tests/integration/foundation/security-step.test.ts: makes
// electronegativity's CSV header write land after its rows, an order its two concurrent
// fs.writeFile calls take at random under load. Any later writeFile to the same file releases
// the held header write once it has finished.
import fs from 'node:fs';

const original = fs.writeFile;
const held = new Map();
fs.writeFile = function writeFile(file, data, ...rest) {
  const cb = rest[rest.length - 1];
  if (typeof data === 'string' && data.startsWith('issue, severity')) {
    held.set(String(file), () => original.call(fs, file, data, ...rest));
    return;
  }
  const release = held.get(String(file));
  if (release && typeof cb === 'function') {
    held.delete(String(file));
    rest[rest.length - 1] = (err) => {
      release();
      cb(err);
    };
  }
  return original.call(fs, file, data, ...rest);
};
