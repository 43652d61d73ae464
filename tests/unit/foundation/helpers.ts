import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRouter } from '../../../main/app/handlers';
import { Notices } from '../../../main/app/notices';
import { createServices } from '../../../main/app/services';
import { EventBus } from '../../../main/ipc/router';
import { MemorySecretStore } from '../../../main/secrets/secret-store';
import { SettingsStore, jsonFileSettingsBackend } from '../../../main/settings/store';
import type { AppContext } from '../../../main/app/context';

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

/** The services of a context and a router over them, as an entry point builds them. */
export function testServices(ctx: AppContext = testContext()) {
  const services = createServices(ctx);
  return { ctx, services, router: buildRouter(services) };
}

/** A router over a fresh test context. */
export function testRouter() {
  return testServices();
}
