import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Socket, createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../../contract';
import { stopSignals } from '../../../main/cli/index';
import { keepAliveAfterConnect } from '../../../main/http/dispatcher';
import { startServeServer } from '../../../main/serve/server';
import { memorySource, serveStatic } from '../../../main/serve/static';
import { resolveDataDir } from '../../../main/settings/data-dir';
import { testRouter } from './helpers';

describe('Windows data folder', () => {
  it('is %APPDATA%\\Engine Console for a person', () => {
    const env = { APPDATA: 'C:\\Users\\ops\\AppData\\Roaming', USERPROFILE: 'C:\\Users\\ops', ProgramData: 'C:\\ProgramData' };
    expect(resolveDataDir(env, 'win32')).toBe('C:\\Users\\ops\\AppData\\Roaming\\Engine Console');
  });
  it('is %ProgramData%\\Engine Console for LocalSystem, a service profile or no APPDATA', () => {
    const system = {
      APPDATA: 'C:\\Windows\\system32\\config\\systemprofile\\AppData\\Roaming',
      USERPROFILE: 'C:\\Windows\\system32\\config\\systemprofile',
      ProgramData: 'D:\\ProgramData',
    };
    expect(resolveDataDir(system, 'win32')).toBe('D:\\ProgramData\\Engine Console');
    const network = {
      APPDATA: 'C:\\Windows\\ServiceProfiles\\NetworkService\\AppData\\Roaming',
      USERPROFILE: 'C:\\Windows\\ServiceProfiles\\NetworkService',
    };
    expect(resolveDataDir(network, 'win32')).toBe('C:\\ProgramData\\Engine Console');
    expect(resolveDataDir({}, 'win32')).toBe('C:\\ProgramData\\Engine Console');
  });
  it('is ENGINE_CONSOLE_DATA_DIR when set, a UNC path included', () => {
    expect(resolveDataDir({ ENGINE_CONSOLE_DATA_DIR: '\\\\host\\share\\ec', APPDATA: 'C:\\x' }, 'win32')).toBe('\\\\host\\share\\ec');
  });
});

describe('Windows paths in the contract', () => {
  const paths = [
    'C:\\Program Files\\Thycotic Software Ltd\\Distributed Engine\\log\\SSDE.log',
    '\\\\cache-host\\c$\\inetpub\\CredCache\\Logs',
  ];
  it.each(paths)('logs:tail and logs:search accept %s', (path) => {
    expect(channels['logs:tail'].request.safeParse({ path }).success).toBe(true);
    expect(channels['logs:search'].request.safeParse({ paths: [path], pattern: 'x' }).success).toBe(true);
  });
  it.each(paths)('a Credentials Cache profile accepts logPath and caFile %s', (path) => {
    const profile = {
      kind: 'credentials-cache',
      name: 'HQ',
      url: 'https://cache.example.com/DelineaCredCache',
      logPath: path,
      caFile: path,
    };
    const parsed = channels['connections:create'].request.safeParse({ profile });
    expect(parsed.error?.issues).toBeUndefined();
  });
});

describe('stop signals', () => {
  it('include Ctrl+Break (SIGBREAK) and console close (SIGHUP) on Windows', () => {
    expect(stopSignals('win32')).toEqual(expect.arrayContaining(['SIGINT', 'SIGBREAK', 'SIGHUP']));
    expect(stopSignals('linux')).not.toContain('SIGBREAK');
  });
});

describe('static files from memory (the exe)', () => {
  const source = memorySource(
    new Map([
      ['index.html', Buffer.from('<html>root</html>')],
      ['assets/app.js', Buffer.from('js()')],
    ]),
  );
  let server: ReturnType<typeof createHttpServer> | undefined;
  afterEach(() => server?.close());
  const get = async (path: string) => {
    server = createHttpServer((req: IncomingMessage, res: ServerResponse) => serveStatic(source, req.url ?? '/', res, {}));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };
  it('serves a file with its type', async () => {
    expect(await get('/assets/app.js')).toEqual({ status: 200, type: 'text/javascript; charset=utf-8', body: 'js()' });
  });
  it('answers a client route with index.html and an unknown asset with 404', async () => {
    expect((await get('/connections')).body).toBe('<html>root</html>');
    server?.close();
    expect((await get('/assets/none.js')).status).toBe(404);
  });
  it('refuses a path that climbs out', async () => {
    const res = { status: 0, writeHead: (status: number) => ((res.status = status), { end: () => undefined }) };
    serveStatic(source, '/assets/%2e%2e/%2e%2e/secret', res as unknown as ServerResponse, {});
    expect(res.status).toBe(403);
  });
});

describe('serve on a port in use', () => {
  it('says which port and what to do', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const { port } = busy.address() as AddressInfo;
    try {
      await expect(startServeServer({ router: testRouter().router, staticDir: memorySource(new Map()), port })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining(`Port ${port} on 127.0.0.1 is in use by another program`),
      });
    } finally {
      busy.close();
    }
  });
});

describe('keep-alive after connect (wine refuses it on a connecting socket)', () => {
  it('turns TCP keep-alive on only once the socket is connected', async () => {
    const srv = createServer((s) => s.end());
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const { port } = srv.address() as AddressInfo;
    const calls: boolean[] = [];
    const spy = vi.spyOn(Socket.prototype, 'setKeepAlive').mockImplementation(function (this: Socket) {
      calls.push(this.connecting);
      return this;
    });
    try {
      const socket = await new Promise<Socket>((resolve, reject) =>
        keepAliveAfterConnect({})({ hostname: '127.0.0.1', protocol: 'http:', port: String(port) }, (err, s) =>
          err ? reject(err) : resolve(s as Socket),
        ),
      );
      socket.destroy();
      expect(calls).toEqual([false]);
    } finally {
      spy.mockRestore();
      srv.close();
    }
  });
});
