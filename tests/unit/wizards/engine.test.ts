import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SetupProgressData } from '../../../contract/channels/setup';
import type { JobContext } from '../../../main/jobs';
import { UNLIMITED } from '../../../main/plans';
import { WizardEngine } from '../../../main/wizards/engine';
import { renderRunbook } from '../../../main/wizards/runbook';
import { WizardStore } from '../../../main/wizards/store';
import type { StepChange, WizardDef, WizardStep } from '../../../main/wizards/types';

/** A world of named things; each step ensures one of them exists. */
interface World {
  things: Set<string>;
  writes: string[];
  failOn?: string;
}

const ensure = (id: string, thing: string, manualUnless?: (w: World) => boolean): WizardStep<World> => ({
  id,
  title: `Ensure ${thing}`,
  description: `Creates ${thing}.`,
  manualSteps: [`Create ${thing} by hand.`],
  async check(w) {
    const change: StepChange = {
      key: `${id}:create`,
      action: w.things.has(thing) ? 'unchanged' : 'create',
      target: thing,
      payload: { calls: [`POST /things {"name":"${thing}"}`], data: thing },
    };
    if (manualUnless && !manualUnless(w) && change.action === 'create')
      return {
        findings: [],
        changes: [{ ...change, action: 'blocked' }],
        manual: { reason: 'no rights', steps: [`Create ${thing} by hand.`] },
      };
    return { findings: [{ level: 'info', text: `${thing}: ${w.things.has(thing) ? 'there' : 'missing'}` }], changes: [change] };
  },
  async apply(change, w) {
    const name = change.payload.data as string;
    if (w.failOn === name) throw new Error(`cannot create ${name}`);
    w.writes.push(name);
    w.things.add(name);
    return 'created';
  },
});

function job(checkpoints: unknown[] = []): JobContext<SetupProgressData> & { reports: SetupProgressData[]; saved: unknown[] } {
  const saved = [...checkpoints];
  const reports: SetupProgressData[] = [];
  return {
    id: 'j',
    kind: 'setup:apply',
    signal: new AbortController().signal,
    report: (p) => p.data && reports.push(p.data),
    log: () => undefined,
    checkpoint: (d) => saved.push(d),
    checkpoints: saved,
    resumed: checkpoints.length > 0,
    reports,
    saved,
  };
}

describe('the wizard step engine', () => {
  let dir: string;
  let world: World;
  let rights: boolean;
  const def = (): WizardDef<{ name: string }, World> => ({
    id: 'test-wizard',
    title: 'Test wizard',
    steps: [ensure('a', 'alpha'), ensure('b', 'beta', () => rights), ensure('c', 'gamma')],
    context: async () => world,
  });
  const engine = () => new WizardEngine(def(), new WizardStore(dir), () => UNLIMITED);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ec-wizard-'));
    world = { things: new Set(), writes: [] };
    rights = true;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to plan before the inputs are saved', async () => {
    await expect(engine().plan(job())).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('plans, applies through the journal, verifies, and keeps the state on disk for a new engine', async () => {
    engine().saveInputs({ name: 'x' });
    const planned = await engine().plan(job());
    expect(planned.steps.map((s) => s.status)).toEqual(['changes', 'changes', 'changes']);
    const j = job();
    const applied = await engine().apply(j, planned.planId!, ['a:create', 'b:create', 'c:create']);
    expect(applied.steps.map((s) => s.status)).toEqual(['applied', 'applied', 'applied']);
    expect(j.reports.some((r) => r.stepId === 'b' && r.status === 'applied')).toBe(true);
    // A resumed apply with the same journal writes nothing twice.
    world.writes = [];
    world.things.clear();
    const again = await engine().apply(job(j.saved), planned.planId!, ['a:create', 'b:create', 'c:create']);
    expect(world.writes).toEqual([]);
    expect(again.lastApply?.doneBefore).toBe(3);
    world.things = new Set(['alpha', 'beta', 'gamma']);
    const verified = await engine().verify(job());
    expect(verified.steps.map((s) => s.status)).toEqual(['verified', 'verified', 'verified']);
    expect(new WizardEngine(def(), new WizardStore(dir), () => UNLIMITED).view().steps[0]?.verifiedAt).toBeDefined();
  });

  it('plans only what is missing, and nothing on a configured world', async () => {
    engine().saveInputs({ name: 'x' });
    world.things = new Set(['alpha', 'gamma']);
    const partial = await engine().plan(job());
    expect(partial.steps.map((s) => s.status)).toEqual(['ok', 'changes', 'ok']);
    world.things.add('beta');
    expect((await engine().plan(job())).steps.map((s) => s.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('a step without rights is manual, refuses to apply, shows the UI steps in the runbook, and verifies once done by hand', async () => {
    rights = false;
    engine().saveInputs({ name: 'x' });
    const planned = await engine().plan(job());
    expect(planned.steps[1]?.status).toBe('manual');
    await expect(engine().apply(job(), planned.planId!, ['b:create'])).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(renderRunbook(def(), engine().state())).toMatch(/By hand in the Secret Server UI[\s\S]*1\. Create beta by hand\./);
    expect(renderRunbook(def(), engine().state())).toMatch(/POST \/things \{"name":"alpha"\}/);
    // Sections are apart by one blank line, and the inputs' JSON block has none inside it.
    expect(renderRunbook(def(), engine().state())).not.toMatch(/\n{3,}/);
    world.things.add('beta');
    expect((await engine().verify(job(), ['b'])).steps[1]?.status).toBe('verified');
  });

  it('reports a failed change on its step and applies the rest', async () => {
    engine().saveInputs({ name: 'x' });
    const planned = await engine().plan(job());
    world.failOn = 'beta';
    const out = await engine().apply(job(), planned.planId!, ['a:create', 'b:create', 'c:create']);
    expect(out.steps.map((s) => s.status)).toEqual(['applied', 'failed', 'applied']);
    expect(out.steps[1]?.error?.message).toMatch(/cannot create beta/);
    expect(out.lastApply?.failed).toBe(1);
  });

  it('refuses a stale plan id, and new inputs forget the plan', async () => {
    engine().saveInputs({ name: 'x' });
    const planned = await engine().plan(job());
    await expect(engine().apply(job(), 'other', ['a:create'])).rejects.toMatchObject({ code: 'CONFLICT' });
    engine().saveInputs({ name: 'y' });
    await expect(engine().apply(job(), planned.planId!, ['a:create'])).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(
      engine()
        .view()
        .steps.map((s) => s.status),
    ).toEqual(['not-checked', 'not-checked', 'not-checked']);
  });
});
