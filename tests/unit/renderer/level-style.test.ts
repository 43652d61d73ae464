import { describe, expect, it } from 'vitest';
import { LOG_LEVELS } from '../../../contract/channels/logs';
import { contrastRatio, HIGHLIGHT, LEVEL_COLORS, levelTokenRange, PANE_BG } from '../../../renderer/src/features/logs/level-style';

describe('level colours', () => {
  it('computes WCAG contrast', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('every level token passes AA on the pane and on its row tint, in light and dark; body text passes on the tints', () => {
    for (const mode of ['light', 'dark'] as const) {
      const text = mode === 'light' ? '#1f1f1f' : '#ffffff';
      for (const level of LOG_LEVELS) {
        const c = LEVEL_COLORS[mode][level];
        expect(contrastRatio(c.token, PANE_BG[mode]), `${mode} ${level} token`).toBeGreaterThanOrEqual(4.5);
        if (c.row) {
          expect(contrastRatio(c.token, c.row), `${mode} ${level} token on row`).toBeGreaterThanOrEqual(4.5);
          expect(contrastRatio(text, c.row), `${mode} ${level} text on row`).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
    expect(contrastRatio(HIGHLIGHT.color, HIGHLIGHT.bg)).toBeGreaterThanOrEqual(4.5);
  });

  it('errors and warnings are tinted rows, info is not', () => {
    for (const mode of ['light', 'dark'] as const) {
      expect(LEVEL_COLORS[mode].error.row).toBeTruthy();
      expect(LEVEL_COLORS[mode].warn.row).toBeTruthy();
      expect(LEVEL_COLORS[mode].info.row).toBeUndefined();
    }
  });

  it('finds the level word of common formats', () => {
    const at = (t: string) => {
      const r = levelTokenRange(t);
      return r && t.slice(r[0], r[1]);
    };
    expect(at('2016-03-08 15:15:02,123 (null) [12] ERROR Thycotic.Writer - boom')).toBe('ERROR');
    expect(at('2025-01-31 14:02:11.123 +00:00 [WRN] slow')).toBe('WRN');
    expect(at('fail: Microsoft.Hosting[0]\n      ERROR later')).toBe('fail');
    expect(at('no level here, an error-free line')).toBeNull();
  });
});
