import { fileURLToPath } from 'node:url';
import { buildRouter } from '../app/handlers';
import { createHeadlessContext } from '../app/headless';
import { closeServices, createServices } from '../app/services';
import { startServeServer } from '../serve/server';
import { rendererSource } from '../serve/static';
import { parseCommandArgs, parsePort, type Command } from './command';
import { resolveDataDir } from '../settings/data-dir';
import { acquireDataLock } from '../settings/data-lock';

/** `engine-console serve`: the UI and the contract over HTTP on 127.0.0.1. */
export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the console on 127.0.0.1 for a browser (headless hosts, tests)',
  help: `Usage: engine-console serve [--port N] [--demo] [--json]

Serves the Engine Console UI and API on 127.0.0.1 only and prints the URL to open in a
browser. The URL carries a random one-time sign-in token: the first page that opens it gets a
session of its own (kept by that tab, ended after 12 hours without use), and the next link,
for another tab or browser, is printed then.

Options:
  --port N   port to listen on (default 0: any free port)
  --demo     start the demo environment (simulated Secret Server, Credentials Cache, AWS)
  --demo-if-empty
             start the demo environment when no connection but the demo's is configured, or
             when the credential store cannot be opened (no passphrase and no terminal); saved
             profiles and the encrypted store are then left as they are
  --json     print one JSON object {"url", "port", "dataDir"} instead of text
  -h, --help show this help

Environment:
  ENGINE_CONSOLE_DATA_DIR     data folder (settings, profiles, credential store)
  ENGINE_CONSOLE_PASSPHRASE   passphrase of the credential store; when unset it is asked for in
                              a terminal (twice for a new store)

One process at a time uses a data folder: it holds <data folder>/engine-console.lock.`,
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
    const lock = acquireDataLock(resolveDataDir(io.env), 'serve');
    try {
      const ctx = await createHeadlessContext({
        demo: Boolean(values.demo),
        demoIfEmpty: Boolean(values['demo-if-empty']),
        env: io.env,
        ...(io.terminal ? { prompt: { hidden: io.terminal.hidden, say: io.err } } : {}),
      });
      const services = createServices(ctx);
      const router = buildRouter(services);
      try {
        // The demo runs in this process; its profiles give every screen something to show.
        if (ctx.demo) await services.demo.start();
        const staticDir = rendererSource(() => fileURLToPath(new URL('../renderer', import.meta.url)));
        const server = await startServeServer({
          router,
          staticDir,
          port,
          // Each link signs in once; the next one is printed here only (text mode), for another tab.
          ...(values.json
            ? {}
            : { onNextSignInUrl: (url: string) => io.out(`A browser tab signed in. Link for another tab or browser: ${url}`) }),
        });
        if (values.json) io.out(JSON.stringify({ url: server.url, port: server.port, dataDir: ctx.dataDir }));
        else {
          io.out(`Engine Console is serving on ${server.origin} (127.0.0.1 only), data folder ${ctx.dataDir}.`);
          if (ctx.demo)
            io.out('The demo environment is running: simulated Secret Server, Credentials Cache and AWS, with profiles for each.');
          for (const n of ctx.notices.all()) if (n.severity !== 'info') io.out(`Note: ${n.message}`);
          io.out(`Open: ${server.url}`);
          io.out('This link signs in one browser tab, once. Press Ctrl+C to stop.');
        }
        await io.stopped();
        await server.close();
      } finally {
        // Jobs end resumable, pooled connections sign out, the demo's simulators and folder go.
        await closeServices(services);
      }
    } finally {
      lock.release();
    }
    return 0;
  },
};
