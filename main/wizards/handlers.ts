import type { setupChannels } from '../../contract/channels/setup';
import type { Services } from '../app/services';
import type { Handlers } from '../ipc/router';

/** Handlers of the setup wizards. */
export function setupHandlers({ setup }: Pick<Services, 'setup'>): Pick<Handlers, keyof typeof setupChannels> {
  return {
    'setup:state': ({ wizardId }) => setup.engine(wizardId).view(),
    'setup:inputs': ({ wizardId, inputs }) => setup.saveInputs(wizardId, inputs),
    'setup:reset': ({ wizardId }) => setup.engine(wizardId).reset(),
    'setup:plan': ({ wizardId, stepIds }, job) => setup.run(wizardId, job, 'plan', { ...(stepIds ? { stepIds } : {}) }),
    'setup:apply': ({ wizardId, planId, confirmed }, job) => setup.run(wizardId, job, 'apply', { planId, confirmed }),
    'setup:verify': ({ wizardId, stepIds }, job) => setup.run(wizardId, job, 'verify', { ...(stepIds ? { stepIds } : {}) }),
    'setup:runbook': ({ wizardId }) => setup.runbook(wizardId),
    'setup:users': ({ profileId, search }, h) => setup.users(profileId, search, h.signal),
    'setup:folders': ({ profileId }, h) => setup.folders(profileId, h.signal),
    'setup:sites': ({ profileId }, h) => setup.sites(profileId, h.signal),
    'setup:templates': ({ profileId, search }, h) => setup.templates(profileId, search, h.signal),
  };
}
