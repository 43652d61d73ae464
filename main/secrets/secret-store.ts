/** Where credentials live. Values never leave main unless the user asks to reveal one. */
export interface SecretStore {
  readonly backend: 'safeStorage' | 'encrypted-file' | 'memory';
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  delete(key: string): void;
  keys(): string[];
}

/** A store that keeps values in memory only (tests, demo). */
export class MemorySecretStore implements SecretStore {
  readonly backend = 'memory' as const;
  private readonly map = new Map<string, string>();

  /** Reads one value. */
  get(key: string): string | undefined {
    return this.map.get(key);
  }
  /** Writes one value. */
  set(key: string, value: string): void {
    this.map.set(key, value);
  }
  /** Removes one value. */
  delete(key: string): void {
    this.map.delete(key);
  }
  /** Lists keys (never values). */
  keys(): string[] {
    return [...this.map.keys()];
  }
}
