import { ContractError } from '../../contract/errors';
import { errorMessage } from '../shared/errors';

/** Compiles the pattern; an invalid regex is a VALIDATION error naming the `pattern` field. */
export function compilePattern(pattern: string, regex: boolean, caseSensitive: boolean): RegExp {
  const source = regex ? pattern : pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    return new RegExp(source, `gm${caseSensitive ? '' : 'i'}`);
  } catch (err) {
    throw new ContractError('VALIDATION', `Invalid regular expression: ${errorMessage(err)}`, {
      details: { field: 'pattern' },
    });
  }
}

/**
 * The longest run of characters every match must contain, for a fast byte search
 * (`Buffer.indexOf`, memmem) before the regex runs on candidate lines only, as grep does.
 * Conservative: no prefilter for alternations, and for case-insensitive search only a run
 * without letters qualifies.
 */
export function requiredLiteral(pattern: string, regex: boolean, caseSensitive: boolean): string | null {
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  if (!regex) run = pattern;
  else if (pattern.includes('|')) return null;
  else {
    for (let i = 0; i < pattern.length; i += 1) {
      const c = pattern[i]!;
      const next = pattern[i + 1];
      if (next === '*' || next === '?' || next === '{') {
        end(); // the char before an optional quantifier may be absent
        continue;
      }
      if (c === '\\') {
        const e = pattern[i + 1] ?? '';
        i += 1;
        if (/[.*+?^${}()|[\]\\/-]/.test(e) && pattern[i + 1] !== '*' && pattern[i + 1] !== '?' && pattern[i + 1] !== '{') run += e;
        else end();
      } else if ('.^$()[]{}*+?'.includes(c)) {
        end();
        if (c === '[') while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      } else run += c;
    }
  }
  end();
  if (!caseSensitive) {
    const parts = best.split(/[A-Za-z\u0080-\uffff]+/);
    best = parts.reduce((a, b) => (b.length > a.length ? b : a), '');
  }
  return best.length >= 3 ? best : null;
}
