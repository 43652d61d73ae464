/** Internal records of the Secret Server simulator (vendor field names where they exist). */

/** A user account; `password` is the login secret (never returned by the API). */
export interface SimUser {
  id: number;
  userName: string;
  displayName: string;
  password: string;
  enabled: boolean;
  isApplicationAccount: boolean;
  domainId: number;
  emailAddress: string;
  roleIds: number[];
  created: string;
}

/** A role and the ids of its role permissions. */
export interface SimRole {
  id: number;
  name: string;
  enabled: boolean;
  isSystem: boolean;
  created: string;
  permissionIds: number[];
}

/** One role permission from the catalogue. */
export interface SimPermission {
  rolePermissionId: number;
  name: string;
  roleType: 'GlobalRoleType';
}

/** A folder; permissions live in `SimState.folderPermissions`. */
export interface SimFolder {
  id: number;
  folderName: string;
  parentFolderId: number;
  inheritPermissions: boolean;
}

/** A template field (`SecretTemplateField` names). */
export interface SimTemplateField {
  secretTemplateFieldId: number;
  name: string;
  displayName: string;
  description: string;
  fieldSlugName: string;
  isPassword: boolean;
  isUrl: boolean;
  isNotes: boolean;
  isFile: boolean;
  isRequired: boolean;
  sortOrder: number;
}

/** A secret template. */
export interface SimTemplate {
  id: number;
  name: string;
  active: boolean;
  passwordTypeId: number | null;
  fields: SimTemplateField[];
}

/** A secret and its field values keyed by slug. */
export interface SimSecret {
  id: number;
  name: string;
  folderId: number;
  secretTemplateId: number;
  siteId: number;
  active: boolean;
  enableInheritPermissions: boolean;
  values: Record<string, string>;
  itemIds: Record<string, number>;
  createDate: string;
  lastPasswordChangeAttempt: string | null;
}

/** An explicit permission on a secret. */
export interface SimSecretPermission {
  id: number;
  secretId: number;
  userId: number;
  secretAccessRoleName: 'List' | 'View' | 'Edit' | 'Owner';
}

/** An explicit permission on a folder. */
export interface SimFolderPermission {
  id: number;
  folderId: number;
  userId: number;
  folderAccessRoleName: 'View' | 'Edit' | 'Add Secret' | 'Owner';
  secretAccessRoleName: 'List' | 'View' | 'Edit' | 'Owner' | 'None';
}

/** A user script. */
export interface SimScript {
  scriptId: number;
  name: string;
  description: string;
  isActive: boolean;
  script: string;
  scriptType: 'PowerShell' | 'SQL' | 'SSH';
  scriptCategoryId: number;
}

/** A distributed engine site. */
export interface SimSite {
  siteId: number;
  siteName: string;
  active: boolean;
  isLocal: boolean;
}

/** A distributed engine. */
export interface SimEngine {
  engineId: number;
  siteId: number;
  friendlyName: string;
  hostname: string;
  connectionStatus: 'Offline' | 'Online' | 'Invalid' | 'OldVersion';
  activationStatus: 'Pending' | 'Activated' | 'Inactive' | 'Deleted';
  lastConnected: string;
  currentVersion: string;
}

/** An event pipeline policy. */
export interface SimPolicy {
  eventPipelinePolicyId: number;
  eventPipelinePolicyName: string;
  eventPipelinePolicyDescription: string;
  eventEntityTypeId: number;
  active: boolean;
  isSystem: boolean;
  createdDate: string;
  lastModifiedDate: string;
  folderIds: number[];
  pipelineIds: number[];
}

/** A configured task inside a pipeline; settings keyed by `settingName`. */
export interface SimPipelineTask {
  eventPipelineTaskMapId: number;
  eventPipelineTaskId: number;
  sortOrder: number;
  settings: Record<string, string>;
}

/** An event pipeline (triggers + tasks). */
export interface SimPipeline {
  eventPipelineId: number;
  eventPipelineName: string;
  eventPipelineDescription: string;
  eventEntityTypeId: number;
  active: boolean;
  isSystem: boolean;
  createdDate: string;
  lastModifiedDate: string;
  triggerActionIds: number[];
  tasks: SimPipelineTask[];
}

/** Status values of runs and task activity (`EventPipelineStatus`). */
export type SimRunStatus = 'Failed' | 'Success' | 'Skipped' | 'Processing' | 'Pending' | 'Scheduled';

/** A pipeline run (`EventPipelineRunViewModel`) plus the policy it belongs to. */
export interface SimRun {
  eventPipelinePolicyRunId: string;
  eventPipelinePolicyId: number;
  eventPipelineId: number;
  name: string;
  description: string;
  entityTypeName: string;
  eventName: string;
  eventDetails: string;
  eventDateTime: string;
  itemId: number;
  itemName: string;
  queuedDate: string;
  startDate: string | null;
  endDate: string | null;
  duration: string;
  status: SimRunStatus;
}

/** One task's activity within a run (`EventPipelinePolicyRunActivityViewModel`). */
export interface SimActivity {
  eventPipelinePolicyRunId: string;
  eventPipelineId: number;
  eventPipelineName: string;
  eventPipelineDescription: string;
  eventPipelineTaskId: number;
  eventPipelineTaskName: string;
  eventPipelineTaskDescription: string;
  runOrder: number;
  status: SimRunStatus;
  notes: string;
  eventAction: string;
  eventEntityType: string;
  itemId: number;
  itemName: string;
  queuedDateTime: string;
  startDateTime: string | null;
  endDateTime: string | null;
  duration: string;
}

/** A secret audit line. */
export interface SimAudit {
  id: number;
  secretId: number;
  action: string;
  notes: string;
  userId: number;
  dateRecorded: string;
}

/** Slug rule from the vendor spec: lower-case field name, spaces replaced with dashes. */
export function slugOf(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, '-');
}

/** .NET TimeSpan text ("00:00:01.2340000"), as the vendor returns `duration`. */
export function timeSpan(ms: number): string {
  const total = Math.max(0, ms);
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  const frac = String(Math.round((total % 1000) * 10_000)).padStart(7, '0');
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${frac}`;
}
