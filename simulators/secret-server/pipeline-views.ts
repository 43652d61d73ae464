import type { TASK_SETTINGS } from './catalog';

/** `SettingForDisplay` of a task setting definition. */
export function settingForDisplay(s: (typeof TASK_SETTINGS)[number][number]) {
  return {
    settingId: s.settingId,
    settingName: s.settingName,
    settingType: s.settingType,
    defaultValue: s.defaultValue,
    active: true,
    canEdit: true,
    canEditValue: true,
    isVisible: true,
    childSettings: [],
    parentSettingId: null,
    sortOrder: s.settingId % 100,
    nameLocalizeKey: s.settingDisplay,
    tooltipLocalizeKey: '',
    regexValidation: '',
    childLoadSQL: '',
    settingSectionId: 0,
    subSettingSectionId: null,
  };
}

/** The list endpoint wraps values in ViewFieldValue objects (`{value, label, …}`). */
export function viewModel(m: Record<string, unknown>): Record<string, unknown> {
  const wrap = (value: unknown, name: string) => ({ value, name, label: name, readOnly: false, hidden: false });
  return {
    eventPipelineId: m.eventPipelineId,
    eventEntityTypeId: m.eventEntityTypeId,
    eventPipelinePolicyId: m.eventPipelinePolicyId,
    eventPipelinePolicyMapId: m.eventPipelinePolicyMapId,
    isSystem: m.isSystem,
    eventPipelineName: wrap(m.eventPipelineName, 'eventPipelineName'),
    eventPipelineDescription: wrap(m.eventPipelineDescription, 'eventPipelineDescription'),
    active: wrap(m.active, 'active'),
    sortOrder: wrap(m.sortOrder, 'sortOrder'),
    createdDate: wrap(m.createdDate, 'createdDate'),
    lastModifiedDate: wrap(m.lastModifiedDate, 'lastModifiedDate'),
    lastModifiedDisplayName: wrap(m.lastModifiedDisplayName, 'lastModifiedDisplayName'),
    triggers: [],
    taskList: [],
    filterList: [],
  };
}
