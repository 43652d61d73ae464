import type { SetupSiteOption } from '../../../contract/channels/setup';
import { listEngines, listSites, type SecretServerClient } from '../../secret-server';
import type { StepCheck, WizardStep } from '../types';
import { info, problem, warn } from './common';
import type { CacheCtx } from './context';

/** Every site with its engines' state now (the form's lookup and step 5). */
export async function sitesWithEngines(c: SecretServerClient, signal: AbortSignal): Promise<SetupSiteOption[]> {
  const sites = await listSites(c, { includeInactive: true, signal });
  // The engine records carry no site id: ask per site.
  const bySite = await Promise.all(sites.map((s) => listEngines(c, { siteId: s.siteId ?? 0, signal })));
  return sites.map((s, i) => {
    const mine = (bySite[i] ?? []).map((e) => {
      const connection = String(e.connectionStatus ?? 'Unknown');
      const activation = String(e.activationStatus ?? 'Unknown');
      return {
        id: e.engineId ?? 0,
        name: e.friendlyName ?? e.hostName ?? `Engine ${e.engineId}`,
        host: e.hostName ?? '',
        connection,
        activation,
        onlineNow: connection === 'Online' && activation === 'Activated',
        lastConnected: e.lastConnected ?? null,
      };
    });
    return {
      id: s.siteId ?? 0,
      name: s.siteName ?? `Site ${s.siteId}`,
      active: s.active !== false,
      engines: mine,
      online: mine.some((e) => e.onlineNow),
    };
  });
}

/** Step 5: the run site exists and has an online engine (nothing to write; the engines' state shown). */
export const sitesStep: WizardStep<CacheCtx> = {
  id: 'sites',
  title: 'Sites',
  description: 'The run site must have at least one Distributed Engine that is Online and Activated; the engines’ state is shown.',
  manualSteps: [
    'In Secret Server, navigate to Admin > Distributed Engine and open the run site.',
    'Make sure at least one engine is Online and Activated (start the Distributed Engine service on its host, or activate the engine).',
  ],
  async check(ctx, signal): Promise<StepCheck> {
    const sites = await sitesWithEngines(ctx.client, signal);
    const site = sites.find((s) => s.name.toLowerCase() === ctx.inputs.site.toLowerCase());
    if (!site)
      return {
        findings: [problem(`No site “${ctx.inputs.site}”. Sites: ${sites.map((s) => s.name).join(', ') || 'none'}.`)],
        changes: [],
        blocked: true,
      };
    const findings = site.engines.map((e) => (e.onlineNow ? info : warn)(`${e.name} (${e.host}): ${e.connection}, ${e.activation}.`));
    if (!site.active) findings.push(problem(`Site “${site.name}” is inactive.`));
    if (!site.online)
      findings.push(
        problem(
          `Site “${site.name}” has no engine that is Online and Activated: pipeline runs on it fail (“engines are not currently online”).`,
        ),
      );
    return { findings, changes: [], blocked: !site.online || !site.active };
  },
  async apply() {
    return 'nothing to write';
  },
};
