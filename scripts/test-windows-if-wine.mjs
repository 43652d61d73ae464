#!/usr/bin/env node
// The last step of `npm test`: where wine is installed (`.ci/run` installs Debian's wine64),
// builds engine-console.exe from the build `npm test` just made and runs `npm run test:windows`;
// elsewhere it says that the Windows tests were skipped and why.
import { spawnSync } from 'node:child_process';

const hasWine = spawnSync('wine', ['--version'], { stdio: 'ignore' }).status === 0;
if (!hasWine) {
  process.stdout.write('test:windows skipped: wine is not installed (apt-get install wine64; .ci/run installs it).\n');
  process.exit(0);
}
const step = (args) => {
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(['scripts/dist-exe.mjs']);
step(['--test', 'tests/windows/exe.test.mjs']);
