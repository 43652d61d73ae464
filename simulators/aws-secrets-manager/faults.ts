/**
 * What the simulator can do wrong on purpose:
 * - `throttle`: 400 ThrottlingException ("Rate exceeded"), retried by the SDK;
 * - `unavailable`: 503 ServiceUnavailable, retried by the SDK;
 * - `limit-exceeded`: 400 LimitExceededException;
 * - `internal`: 500 InternalServiceError;
 * - `reset`: the socket is destroyed without an answer;
 * - `html`: a 502 HTML error page, as a proxy in front of AWS would send;
 * - `empty-page`: ListSecrets answers an empty page that still carries a NextToken.
 */
export type FaultKind = 'throttle' | 'unavailable' | 'limit-exceeded' | 'internal' | 'reset' | 'html' | 'empty-page';

/** One armed fault: fires for the next `count` matching requests. */
export interface FaultRule {
  readonly kind: FaultKind;
  remaining: number;
  /** Only requests for this operation (e.g. `'GetSecretValue'`); all when omitted. */
  readonly op?: string;
}

/** Fault switches for one simulator; tests arm them per test and `clear()` in afterEach. */
export class Faults {
  private rules: FaultRule[] = [];
  private latency = 0;

  /** Arms `kind` for the next `count` (default 1) requests, optionally for one operation only. */
  inject(kind: FaultKind, opts: { count?: number; op?: string } = {}): this {
    this.rules.push({ kind, remaining: opts.count ?? 1, ...(opts.op ? { op: opts.op } : {}) });
    return this;
  }

  /** Delays every answer by `ms` milliseconds. */
  setLatency(ms: number): this {
    this.latency = Math.max(0, ms);
    return this;
  }

  /** The configured delay. */
  latencyMs(): number {
    return this.latency;
  }

  /** Disarms everything. */
  clear(): void {
    this.rules = [];
    this.latency = 0;
  }

  /** Consumes and returns the first armed fault for `op` (ListSecrets empty pages are taken separately). */
  take(op: string): Exclude<FaultKind, 'empty-page'> | undefined {
    const rule = this.rules.find((r) => r.remaining > 0 && r.kind !== 'empty-page' && (!r.op || r.op === op));
    if (!rule) return undefined;
    rule.remaining -= 1;
    return rule.kind as Exclude<FaultKind, 'empty-page'>;
  }

  /** Consumes one armed `empty-page` fault. */
  takeEmptyPage(): boolean {
    const rule = this.rules.find((r) => r.remaining > 0 && r.kind === 'empty-page');
    if (!rule) return false;
    rule.remaining -= 1;
    return true;
  }
}
