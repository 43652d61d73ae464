import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRouter } from '../../../main/core/handlers';
import { Notices } from '../../../main/core/notices';
import { EventBus } from '../../../main/ipc/router';
import { MemorySecretStore } from '../../../main/secrets/secret-store';
import { SettingsStore, jsonFileSettingsBackend } from '../../../main/settings/store';
import type { AppContext } from '../../../main/core/app-context';

/** A real app context on a temporary data folder (settings file, in-memory credentials). */
export function testContext(): AppContext {
  const dataDir = mkdtempSync(join(tmpdir(), 'ec-unit-'));
  const notices = new Notices();
  const events = new EventBus();
  notices.attach(events);
  return {
    mode: 'serve',
    dataDir,
    demo: false,
    version: '0.0.0-test',
    versions: { node: process.versions.node },
    settings: new SettingsStore(jsonFileSettingsBackend(dataDir, (b, r) => notices.add('warning', `${r} ${b}`))),
    secrets: new MemorySecretStore(),
    notices,
    events,
  };
}

/** A router over a fresh test context. */
export function testRouter() {
  const ctx = testContext();
  return { ctx, router: buildRouter(ctx) };
}
