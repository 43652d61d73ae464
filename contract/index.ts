export * from './errors';
export * from './define';
export * from './channels';
export * from './events';
export * from './settings';
export type { AppInfo, Notice, SecretStoreStatus } from './channels/app';
export type { ElectronApi } from './bridge';
