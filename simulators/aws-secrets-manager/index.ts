/** AWS Secrets Manager simulator: awsJson1_1 on 127.0.0.1, SigV4 and allow-list checks, the AWS rules, faults and seeding. */
export { startAwsSecretsManagerSimulator, type AwsSimulator, type AwsSimulatorOptions, type RequestLogEntry } from './server';
export { DEFAULT_KEY, type SimKey } from './auth';
export { Faults, type FaultKind } from './faults';
export { SecretsState, type SecretRecord } from './state';
export { MAX_SECRET_SIZE } from './validate';
export { seedDemoSecrets, type DemoSeed } from './seed';
