import type { LogLevel } from '../../../../contract/channels/logs';

/** Colours of one level in one theme: the level token's text, the row's tint (none for quiet levels). */
export interface LevelColors {
  readonly token: string;
  readonly row?: string;
}

/** Backgrounds of the log pane (MUI's paper) that the colours are checked against. */
export const PANE_BG = { light: '#ffffff', dark: '#121212' } as const;

/** Level colours per theme; every token passes WCAG AA (4.5:1) on the pane and on its own row tint. */
export const LEVEL_COLORS: Record<'light' | 'dark', Record<LogLevel, LevelColors>> = {
  light: {
    trace: { token: '#6b6b6b' },
    debug: { token: '#5c6670' },
    info: { token: '#0b5cad' },
    warn: { token: '#7a4a00', row: '#fff4dc' },
    error: { token: '#b3261e', row: '#fdeceb' },
    fatal: { token: '#8c1d18', row: '#f9dedc' },
  },
  dark: {
    trace: { token: '#9e9e9e' },
    debug: { token: '#a7b3bf' },
    info: { token: '#8cc4ff' },
    warn: { token: '#ffc266', row: '#33280f' },
    error: { token: '#ff8a80', row: '#3d1b1a' },
    fatal: { token: '#ffb4ab', row: '#4d1f1c' },
  },
};

/** Text and background of a highlighted match: dark text on yellow in both themes (never white on orange). */
export const HIGHLIGHT = { color: '#1a1a1a', bg: '#ffd54f' } as const;

// Level words as log4net, Serilog, NLog and Microsoft.Extensions.Logging write them.
const TOKEN =
  /(?<![\w-])(TRACE|VERBOSE|VRB|TRC|trce|DEBUG|DBG|dbug|INFO|INFORMATION|INF|info|WARN|WARNING|WRN|warn|ERROR|ERR|fail|FATAL|FTL|CRITICAL|CRIT|crit)(?![\w-])/;

/** Where the entry's level word sits in its first line ([start, end)), when it can be found near the start. */
export function levelTokenRange(text: string): [number, number] | null {
  const firstLine = text.slice(0, Math.min(text.length, 160)).split('\n')[0]!;
  const m = TOKEN.exec(firstLine);
  return m ? [m.index, m.index + m[0].length] : null;
}

const channel = (v: number) => {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};

/** Relative luminance of a `#rrggbb` colour (WCAG 2). */
export function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

/** WCAG contrast ratio of two `#rrggbb` colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
