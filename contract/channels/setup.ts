import { z } from 'zod';
import { channel, progress, result } from '../define';
import type { ContractErrorData } from '../errors';
import type { ApplySummary, PlanChangeView } from '../plans';
import type { EngineState, RunCause, RunStatus } from './activity';

/** The setup wizards: `cache-pipeline` is seed 000 (event pipeline that refreshes every Credentials Cache). */
export const WIZARD_IDS = ['cache-pipeline'] as const;

/** A setup wizard's id (see `WIZARD_IDS`). */
export type WizardId = (typeof WIZARD_IDS)[number];

/**
 * Where a step is. `not-checked`: never checked (or the inputs changed since). `ok`: the live state
 * already matches, nothing to change. `changes`: the plan has changes to apply. `manual`: the
 * signed-in account lacks the rights; do the `manual` UI steps, then check again. `blocked`: cannot
 * go on (a missing input, a conflict, no online engine …; the findings say why). `applying`: an
 * apply job is writing it. `applied`: written, not verified yet. `failed`: the last apply or verify
 * failed (`error`). `verified`: verify confirmed the live state (step 6: the canary run refreshed every cache).
 */
export type StepStatus = 'not-checked' | 'ok' | 'changes' | 'manual' | 'blocked' | 'applying' | 'applied' | 'failed' | 'verified';

/** One thing a check found, in words. `problem` findings make the step blocked or manual. */
export interface StepFinding {
  readonly level: 'info' | 'warning' | 'problem';
  readonly text: string;
}

/** What to do by hand in the Secret Server UI when the signed-in account may not apply a step (the seed's UI steps). */
export interface ManualInstructions {
  /** Why the step is manual, e.g. "The signed-in account lacks the “Administer Roles” permission". */
  readonly reason: string;
  /** The UI steps in order (Markdown-free plain text lines). */
  readonly steps: readonly string[];
}

/** One step of a wizard as the screen shows it. */
export interface StepView {
  /** Stable id within the wizard, e.g. `role`, `template-secret`, `script`, `pipeline`, `sites`, `verify`. */
  readonly id: string;
  /** e.g. "Application account and role". */
  readonly title: string;
  /** What the step does, one or two sentences. */
  readonly description: string;
  readonly status: StepStatus;
  /** What the last check found, in words (empty before a check). */
  readonly findings: readonly StepFinding[];
  /** The plan's changes for this step (keys are unique across the wizard's plan; confirm them in `setup:apply`). */
  readonly changes: readonly PlanChangeView[];
  /** Set when `status` is `manual`. */
  readonly manual?: ManualInstructions;
  /** A unified diff (e.g. the existing script against the generated one) when the step updates text. */
  readonly diff?: string;
  /** This step's section of the runbook (Markdown: the exact API calls, or the UI steps when manual). */
  readonly runbook: string;
  /** The last apply or verify error of this step (redacted). */
  readonly error?: ContractErrorData;
  /** ISO 8601 UTC times of the last check, apply and verify. */
  readonly checkedAt?: string;
  readonly appliedAt?: string;
  readonly verifiedAt?: string;
}

