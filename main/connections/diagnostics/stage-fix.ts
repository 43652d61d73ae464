import type { StageId } from '../../../contract/channels/connections';
import { ContractError } from '../../../contract/errors';

/** Said when nothing better is known about an error. */
export const UNEXPECTED_FIX = 'An unexpected error stopped this check; the message above says what happened.';

const HTTP_TIMEOUT =
  'The server accepted the connection but sent no HTTP answer in time, so something listens on this port without answering: ' +
  'a proxy or load balancer holding the request, a stopped, hung or still-starting IIS application pool, or the wrong port ' +
  '(another service). Open the URL in a browser on this computer, check the port in the URL and the proxy settings, and recycle the application pool.';

const HTTP_CLOSED =
  'The server closed the connection without an HTTP answer: usually the wrong port (a service that is not HTTP), ' +
  'http:// where the server wants https:// (or the other way round), or a firewall or proxy that cuts the request. Check the URL and the proxy settings.';

/**
 * The fix for an error a stage threw (rather than reported), matched to the stage: a timeout
 * while waiting for the HTTP answer is not fixed like a timeout while signing in.
 */
export function fixForStageError(stage: StageId, err: unknown): string {
  const code = err instanceof ContractError ? err.code : undefined;
  switch (code) {
    case 'TIMEOUT':
      if (stage === 'http') return HTTP_TIMEOUT;
      if (stage === 'auth')
        return 'The server took the sign-in request but did not answer in time: it (or the directory it signs in against, such as Active Directory) is slow or hanging. Try again; check its load and its logs.';
      if (stage === 'permissions')
        return 'The server stopped answering while the permissions were read. Try again; if it keeps happening, check its load and its logs.';
      return 'No answer in time: check that the host and port are right and that no firewall drops the traffic.';
    case 'NETWORK':
      if (stage === 'http') return HTTP_CLOSED;
      return 'The connection failed half-way: check the network between this computer and the server, and the proxy settings.';
    case 'TLS':
      return 'The secure connection failed: check the certificate (or add the extra CA file of your internal PKI to the profile) and the proxy settings.';
    case 'THROTTLED':
    case 'UNAVAILABLE':
      return 'The server says it is busy or unavailable right now (HTTP 429/503). Try again in a minute; if it persists, check the service.';
    case 'BAD_RESPONSE':
      return 'Something other than the expected service answered: check that the URL points at the application (including its virtual folder).';
    case 'ACCESS_DENIED':
      return 'The account is refused: check its role and permissions on the server.';
    case 'UNAUTHENTICATED':
      return 'The credentials were refused: check the user name, password and domain of the profile.';
    default:
      return UNEXPECTED_FIX;
  }
}
