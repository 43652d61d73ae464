import type { CachePipelineInputs } from '../../../contract/channels/setup';
import type { WizardDef } from '../types';
import { cachePipelineContext, type CacheCtx, type CachePipelineDeps } from './context';
import { pipelineStep } from './step-pipeline';
import { roleStep } from './step-role';
import { scriptStep } from './step-script';
import { sitesStep } from './step-sites';
import { templateStep } from './step-template';
import { verifyStep } from './step-verify';

/** Seed 000 as a wizard: six steps, in the order the issue lists them. */
export function cachePipelineWizard(deps: CachePipelineDeps): WizardDef<CachePipelineInputs, CacheCtx> {
  return {
    id: 'cache-pipeline',
    title: 'Event pipeline that refreshes every Credentials Cache (seed 000)',
    steps: [roleStep, templateStep, scriptStep, pipelineStep, sitesStep, verifyStep],
    context: (inputs, signal) => cachePipelineContext(deps, inputs, signal),
  };
}

export { sitesWithEngines } from './step-sites';
export type { CachePipelineDeps } from './context';
