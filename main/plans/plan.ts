import { createHmac } from 'node:crypto';
import type { PlanChangeView } from '../../contract/plans';

/** One planned change: what the admin sees plus what the executor needs (kept in main). */
export interface PlannedChange<T = unknown> extends PlanChangeView {
  readonly payload: T;
}

/** A plan: the changes a run would make, computed from the live state before anything is written. */
export interface Plan<T = unknown> {
  readonly id: string;
  readonly createdAt: string;
  readonly changes: readonly PlannedChange<T>[];
}

/** Actions that write something when confirmed. */
export const APPLICABLE: ReadonlySet<PlanChangeView['action']> = new Set(['create', 'update']);

/** The admin's view of a plan: every change without its payload. */
export function planView(plan: Plan): PlanChangeView[] {
  return plan.changes.map(({ payload: _payload, ...view }) => view);
}

/**
 * A masked fingerprint of a value: a keyed hash (HMAC-SHA-256 with a key of this installation),
 * cut to 8 hex digits. Equal values give equal fingerprints; the value cannot be recovered or
 * guessed by hashing candidates without the key.
 */
export function fingerprint(value: string | Buffer, key: Buffer): string {
  return `fp:${createHmac('sha256', key).update(value).digest('hex').slice(0, 8)}`;
}
