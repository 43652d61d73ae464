import { describe, expect, it } from 'vitest';
import { ContractError } from '../../../contract/errors';
import { MAX_SECRET_BYTES, checkClientRequestToken, checkSecretName, checkSecretValue, deriveClientRequestToken } from '../../../main/aws';

describe('input checks before calling AWS', () => {
  it('accepts exactly 64 KB and refuses one byte more', () => {
    expect(checkSecretValue('x'.repeat(MAX_SECRET_BYTES))).toEqual({ SecretString: 'x'.repeat(MAX_SECRET_BYTES) });
    expect(() => checkSecretValue('x'.repeat(MAX_SECRET_BYTES + 1))).toThrow(/65,536 bytes \(64 KB\)/);
    expect(() => checkSecretValue(new Uint8Array(MAX_SECRET_BYTES + 1))).toThrow(ContractError);
    expect(() => checkSecretValue('')).toThrow(/empty/);
  });

  it('checks names and tokens with the field named', () => {
    expect(() => checkSecretName('ok/name_+=.@-1')).not.toThrow();
    for (const bad of ['', 'with space', 'back\\slash', 'a'.repeat(513), 'ünïcode']) {
      try {
        checkSecretName(bad);
        expect.unreachable(bad);
      } catch (e) {
        expect((e as ContractError).details).toEqual({ field: 'name' });
      }
    }
    expect(() => checkClientRequestToken('short')).toThrow(/32–64/);
  });

  it('derives a stable UUID-shaped token from the same parts and a different one from other parts', () => {
    const a = deriveClientRequestToken('42', 'hash-1');
    expect(a).toBe(deriveClientRequestToken('42', 'hash-1'));
    expect(a).not.toBe(deriveClientRequestToken('42', 'hash-2'));
    expect(a).not.toBe(deriveClientRequestToken('4', '2hash-1'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() => checkClientRequestToken(a)).not.toThrow();
  });
});
