import { startDemo } from '../demo/start';
import { parseCommandArgs, type Command } from './command';

/** `engine-console demo`: runs the demo simulators until Ctrl+C and prints where they are. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'Run the demo environment (simulated Secret Server, Credentials Cache, AWS) until Ctrl+C',
  help: `Usage: engine-console demo [--fresh] [--json]

Starts simulators of Secret Server, two Credentials Cache instances (the second one stopped on
purpose, so it shows as down) and AWS Secrets Manager on 127.0.0.1, seeded with folders, a few
hundred secrets, the Credentials Cache event pipeline setup and real pipeline runs. Prints their
URLs and the throw-away demo credentials, then runs until Ctrl+C.

Options:
  --fresh    without the Credentials Cache pipeline setup (no role, template, connection
             secrets, script, policies or runs; both caches up), to rehearse the setup wizard
             (engine-console setup pipeline …) from the start
  --json     print exactly one JSON object:
             {"secretServer":{"url","username","password","admin":{"username","password"}},
              "credentialsCache":[{"name","url","logPath"}],
              "aws":{"endpoint","region","accessKeyId","secretAccessKey"}}
  -h, --help show this help`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { json: { type: 'boolean' }, fresh: { type: 'boolean' } });
    if (values.help) {
      io.out(demoCommand.help);
      return 0;
    }
    const demo = await startDemo({ fresh: values.fresh === true });
    const { secretServer, credentialsCache, aws } = demo.info;
    if (values.json) {
      io.out(
        JSON.stringify({
          secretServer,
          credentialsCache: credentialsCache.map(({ name, url, logPath }) => ({ name, url, logPath })),
          aws,
        }),
      );
    } else {
      io.out('Engine Console demo environment (throw-away credentials, 127.0.0.1 only):');
      io.out(`  Secret Server      ${secretServer.url}  user ${secretServer.username}  password ${secretServer.password}`);
      io.out(`  Secret Server admin (for the setup wizard) user ${secretServer.admin.username}  password ${secretServer.admin.password}`);
      if (demo.info.fresh) io.out('  Fresh: no Credentials Cache pipeline setup yet (try engine-console setup pipeline plan).');
      for (const c of credentialsCache)
        io.out(`  Credentials Cache  ${c.name}: ${c.url}${c.reachable ? '' : '  (stopped on purpose)'}  logs ${c.logPath}`);
      io.out(`  AWS Secrets Manager ${aws.endpoint}  region ${aws.region}  key ${aws.accessKeyId} / ${aws.secretAccessKey}`);
      io.out('Press Ctrl+C to stop.');
    }
    await io.stopped();
    await demo.close();
    return 0;
  },
};
