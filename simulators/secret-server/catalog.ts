/** Fixed catalogues of the simulated instance: permissions, triggers, tasks, task settings. */

/** Secret entity type id (`EventEntityType.Secret`). */
export const SECRET_ENTITY_TYPE = 10001;

/** Role permission names; the first three are the ones seed 000 asks for. */
export const PERMISSION_NAMES = [
  'Administer Secret Server Pipelines',
  'Administer Secret Server Scripts',
  'View Secret',
  'Unlimited Administration',
  'Administer Roles',
  'Administer Users',
  'Administer Secret Templates',
  'Administer Folders',
  'Administer Distributed Engines',
  'View Distributed Engines',
  'View Roles',
  'View Users',
  'Create Secret',
  'Edit Secret',
  'Own Secret',
] as const;

/** Trigger catalogue for Secret policies (`trigger/options?eventEntityTypeId=10001`). */
export const SECRET_TRIGGERS = [
  { eventActionId: 10020, triggerDisplayName: 'Secret Password Change' },
  { eventActionId: 10021, triggerDisplayName: 'Secret Edit' },
  { eventActionId: 10022, triggerDisplayName: 'Secret View' },
  { eventActionId: 10023, triggerDisplayName: 'Secret Heartbeat Failed' },
  { eventActionId: 10044, triggerDisplayName: 'Secret Access Approved' },
] as const;

/** eventActionId of "Secret Password Change". */
export const PASSWORD_CHANGE_ACTION = 10020;

/** Task catalogue (`tasks/options`, `task/list`). */
export const TASKS = [
  {
    eventPipelineTaskId: 1,
    eventPipelineTaskName: 'RunScript',
    eventPipelineTaskDisplayName: 'Run Script',
    eventPipelineTaskDescription: 'Runs a PowerShell script on a distributed engine site',
  },
  {
    eventPipelineTaskId: 2,
    eventPipelineTaskName: 'AddCustomAudit',
    eventPipelineTaskDisplayName: 'Add Custom Audit',
    eventPipelineTaskDescription: 'Writes an audit entry',
  },
  {
    eventPipelineTaskId: 3,
    eventPipelineTaskName: 'SendEmail',
    eventPipelineTaskDisplayName: 'Send Email',
    eventPipelineTaskDescription: 'Sends an email',
  },
] as const;

/** Id of the "Run Script" task. */
export const RUN_SCRIPT_TASK = 1;

/** One task setting definition (`EventPipelineTaskSettingMapSummary.setting`). */
export interface TaskSettingDef {
  readonly settingId: number;
  readonly settingName: string;
  readonly settingDisplay: string;
  readonly settingType: 'Integer' | 'String' | 'Boolean' | 'DropDown' | 'MultilineString';
  readonly defaultValue: string;
}

/** Settings per task id, keyed by `setting.settingName` when a pipeline is created. */
export const TASK_SETTINGS: Readonly<Record<number, readonly TaskSettingDef[]>> = {
  1: [
    { settingId: 101, settingName: 'ScriptId', settingDisplay: 'Script', settingType: 'DropDown', defaultValue: '' },
    { settingId: 102, settingName: 'ScriptArgs', settingDisplay: 'Script Args', settingType: 'String', defaultValue: '' },
    { settingId: 103, settingName: 'SiteId', settingDisplay: 'Run Site', settingType: 'DropDown', defaultValue: '1' },
    {
      settingId: 104,
      settingName: 'UseSiteRunAsSecret',
      settingDisplay: 'Use site run as secret',
      settingType: 'Boolean',
      defaultValue: 'true',
    },
    { settingId: 105, settingName: 'RunAsSecretId', settingDisplay: 'Run as secret', settingType: 'Integer', defaultValue: '' },
    { settingId: 106, settingName: 'AdditionalSecret1', settingDisplay: 'Additional secret 1', settingType: 'Integer', defaultValue: '' },
    { settingId: 107, settingName: 'AdditionalSecret2', settingDisplay: 'Additional secret 2', settingType: 'Integer', defaultValue: '' },
  ],
  2: [{ settingId: 201, settingName: 'AuditNotes', settingDisplay: 'Audit notes', settingType: 'MultilineString', defaultValue: '' }],
  3: [
    { settingId: 301, settingName: 'EmailTo', settingDisplay: 'To', settingType: 'String', defaultValue: '' },
    { settingId: 302, settingName: 'EmailSubject', settingDisplay: 'Subject', settingType: 'String', defaultValue: '' },
  ],
};

/** Script categories (PS enum ids). */
export const SCRIPT_CATEGORIES = [
  { scriptCategoryId: 1, scriptCategoryName: 'Untyped' },
  { scriptCategoryId: 2, scriptCategoryName: 'Ticket Validation' },
  { scriptCategoryId: 3, scriptCategoryName: 'Ticket Comment' },
  { scriptCategoryId: 4, scriptCategoryName: 'Secret Discovery' },
  { scriptCategoryId: 5, scriptCategoryName: 'Heartbeat' },
  { scriptCategoryId: 6, scriptCategoryName: 'Password Changing' },
  { scriptCategoryId: 7, scriptCategoryName: 'Discovery Takeover' },
  { scriptCategoryId: 8, scriptCategoryName: 'Dependency' },
] as const;
