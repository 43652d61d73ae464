import type { StoredChange, StoredStep, StoredWizard } from './store';
import type { WizardDef, WizardStep } from './types';

/** One step's runbook section: status, findings, then the exact API calls per change, or the UI steps when manual. */
export function renderStepRunbook<C>(step: WizardStep<C>, st: StoredStep, changes: readonly StoredChange[]): string {
  const lines = [`## ${step.title}`, '', step.description, '', `Status: **${st.status}**`, ''];
  for (const f of st.findings) lines.push(`- ${f.level === 'info' ? '' : `**${f.level}:** `}${f.text}`);
  if (st.findings.length) lines.push('');
  if (st.manual) {
    lines.push(`### By hand in the Secret Server UI`, '', st.manual.reason, '');
    st.manual.steps.forEach((s, i) => lines.push(`${i + 1}. ${s}`));
    lines.push('');
  }
  const todo = changes.filter((c) => c.action === 'create' || c.action === 'update');
  if (todo.length && !st.manual) {
    lines.push('### Changes (REST API)', '');
    for (const c of todo) {
      lines.push(`- **${c.action}** ${c.target}${c.reason ? ` — ${c.reason}` : ''} \`${c.key}\``, '', '  ```http');
      for (const call of c.payload.calls) lines.push(`  ${call}`);
      lines.push('  ```', '');
    }
  }
  for (const c of changes.filter((x) => x.action === 'unchanged')) lines.push(`- unchanged: ${c.target}`);
  if (st.diff) lines.push('', '```diff', st.diff, '```');
  return lines.join('\n').trimEnd();
}

/** The whole runbook for change control: header, inputs in words, every step's section. */
export function renderRunbook<I, C>(def: WizardDef<I, C>, state: StoredWizard): string {
  const head = [
    `# Runbook: ${def.title}`,
    '',
    `Plan ${state.plan?.id ?? '(none: check and plan first)'} — ${state.plan?.createdAt ?? ''}`,
    '',
    'Credentials are never written here; `<…>` marks a value read from the console’s credential store at apply time.',
    '',
    '```json',
    JSON.stringify(state.inputs, null, 2),
    '```',
    '',
  ];
  const steps = def.steps.map((s) =>
    renderStepRunbook(
      s,
      state.steps[s.id] ?? { status: 'not-checked', findings: [] },
      (state.plan?.changes ?? []).filter((c) => c.stepId === s.id),
    ),
  );
  return [head.join('\n').trimEnd(), ...steps].join('\n\n');
}
