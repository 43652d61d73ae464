import type { ConnectionKind } from '../../../contract/channels/connections';

/** Human name of a connection kind (Connections, Overview, the profile form). */
export const KIND_LABEL: Readonly<Record<ConnectionKind, string>> = {
  'secret-server': 'Secret Server',
  aws: 'AWS Secrets Manager',
  'credentials-cache': 'Credentials Cache',
};
