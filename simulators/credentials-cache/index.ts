/** Delinea Credentials Cache simulator: token, secretchanged, credential-by-id (guessed path), Swagger page, appsettings.json and Serilog-style daily logs. */
export { startCredentialsCacheSimulator, type CredentialsCacheOptions, type CredentialsCacheSimulator, type RefreshRecord } from './server';
export { CacheFaults } from './faults';
export { formatLogLine, logFileName, type LogLevel } from './log';
export { APPSETTINGS_FILE, type CacheSettings } from './settings';
export { DEMO_TLS } from './demo-certificate';
