import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';

const TYPES: Readonly<Record<number, string>> = {
  400: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
  401: 'https://tools.ietf.org/html/rfc9110#section-15.5.2',
  404: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
  415: 'https://tools.ietf.org/html/rfc9110#section-15.5.16',
};

/** Writes an ASP.NET Core ProblemDetails answer (`application/problem+json`) with a W3C trace id. */
export function sendProblem(
  res: ServerResponse,
  status: number,
  title: string,
  errors?: Readonly<Record<string, readonly string[]>>,
): void {
  const body = {
    type: TYPES[status] ?? 'about:blank',
    title,
    status,
    ...(errors ? { errors } : {}),
    traceId: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-00`,
  };
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The JwtBearer default for a missing or bad token: 401, empty body, `WWW-Authenticate: Bearer`. */
export function sendUnauthorized(res: ServerResponse, invalidToken: boolean): void {
  res.writeHead(401, { 'www-authenticate': invalidToken ? 'Bearer error="invalid_token"' : 'Bearer', 'content-length': 0 });
  res.end();
}

/** A one-field "required" validation failure, worded as ASP.NET Core model validation does. */
export function required(field: string): Record<string, string[]> {
  return { [field]: [`The ${field} field is required.`] };
}
