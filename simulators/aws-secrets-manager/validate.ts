import { SimError, invalidParameter, validation } from './errors';

/** Largest SecretString (characters) or SecretBinary (bytes) Secrets Manager accepts. */
export const MAX_SECRET_SIZE = 65_536;

const NAME_RE = /^[A-Za-z0-9/_+=.@-]+$/;
const TOKEN_MIN = 32;
const TOKEN_MAX = 64;

/** Reads an optional string field; anything else is a serialization error as AWS reports it. */
export function optString(input: Record<string, unknown>, field: string): string | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new SimError('SerializationException', `Expected string for ${field}`);
  return v;
}

/** Reads a required string field. */
export function reqString(input: Record<string, unknown>, field: string): string {
  const v = optString(input, field);
  if (v === undefined)
    throw validation(
      `1 validation error detected: Value null at '${lcFirst(field)}' failed to satisfy constraint: Member must not be null`,
    );
  return v;
}

/** Reads an optional integer field within [min, max]. */
export function optInt(input: Record<string, unknown>, field: string, min: number, max: number): number | undefined {
  const v = input[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new SimError('SerializationException', `Expected integer for ${field}`);
  if (v < min || v > max) {
    throw validation(
      `1 validation error detected: Value '${v}' at '${lcFirst(field)}' failed to satisfy constraint: Member must have value between ${min} and ${max}`,
    );
  }
  return v;
}

/** Checks a CreateSecret name: 1–512 characters of letters, digits and `/_+=.@-`. */
export function checkName(name: string): void {
  if (name.length < 1 || name.length > 512) {
    throw validation(
      `1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length between 1 and 512`,
    );
  }
  if (!NAME_RE.test(name)) {
    throw invalidParameter('Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!');
  }
}

/** Checks a ClientRequestToken's length (32–64). */
export function checkToken(token: string | undefined): void {
  if (token === undefined) return;
  if (token.length < TOKEN_MIN || token.length > TOKEN_MAX) {
    throw validation(
      `1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length between ${TOKEN_MIN} and ${TOKEN_MAX}`,
    );
  }
}

/** A secret value as stored: exactly one of string or binary. */
export type SecretValue = { readonly kind: 'string'; readonly text: string } | { readonly kind: 'binary'; readonly bytes: Buffer };

/** Reads SecretString / SecretBinary (base64 on the wire), enforcing "one, not both" and the 64 KB limit. */
export function readValue(input: Record<string, unknown>, required: boolean): SecretValue | undefined {
  const text = optString(input, 'SecretString');
  const b64 = optString(input, 'SecretBinary');
  if (text !== undefined && b64 !== undefined) {
    throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
  }
  if (text !== undefined) {
    if (text.length < 1 || text.length > MAX_SECRET_SIZE) {
      throw validation(
        `1 validation error detected: Value at 'secretString' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SECRET_SIZE}`,
      );
    }
    return { kind: 'string', text };
  }
  if (b64 !== undefined) {
    const bytes = Buffer.from(b64, 'base64');
    if (bytes.length < 1 || bytes.length > MAX_SECRET_SIZE) {
      throw validation(
        `1 validation error detected: Value at 'secretBinary' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SECRET_SIZE}`,
      );
    }
    return { kind: 'binary', bytes };
  }
  if (required) throw invalidParameter('You must provide either SecretString or SecretBinary.');
  return undefined;
}

/** True when two stored values are identical (the idempotency check for ClientRequestToken). */
export function sameValue(a: SecretValue | undefined, b: SecretValue | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.kind === 'string' && b.kind === 'string') return a.text === b.text;
  if (a.kind === 'binary' && b.kind === 'binary') return a.bytes.equals(b.bytes);
  return false;
}

/** A tag as the API carries it. */
export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** Reads and checks a Tags list (key 1–128, value 0–256). */
export function readTags(input: Record<string, unknown>): Tag[] {
  const raw = input.Tags;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new SimError('SerializationException', 'Expected list for Tags');
  return raw.map((t: unknown) => {
    const o = (t ?? {}) as Record<string, unknown>;
    const key = reqString(o, 'Key');
    const value = optString(o, 'Value') ?? '';
    if (key.length < 1 || key.length > 128)
      throw validation("Value at 'tags.member.key' failed to satisfy constraint: Member must have length between 1 and 128");
    if (value.length > 256)
      throw validation("Value at 'tags.member.value' failed to satisfy constraint: Member must have length less than or equal to 256");
    return { Key: key, Value: value };
  });
}

function lcFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
