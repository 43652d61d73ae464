import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../../main/shared/map-limit';

describe('mapLimit', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return n * 10 + i;
    });
    expect(out).toEqual([50, 11, 42, 23, 34]);
    expect(peak).toBe(2);
  });

  it('handles no items', async () => {
    expect(await mapLimit([], 3, async () => 1)).toEqual([]);
  });
});