/** The inputs of the `cache-pipeline` wizard (seed 000). Names, not ids, where the admin types them. */
export const cachePipelineInputsSchema = z
  .object({
    /** The Secret Server profile the wizard signs in with (an account allowed to administer: roles, templates, scripts, pipelines). */
    secretServerProfileId: z.string().min(1).max(100),
    /** User name of the application account the caches use (found with `setup:users`). */
    applicationAccount: z.string().trim().min(1, 'Enter the application account').max(200),
    /** Name of the role to find or create (default "Credentials Cache Integration"). */
    roleName: z.string().trim().min(1).max(200).default('Credentials Cache Integration'),
    /** Name of the custom template to find or create (default "Credentials Cache Connection"). */
    templateName: z.string().trim().min(1).max(200).default('Credentials Cache Connection'),
    /** Folder path (e.g. `\Integrations`) that holds the connection secrets; it must exist. */
    folder: z.string().trim().min(1, 'Enter the folder path').max(1000),
    /** Folder paths the policy targets (a password change of a secret in them fires the pipeline); default: `folder`. */
    targetFolders: z.array(z.string().trim().min(1).max(1000)).min(1).max(50).optional(),
    /** Name of the Distributed Engine site that runs the script (must have an online engine). */
    site: z.string().trim().min(1, 'Enter the run site').max(200),
    /** Credentials Cache profiles to refresh; one connection secret and one pipeline per instance. */
    credentialsCacheProfileIds: z.array(z.string().min(1).max(100)).min(1, 'Pick at least one Credentials Cache').max(50),
    /** Name of the PowerShell user script (default "Credentials Cache - Secret Changed"). */
    scriptName: z.string().trim().min(1).max(200).default('Credentials Cache - Secret Changed'),
    /** Name of the event pipeline policy (default "Refresh Credentials Cache"). */
    policyName: z.string().trim().min(1).max(200).default('Refresh Credentials Cache'),
    /** The admin agrees to break permission inheritance on the connection secrets (the seed clears "Inherit permissions"). */
    breakInheritance: z.boolean().default(false),
    /** LAB ONLY: the script skips certificate checks (shown with a warning; never for production). */
    labSkipCertificateCheck: z.boolean().default(false),
    /** Canary secret for verify (must be in a target folder); omitted = the wizard creates "Credentials Cache canary". */
    canarySecretId: z.number().int().positive().max(2_147_483_647).optional(),
  })
  .strict();

/** `cache-pipeline` inputs as stored (defaults applied). */
export type CachePipelineInputs = z.output<typeof cachePipelineInputsSchema>;

/** The end-to-end verification on the canary secret (step 6). */
export interface VerificationReport {
  /** True only when the run succeeded and every cache instance logged the refresh. */
  readonly ok: boolean;
  readonly canary: { readonly id: number; readonly name: string };
  /** When the password was changed (ISO 8601 UTC). */
  readonly changedAt: string;
  /** The pipeline runs the change fired, one per pipeline (instance). */
  readonly runs: ReadonlyArray<{
    readonly runId: string;
    readonly pipelineId: number;
    readonly pipeline: string;
    readonly status: RunStatus;
  }>;
  /** Per Credentials Cache instance: what its log said. */
  readonly instances: ReadonlyArray<{
    readonly profileId: string;
    readonly name: string;
    readonly state: 'refreshed' | 'failed' | 'not-confirmed';
    readonly reason?: string;
    /** Milliseconds from the password change to the refresh line in its log. */
    readonly changeToRefreshMs?: number;
  }>;
  /** The slowest instance's time from change to refresh (all refreshed), in milliseconds. */
  readonly changeToRefreshMs?: number;
  /** On failure: the probable cause from Pipeline activity, and the run to open there (`#/activity?run=`). */
  readonly cause?: RunCause;
  readonly failedRun?: { readonly runId: string; readonly pipelineId: number; readonly link: string };
  /** One line for people. */
  readonly message: string;
}

/** A wizard's whole state (kept in `<data>/wizards/<id>.json`, so it survives closing the window). */
export interface WizardView {
  readonly wizardId: WizardId;
  readonly title: string;
  /** The saved inputs (null before the first `setup:inputs`). Never holds a credential. */
  readonly inputs: CachePipelineInputs | null;
  readonly steps: readonly StepView[];
  /** Id of the current plan (from the last `setup:plan`); `setup:apply` names it. */
  readonly planId?: string;
  /** The last apply's outcome (failures are listed, never hidden). */
  readonly lastApply?: ApplySummary;
  /** The last end-to-end verification. */
  readonly verification?: VerificationReport;
  readonly updatedAt: string;
}

/** Progress of the setup jobs: which step, its status now, and for verify the canary run's status. */
export interface SetupProgressData {
  readonly stepId?: string;
  readonly status?: StepStatus;
  /** Verify: the canary run's status as it moves Pending → Processing → Success/Failed. */
  readonly runStatus?: RunStatus;
  /** Verify: the phase in words-free form. */
  readonly phase?: 'changing-password' | 'waiting-for-run' | 'confirming-caches' | 'done';
}

/** A user found by `setup:users`. */
export interface SetupUserOption {
  readonly id: number;
  readonly userName: string;
  readonly displayName: string;
  readonly isApplicationAccount: boolean;
  readonly enabled: boolean;
}

