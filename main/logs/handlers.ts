import type { logsChannels } from '../../contract/channels/logs';
import type { AppContext } from '../core/app-context';
import type { Handlers } from '../ipc/router';

/** Handlers of the Logs area. */
export function logsHandlers(_ctx: AppContext): Pick<Handlers, keyof typeof logsChannels> {
  return {};
}
