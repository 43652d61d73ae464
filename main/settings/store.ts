import { join } from 'node:path';
import { settingsSchema, settingsPatchSchema, type Settings, type SettingsPatch } from '../../contract';
import { loadJsonFile, writeJsonFileAtomic } from '../shared/json-file';

/** Where raw settings live: electron-store on the desktop, a JSON file headless. */
export interface SettingsBackend {
  read(): unknown;
  write(value: Settings): void;
}

/** Typed settings over any backend; invalid or missing keys fall back to defaults. */
export class SettingsStore {
  private current: Settings;

  constructor(private readonly backend: SettingsBackend) {
    const parsed = settingsSchema.safeParse(backend.read() ?? {});
    this.current = parsed.success ? parsed.data : settingsSchema.parse({});
  }

  /** The current settings. */
  get(): Settings {
    return this.current;
  }

  /** Applies a validated patch and persists it. */
  update(patch: SettingsPatch): Settings {
    const checked = settingsPatchSchema.parse(patch);
    this.current = settingsSchema.parse({ ...this.current, ...checked });
    this.backend.write(this.current);
    return this.current;
  }
}

/** A settings backend on a plain JSON file (serve mode, command line, tests). */
export function jsonFileSettingsBackend(dataDir: string, onCorrupt: (backup: string, reason: string) => void): SettingsBackend {
  const file = join(dataDir, 'settings.json');
  return {
    read() {
      const outcome = loadJsonFile(file, (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? null : 'not a JSON object'));
      if (outcome.kind === 'corrupt') {
        onCorrupt(outcome.backup, outcome.reason);
        return {};
      }
      return outcome.kind === 'ok' ? outcome.value : {};
    },
    write(value) {
      writeJsonFileAtomic(file, value);
    },
  };
}