/** A folder for the pickers, with its full path (`\Parent\Child`). */
export interface SetupFolderOption {
  readonly id: number;
  readonly path: string;
  readonly parentId: number | null;
}

/** A Distributed Engine site with its engines' state now. */
export interface SetupSiteOption {
  readonly id: number;
  readonly name: string;
  readonly active: boolean;
  readonly engines: readonly EngineState[];
  /** True when at least one engine is Online and Activated. */
  readonly online: boolean;
}

/** A secret template with its fields' slugs (the pipeline's arguments are built from them). */
export interface SetupTemplateOption {
  readonly id: number;
  readonly name: string;
  readonly fields: ReadonlyArray<{ readonly name: string; readonly slug: string; readonly isPassword: boolean }>;
}

const wizardId = z.enum(WIZARD_IDS);
const profileId = z.string().min(1).max(100);
const stepIds = z.array(z.string().min(1).max(100)).min(1).max(20).optional();

/** Setup wizards: state, inputs, Check+Plan / Apply / Verify jobs, runbook, and the form's lookups. */
export const setupChannels = {
  /** The wizard's state as stored (steps `not-checked` before the first plan). */
  'setup:state': channel(z.object({ wizardId }).strict(), result<WizardView>()),
  /** Saves the inputs (validated; names resolved at check time); every step goes back to `not-checked`. */
  'setup:inputs': channel(
    z.discriminatedUnion('wizardId', [z.object({ wizardId: z.literal('cache-pipeline'), inputs: cachePipelineInputsSchema }).strict()]),
    result<WizardView>(),
  ),
  /** Forgets the wizard's state (inputs, plan, results); Secret Server is not touched. */
  'setup:reset': channel(z.object({ wizardId }).strict(), result<WizardView>()),
  /** A job: checks the live state of every step (or `stepIds`) and plans what would change. Writes nothing. */
  'setup:plan': channel(z.object({ wizardId, stepIds }).strict(), result<WizardView>(), {
    progress: progress<SetupProgressData>(),
  }),
  /**
   * A job: applies exactly the confirmed change keys of plan `planId`, step by step in order
   * (through `applyPlan` with the job journal: a resumed apply never creates anything twice), then
   * checks those steps again. A stale `planId` is refused (CONFLICT: plan again).
   */
  'setup:apply': channel(
    z
      .object({
        wizardId,
        planId: z.string().min(1).max(100),
        confirmed: z.array(z.string().min(1).max(300)).min(1, 'Confirm at least one change').max(500),
      })
      .strict(),
    result<WizardView>(),
    { progress: progress<SetupProgressData>() },
  ),
  /**
   * A job: verifies every step (or `stepIds`) against the live state; the last step changes the
   * canary's password, follows the run (Pending → Processing → Success/Failed in progress) and
   * confirms every cache instance logged the refresh. Result: the view with `verification`.
   */
  'setup:verify': channel(z.object({ wizardId, stepIds }).strict(), result<WizardView>(), {
    progress: progress<SetupProgressData>(),
  }),
  /** The runbook of the current plan for change control: Markdown with the exact API calls, or the UI steps of manual steps. */
  'setup:runbook': channel(z.object({ wizardId }).strict(), result<{ readonly fileName: string; readonly markdown: string }>()),
  /** Users of a Secret Server profile matching `search` (user name, display name, e-mail), at most 50. */
  'setup:users': channel(
    z.object({ profileId, search: z.string().trim().max(200).default('') }).strict(),
    result<readonly SetupUserOption[]>(),
  ),
  /** Every folder the profile can see, with paths. */
  'setup:folders': channel(z.object({ profileId }).strict(), result<readonly SetupFolderOption[]>()),
  /** Distributed Engine sites with their engines' state now. */
  'setup:sites': channel(z.object({ profileId }).strict(), result<readonly SetupSiteOption[]>()),
  /** Secret templates matching `search`, with their fields and slugs. */
  'setup:templates': channel(
    z.object({ profileId, search: z.string().trim().max(200).default('') }).strict(),
    result<readonly SetupTemplateOption[]>(),
  ),
} as const;

/** Events of the setup area. */
export interface SetupEvents {
  /** A wizard's stored state changed (inputs, plan, apply, verify). */
  'setup:changed': { readonly wizardId: WizardId };
}
