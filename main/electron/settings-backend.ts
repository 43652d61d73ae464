import Store from 'electron-store';
import { copyFileSync, existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Settings } from '../../contract';
import type { SettingsBackend } from '../settings/store';
import { errorMessage } from '../shared/errors';

/** Settings in electron-store (desktop). A corrupt file is backed up and started empty. */
export function electronStoreSettingsBackend(dataDir: string, onCorrupt: (backup: string, reason: string) => void): SettingsBackend {
  const open = () => new Store<Record<string, unknown>>({ cwd: dataDir, name: 'settings', clearInvalidConfig: false });
  let store: Store<Record<string, unknown>>;
  try {
    store = open();
  } catch (err) {
    const file = join(dataDir, 'settings.json');
    const backup = `${file}.corrupt-${Date.now()}`;
    if (existsSync(file)) {
      copyFileSync(file, backup);
      unlinkSync(file);
    }
    onCorrupt(backup, errorMessage(err));
    store = open();
  }
  return {
    read: () => store.store,
    write: (value: Settings) => {
      store.store = { ...value };
    },
  };
}
