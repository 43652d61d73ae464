import type { ParsedHeader } from './formats';
import { normaliseLevel, toIso } from './levels';

type Json = Record<string, unknown>;

const pick = (o: Json, keys: readonly string[]): unknown => {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
};

const str = (v: unknown): string | undefined => (v === undefined ? undefined : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Renders a Serilog message template (`Refreshed {SecretId} in {Ms} ms`) with the event's
 * properties, as Serilog's own console does; unknown holes stay as written.
 */
export function renderTemplate(template: string, props: Json): string {
  return template.replace(/\{\{|\}\}|\{([@$]?)([A-Za-z0-9_]+)(?:[,:][^}]*)?\}/g, (whole, _op: string, name: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    if (!name || !(name in props)) return whole;
    const v = props[name];
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

/**
 * One JSON line: Serilog compact JSON (`@t`, `@l`, `@mt`/`@m`, `@x`), Serilog JSON formatter
 * (`Timestamp`, `Level`, `MessageTemplate`), or common JSON-lines keys. Null when the line is
 * not a JSON object with a timestamp, level or message.
 */
export function renderJsonEntry(line: string): ParsedHeader | null {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return null;
  const obj = o as Json;
  const t = str(pick(obj, ['@t', 'Timestamp', 'timestamp', '@timestamp', 'time', 'ts', 'date']));
  const rawLevel = str(pick(obj, ['@l', 'Level', 'level', 'severity', 'LogLevel', 'lvl']));
  const props = (typeof obj.Properties === 'object' && obj.Properties !== null ? { ...obj, ...(obj.Properties as Json) } : obj) as Json;
  const template = str(pick(obj, ['@mt', 'MessageTemplate']));
  let message = str(pick(obj, ['@m', 'RenderedMessage', 'message', 'Message', 'msg']));
  if (message === undefined && template !== undefined) message = renderTemplate(template, props);
  const ex = str(pick(obj, ['@x', 'Exception', 'exception']));
  if (t === undefined && rawLevel === undefined && message === undefined) return null;
  // Serilog compact JSON leaves out @l for Information.
  const level = normaliseLevel(rawLevel) ?? ('@t' in obj && rawLevel === undefined ? 'info' : undefined);
  const logger = str(pick(props, ['SourceContext', 'logger', 'Logger', 'category', 'Category', 'logger_name']));
  return {
    ts: t ? toIso(t) : undefined,
    level,
    logger,
    message: ex ? `${message ?? ''}\n${ex}` : (message ?? ''),
  };
}
