import { fileURLToPath } from 'node:url';
import { buildRouter } from '../app/handlers';
import { createHeadlessContext } from '../app/headless';
import { closeServices, createServices } from '../app/services';
import { startServeServer } from '../serve/server';
import { parseCommandArgs, parsePort, type Command } from './command';
import { promptHidden } from './prompt';
import { resolveDataDir } from '../settings/data-dir';
import { hasConnections } from '../settings/has-connections';

/** `engine-console serve`: the UI and the contract over HTTP on 127.0.0.1. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the console on 127.0.0.1 for a browser (headless hosts, tests)',
  help: `Usage: engine-console serve [--port N] [--demo] [--json]

Serves the Engine Console UI and API on 127.0.0.1 only, behind a random per-start token,
and prints the URL to open in a browser.

Options:
  --port N   port to listen on (default 0: any free port)
  --demo     start the demo environment (simulated Secret Server, Credentials Cache, AWS)
  --demo-if-empty
             start the demo environment only when no connection is configured yet
  --json     print one JSON object {"url", "port", "dataDir"} instead of text
  -h, --help show this help

Environment:
  ENGINE_CONSOLE_DATA_DIR     data folder (settings, credential store)
  ENGINE_CONSOLE_PASSPHRASE   passphrase of the credential store (asked for when unset)`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      port: { type: 'string' },
      demo: { type: 'boolean' },
      'demo-if-empty': { type: 'boolean' },
      json: { type: 'boolean' },
    });
    if (values.help) {
      io.out(serveCommand.help);
      return 0;
    }
    const port = parsePort(values.port, 0);
    const demo = Boolean(values.demo) || (Boolean(values['demo-if-empty']) && !hasConnections(resolveDataDir(io.env)));
    const ctx = await createHeadlessContext({
      demo,
      env: io.env,
      promptPassphrase: process.stdin.isTTY ? () => promptHidden('Credential store passphrase: ') : undefined,
    });
    const services = createServices(ctx);
    const router = buildRouter(services);
    // The demo runs in this process; its profiles give every screen something to show.
    if (demo) await services.demo.start();
    const staticDir = fileURLToPath(new URL('../renderer', import.meta.url));
    const server = await startServeServer({ router, staticDir, port });
    if (values.json) io.out(JSON.stringify({ url: server.url, port: server.port, dataDir: ctx.dataDir }));
    else {
      io.out(`Engine Console is serving on ${server.origin} (127.0.0.1 only).`);
      if (demo) io.out('The demo environment is running: simulated Secret Server, Credentials Cache and AWS, with profiles for each.');
      io.out(`Open: ${server.url}`);
      io.out('Press Ctrl+C to stop.');
    }
    await io.stopped();
    await server.close();
    await closeServices(services);
    return 0;
  },
};
