/** Secret Server simulator: real HTTP on 127.0.0.1 speaking the vendor REST API, seedable and fault-injectable. */
export {
  startSecretServerSimulator,
  type SecretServerFaults,
  type SecretServerSimulator,
  type SecretServerSimulatorOptions,
} from './server';
export { SimState } from './state';
export { seedBase, CREDENTIALS_CACHE_SCRIPT, HARDENED_CACHE_SCRIPT, type BaseSeed } from './seed';
export { PASSWORD_CHANGE_ACTION, RUN_SCRIPT_TASK, SECRET_ENTITY_TYPE, PERMISSION_NAMES, TASK_SETTINGS, SECRET_TRIGGERS } from './catalog';
export { slugOf, timeSpan } from './model';
export type * from './model';
export { formatEngineLine, SCRIPT_LOGGER } from './engine-log';
export { scriptTraits } from './script-exec';
