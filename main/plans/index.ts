export { APPLICABLE, fingerprint, planView, type Plan, type PlannedChange } from './plan';
export { applyPlan, jobPlanJournal, UNLIMITED, type ApplyOptions, type Limiter, type PlanExecutor, type PlanJournal } from './apply';
