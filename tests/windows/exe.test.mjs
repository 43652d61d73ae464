// `npm run test:windows`: runs dist/engine-console-<version>-win-x64.exe under wine (Debian's
// wine64) in a throw-away prefix set to Windows 10, as an engine host admin would use it.
// Standard output goes to files: under wine, Node's stdout on a Unix pipe fails (EBADF).
// Outgoing HTTP from the exe works under wine once undici's keep-alive is set after connect
// (main/http/dispatcher.ts), so the demo's seeding runs here; TLS, proxies and remote servers are
// covered by the Linux tests only.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const EXE = join(ROOT, 'dist', `engine-console-${VERSION}-win-x64.exe`);
const WORK = mkdtempSync(join(tmpdir(), 'ec-wine-'));
const PREFIX = join(WORK, 'prefix');
const ENV = { ...process.env, WINEPREFIX: PREFIX, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' };
delete ENV.ENGINE_CONSOLE_DATA_DIR;
delete ENV.ENGINE_CONSOLE_PASSPHRASE;
const children = new Set();
let outputs = 0;

/** Starts the exe under wine; stdout and stderr go to files read with `out()` / `err()`. */
function start(args, env = {}) {
  outputs += 1;
  const outFile = join(WORK, `out-${outputs}.txt`);
  const errFile = join(WORK, `err-${outputs}.txt`);
  const child = spawn('wine', [EXE, ...args], {
    env: { ...ENV, ...env },
    stdio: ['ignore', openSync(outFile, 'w'), openSync(errFile, 'w')],
  });
  children.add(child);
  const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  exited.then(() => children.delete(child));
  const read = (f) => (existsSync(f) ? readFileSync(f, 'utf8') : '');
  return { child, exited, out: () => read(outFile), err: () => read(errFile) };
}

/** Runs the exe to its end. */
async function run(args, env) {
  const p = start(args, env);
  const { code } = await p.exited;
  return { code, out: p.out(), err: p.err() };
}

/** Waits until `probe()` returns a truthy value (bounded: 60 s). */
async function until(what, probe) {
  for (let i = 0; i < 600; i += 1) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** A Windows path inside the prefix (C:\ is drive_c). */
const cPath = (...parts) => join(PREFIX, 'drive_c', ...parts);

before(() => {
  assert.ok(existsSync(EXE), `${EXE} is missing: run npm run dist:exe first`);
  const boot = spawnSync('wineboot', ['-i'], { env: ENV, stdio: 'ignore' });
  assert.equal(boot.status, 0, 'wineboot -i failed');
  spawnSync('wine', ['reg', 'add', 'HKCU\\Software\\Wine', '/v', 'Version', '/d', 'win10', '/f'], { env: ENV, stdio: 'ignore' });
  spawnSync('wineserver', ['-w'], { env: ENV });
});

after(() => {
  for (const c of children) c.kill('SIGKILL');
  spawnSync('wineserver', ['-k'], { env: ENV });
  rmSync(WORK, { recursive: true, force: true });
});

test('--version prints the app version; --help lists the commands', async () => {
  const v = await run(['--version']);
  assert.equal(v.code, 0);
  assert.equal(v.out.trim(), VERSION);
  const h = await run(['--help']);
  assert.equal(h.code, 0);
  for (const cmd of ['serve', 'demo', 'logs', 'jobs', 'profiles', 'runs', 'setup']) assert.match(h.out, new RegExp(`^  ${cmd} `, 'm'));
});

test('profiles, jobs and setup work in the exe: a profile added from a script is listed, its password never printed', async () => {
  const env = { ENGINE_CONSOLE_PASSPHRASE: 'exe-profile-test', ENGINE_CONSOLE_PROFILE_PASSWORD: 'Exe-Pa55word!' };
  const add = await run(
    ['profiles', 'add', 'secret-server', '--name', 'HQ', '--url', 'https://ss.corp.example/SecretServer', '--username', 'svc-console'],
    env,
  );
  assert.equal(add.code, 0, add.err);
  const list = await run(['profiles', 'list', '--json'], env);
  assert.equal(list.code, 0, list.err);
  assert.match(list.out, /"name":"HQ"/);
  assert.doesNotMatch(list.out + list.err + add.out + add.err, /Exe-Pa55word/);
  const jobs = await run(['jobs', 'list'], env);
  assert.equal(jobs.code, 0, jobs.err);
  const setup = await run(['setup', 'pipeline', '--help'], env);
  assert.equal(setup.code, 0, setup.err);
  assert.match(setup.out, /--config FILE/);
});

test('logs tail follows a CRLF log at a C:\\ path across an append and a roll made by a Windows program', async () => {
  mkdirSync(cPath('EngineLogs'), { recursive: true });
  writeFileSync(cPath('EngineLogs', 'SSDE.log'), '2026-01-05 10:00:00,001 [1] INFO  Engine - first line\r\n');
  const tail = start(['logs', 'tail', 'C:\\EngineLogs\\SSDE.log']);
  await until('the first line', () => tail.out().includes('first line'));
  appendFileSync(cPath('EngineLogs', 'SSDE.log'), '2026-01-05 10:00:01,002 [1] WARN  Engine - appended line\r\n');
  await until('the appended line', () => tail.out().includes('appended line'));
  // log4net's size roll, done by a Windows process while the exe follows the file: only works
  // because Node opens files with FILE_SHARE_DELETE.
  const move = spawnSync('wine', ['cmd', '/c', 'move', 'C:\\EngineLogs\\SSDE.log', 'C:\\EngineLogs\\SSDE.log.1'], {
    env: ENV,
    encoding: 'utf8',
  });
  assert.equal(move.status, 0, `move failed: ${move.stdout} ${move.stderr}`);
  writeFileSync(cPath('EngineLogs', 'SSDE.log'), '2026-01-05 10:00:02,003 [1] ERROR Engine - after the roll\r\n');
  await until('the line after the roll', () => tail.out().includes('after the roll'));
  assert.doesNotMatch(tail.out(), /\r/, 'CR of CRLF left in the output');
  tail.child.kill('SIGINT');
  await tail.exited;
});

test('logs tail reads a UTF-16 LE log; logs search runs its worker inside the exe', async () => {
  mkdirSync(cPath('CacheLogs'), { recursive: true });
  const utf16 = (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  writeFileSync(cPath('CacheLogs', 'credcache-20260105.log'), utf16('2026-01-05 10:00:00.000 +00:00 [INF] Cache started – ünïcödé\r\n'));
  const tail = start(['logs', 'tail', 'C:\\CacheLogs\\credcache-20260105.log']);
  await until('the UTF-16 line', () => tail.out().includes('Cache started – ünïcödé'));
  appendFileSync(
    cPath('CacheLogs', 'credcache-20260105.log'),
    Buffer.from('2026-01-05 10:00:01.000 +00:00 [WRN] Refresh slow\r\n', 'utf16le'),
  );
  await until('the appended UTF-16 line', () => tail.out().includes('Refresh slow'));
  tail.child.kill('SIGINT');
  await tail.exited;

  const search = await run(['logs', 'search', 'C:\\EngineLogs', 'appended']);
  assert.equal(search.code, 0, search.err);
  assert.match(search.out, /appended line/);
  // The default data folder: %APPDATA%\Engine Console (jobs are journaled there).
  const users = readdirNames(cPath('users')).filter((u) => existsSync(cPath('users', u, 'AppData', 'Roaming', 'Engine Console')));
  assert.equal(users.length, 1, 'no Engine Console folder under %APPDATA%');
});

test('demo --json prints the demo world', async () => {
  const demo = start(['demo', '--json']);
  const world = await until('the demo JSON', () => {
    const line = demo
      .out()
      .split('\n')
      .find((l) => l.startsWith('{'));
    return line ? JSON.parse(line) : null;
  });
  assert.match(world.secretServer.url, /^http:\/\/127\.0\.0\.1:\d+\/SecretServer$/);
  assert.equal(world.credentialsCache.length, 2);
  assert.match(world.credentialsCache[0].logPath, /^C:\\/);
  assert.match(world.aws.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  // wine delivers SIGINT as Ctrl+C: the demo stops its simulators and removes its temp folder.
  const demoTemp = cPath(...world.credentialsCache[0].logPath.slice(3).split('\\').slice(0, -2));
  assert.ok(existsSync(demoTemp), `the demo folder ${demoTemp} is missing`);
  demo.child.kill('SIGINT');
  assert.deepEqual(await demo.exited, { code: 0, signal: null });
  assert.ok(!existsSync(demoTemp), 'Ctrl+C left the demo folder behind');
});

test('the README steps: create the store with ENGINE_CONSOLE_PASSPHRASE, serve, sign in from Linux, read app:info, stop', async () => {
  const env = { ENGINE_CONSOLE_PASSPHRASE: 'correct horse battery staple', ENGINE_CONSOLE_DATA_DIR: 'C:\\EngineConsoleData' };
  const serve = start(['serve', '--demo', '--json'], env);
  const info = await until('the serve JSON', () => {
    const line = serve
      .out()
      .split('\n')
      .find((l) => l.startsWith('{'));
    return line ? JSON.parse(line) : null;
  });
  assert.equal(info.dataDir, 'C:\\EngineConsoleData');
  const url = new URL(info.url);
  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<div id="root">/);
  const signIn = await fetch(new URL('/api/session', url.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: url.searchParams.get('token') }),
  });
  assert.equal(signIn.status, 200);
  const { session } = await signIn.json();
  const appInfo = await fetch(new URL('/api/rpc/app:info', url.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
    body: JSON.stringify({ payload: {} }),
  }).then((r) => r.json());
  assert.equal(appInfo.ok, true, JSON.stringify(appInfo));
  assert.equal(appInfo.result.version, VERSION);
  // The passphrase-encrypted store was created without a terminal (ENGINE_CONSOLE_PASSPHRASE).
  assert.ok(existsSync(cPath('EngineConsoleData', 'credentials.enc.json')), 'no credential store');

  // A second process on the same data folder, and one on a port in use, are refused clearly.
  const second = await run(['serve', '--json'], env);
  assert.equal(second.code, 1);
  assert.match(second.err, /The data folder C:\\EngineConsoleData is in use by Engine Console serve/);
  const busy = await run(['serve', '--port', String(info.port)], { ...env, ENGINE_CONSOLE_DATA_DIR: 'C:\\OtherData' });
  assert.equal(busy.code, 1);
  assert.match(busy.err, new RegExp(`Port ${info.port} on 127\\.0\\.0\\.1 is in use`));

  serve.child.kill('SIGINT');
  assert.deepEqual(await serve.exited, { code: 0, signal: null });
  assert.ok(!existsSync(cPath('EngineConsoleData', 'engine-console.lock')), 'the data-folder lock was left behind');
});

function readdirNames(dir) {
  return existsSync(dir) ? readdirSync(dir) : [];
}
