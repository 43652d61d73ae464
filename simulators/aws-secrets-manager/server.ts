import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_KEY, authenticate, authorize, type SimKey } from './auth';
import { SimError } from './errors';
import { Faults } from './faults';
import { OPERATIONS } from './operations';
import { SecretsState } from './state';

/** How to start a simulator; every field has a sensible default. */
export interface AwsSimulatorOptions {
  readonly region?: string;
  readonly accountId?: string;
  /** Known access keys; defaults to `[DEFAULT_KEY]`. */
  readonly keys?: readonly SimKey[];
  /** Check SigV4 signatures against the key's secret (default true); presence and key id are always checked. */
  readonly verifySignatures?: boolean;
  readonly maxVersions?: number;
  readonly now?: () => Date;
  readonly port?: number;
}

/** One request as the simulator saw it, for assertions such as "the SDK tried exactly once". */
export interface RequestLogEntry {
  readonly op: string;
  readonly accessKeyId?: string;
  /** The SDK's `amz-sdk-request` header (`attempt=2; max=3`). */
  readonly attempt?: string;
  status: number;
  fault?: string;
}

/** A running simulator. */
export interface AwsSimulator {
  /** `http://127.0.0.1:<port>`, to pass as the SDK's `endpoint`. */
  readonly endpoint: string;
  readonly region: string;
  readonly accountId: string;
  readonly state: SecretsState;
  readonly faults: Faults;
  /** Every request received, oldest first. */
  readonly requests: RequestLogEntry[];
  /** Static credentials of the default key. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Adds or replaces a known access key (e.g. a read-only one for permission probes). */
  addKey(key: SimKey): void;
  /** Forgets an access key; its requests then fail with UnrecognizedClientException. */
  removeKey(accessKeyId: string): void;
  /** Requests received for `op` (all when omitted). */
  countRequests(op?: string): number;
  close(): Promise<void>;
}

const JSON_TYPE = 'application/x-amz-json-1.1';
const TARGET_PREFIX = 'secretsmanager.';
const HTML_502 =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** Starts an AWS Secrets Manager double on 127.0.0.1 (port 0 unless told) speaking awsJson1_1. */
export async function startAwsSecretsManagerSimulator(opts: AwsSimulatorOptions = {}): Promise<AwsSimulator> {
  const region = opts.region ?? 'us-east-1';
  const accountId = opts.accountId ?? '111122223333';
  const state = new SecretsState({
    region,
    accountId,
    ...(opts.maxVersions ? { maxVersions: opts.maxVersions } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const faults = new Faults();
  const keys = new Map((opts.keys ?? [DEFAULT_KEY]).map((k) => [k.accessKeyId, k]));
  const requests: RequestLogEntry[] = [];
  const verify = opts.verifySignatures ?? true;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = await readBody(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    const op = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : target;
    const cred = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
    const entry: RequestLogEntry = {
      op,
      status: 0,
      ...(cred ? { accessKeyId: cred } : {}),
      ...(req.headers['amz-sdk-request'] ? { attempt: String(req.headers['amz-sdk-request']) } : {}),
    };
    requests.push(entry);
    if (faults.latencyMs() > 0) await new Promise((r) => setTimeout(r, faults.latencyMs()));
    const fault = faults.take(op);
    if (fault) entry.fault = fault;
    switch (fault) {
      case 'reset':
        entry.status = -1;
        req.socket.destroy();
        return;
      case 'html':
        entry.status = 502;
        res.writeHead(502, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(HTML_502) }).end(HTML_502);
        return;
      case 'throttle':
        return sendError(res, entry, new SimError('ThrottlingException', 'Rate exceeded'));
      case 'unavailable':
        return sendError(res, entry, new SimError('ServiceUnavailable', 'Service is unavailable. Please try again later.', 503));
      case 'limit-exceeded':
        return sendError(
          res,
          entry,
          new SimError('LimitExceededException', 'The request failed because it would exceed one of the Secrets Manager quotas.'),
        );
      case 'internal':
        return sendError(res, entry, new SimError('InternalServiceError', 'An error occurred on the server side.', 500));
      case undefined:
        break;
      default: {
        const never: never = fault;
        throw new Error(`unhandled fault ${String(never)}`);
      }
    }
    try {
      if (req.method !== 'POST' || !target.startsWith(TARGET_PREFIX))
        throw new SimError('UnknownOperationException', `Unknown operation ${target || '(no x-amz-target)'}`);
      const key = authenticate(keys, req.method, req.url ?? '/', req.headers, body, verify);
      const run = OPERATIONS[op];
      if (!run) throw new SimError('UnknownOperationException', `Unknown operation ${target}`);
      const input = parseInput(body);
      const resource = typeof input.SecretId === 'string' ? input.SecretId : typeof input.Name === 'string' ? input.Name : '*';
      authorize(key, op, resource, accountId);
      const output = run(input, {
        state,
        authorize: (action, secretId) => authorize(key, action, secretId, accountId),
        emptyPage: () => faults.takeEmptyPage(),
      });
      const text = JSON.stringify(output);
      entry.status = 200;
      res
        .writeHead(200, { 'content-type': JSON_TYPE, 'x-amzn-requestid': randomUUID(), 'content-length': Buffer.byteLength(text) })
        .end(text);
    } catch (err) {
      if (err instanceof SimError) return sendError(res, entry, err);
      sendError(res, entry, new SimError('InternalServiceError', err instanceof Error ? err.message : String(err), 500));
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const defaultKey = [...keys.values()][0] ?? DEFAULT_KEY;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    region,
    accountId,
    state,
    faults,
    requests,
    credentials: { accessKeyId: defaultKey.accessKeyId, secretAccessKey: defaultKey.secretAccessKey },
    addKey: (key) => void keys.set(key.accessKeyId, key),
    removeKey: (id) => void keys.delete(id),
    countRequests: (op) => (op ? requests.filter((r) => r.op === op).length : requests.length),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendError(res: ServerResponse, entry: RequestLogEntry, err: SimError): void {
  const text = JSON.stringify({ __type: err.type, message: err.message });
  entry.status = err.status;
  res
    .writeHead(err.status, {
      'content-type': JSON_TYPE,
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': `${err.type}:http://internal.amazon.com/coral/com.amazonaws.secretsmanager/`,
      'content-length': Buffer.byteLength(text),
    })
    .end(text);
}

function parseInput(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below as AWS does
  }
  throw new SimError('SerializationException', 'Start of structure or map found where not expected.');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
