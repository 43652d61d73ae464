import { PERMISSION_NAMES, PASSWORD_CHANGE_ACTION, RUN_SCRIPT_TASK, SECRET_ENTITY_TYPE } from './catalog';
import {
  slugOf,
  type SimActivity,
  type SimAudit,
  type SimEngine,
  type SimFolder,
  type SimFolderPermission,
  type SimPermission,
  type SimPipeline,
  type SimPolicy,
  type SimRole,
  type SimRun,
  type SimScript,
  type SimSecret,
  type SimSecretPermission,
  type SimSite,
  type SimTemplate,
  type SimTemplateField,
  type SimUser,
} from './model';

/** The whole simulated instance; tests and the demo seed it directly through these methods. */
export class SimState {
  readonly users: SimUser[] = [];
  readonly roles: SimRole[] = [];
  readonly permissions: SimPermission[] = PERMISSION_NAMES.map((name, i) => ({
    rolePermissionId: i + 1,
    name,
    roleType: 'GlobalRoleType',
  }));
  readonly folders: SimFolder[] = [];
  readonly folderPermissions: SimFolderPermission[] = [];
  readonly templates: SimTemplate[] = [];
  readonly secrets: SimSecret[] = [];
  readonly secretPermissions: SimSecretPermission[] = [];
  readonly scripts: SimScript[] = [];
  readonly sites: SimSite[] = [];
  readonly engines: SimEngine[] = [];
  readonly policies: SimPolicy[] = [];
  readonly pipelines: SimPipeline[] = [];
  readonly runs: SimRun[] = [];
  readonly activity: SimActivity[] = [];
  readonly audits: SimAudit[] = [];
  /** Bumped on every change to `runs` (sorted listings are kept until it moves). */
  runsVersion = 0;
  /** Counters for assertions: token grants by type, API calls. */
  readonly stats = { passwordGrants: 0, refreshGrants: 0, apiCalls: 0, expirations: 0 };
  private nextId = 1000;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** A fresh id (unique across every kind, which keeps mistakes visible in tests). */
  id(): number {
    return this.nextId++;
  }

  /** The current simulated time as ISO text. */
  now(): string {
    return this.clock().toISOString();
  }

  /** Adds a role; `permissions` are names from the catalogue. */
  addRole(name: string, permissions: readonly string[] = [], opts: { isSystem?: boolean } = {}): SimRole {
    const role: SimRole = {
      id: this.id(),
      name,
      enabled: true,
      isSystem: opts.isSystem ?? false,
      created: this.now(),
      permissionIds: permissions.map((p) => this.permission(p).rolePermissionId),
    };
    this.roles.push(role);
    return role;
  }

  /** Looks up a role permission by name (throws on typos so seeds fail loudly). */
  permission(name: string): SimPermission {
    const p = this.permissions.find((x) => x.name.toLowerCase() === name.toLowerCase());
    if (!p) throw new Error(`Unknown role permission "${name}"`);
    return p;
  }

  /** Adds a user with a password and optional roles (by name or id). */
  addUser(
    userName: string,
    password: string,
    opts: { roles?: Array<string | number>; displayName?: string; isApplicationAccount?: boolean; enabled?: boolean } = {},
  ): SimUser {
    const user: SimUser = {
      id: this.id(),
      userName,
      displayName: opts.displayName ?? userName,
      password,
      enabled: opts.enabled ?? true,
      isApplicationAccount: opts.isApplicationAccount ?? false,
      domainId: -1,
      emailAddress: `${userName}@example.test`,
      roleIds: (opts.roles ?? []).map((r) => (typeof r === 'number' ? r : this.roleByName(r).id)),
      created: this.now(),
    };
    this.users.push(user);
    return user;
  }

  /** A role by name. */
  roleByName(name: string): SimRole {
    const r = this.roles.find((x) => x.name === name);
    if (!r) throw new Error(`Unknown role "${name}"`);
    return r;
  }

  /** The names of every permission a user holds through enabled roles. */
  permissionNamesOf(user: SimUser): Set<string> {
    const names = new Set<string>();
    for (const role of this.roles) {
      if (!role.enabled || !user.roleIds.includes(role.id)) continue;
      for (const id of role.permissionIds) {
        const p = this.permissions.find((x) => x.rolePermissionId === id);
        if (p) names.add(p.name);
      }
    }
    return names;
  }

  /** Adds a folder (parent -1 = root). */
  addFolder(folderName: string, parentFolderId = -1, inheritPermissions = true): SimFolder {
    const folder: SimFolder = { id: this.id(), folderName, parentFolderId, inheritPermissions };
    this.folders.push(folder);
    return folder;
  }

  /** `\Parent\Child` path of a folder. */
  folderPath(id: number): string {
    const parts: string[] = [];
    for (let f = this.folders.find((x) => x.id === id); f; f = this.folders.find((x) => x.id === f?.parentFolderId))
      parts.unshift(f.folderName);
    return `\\${parts.join('\\')}`;
  }

  /** Grants a user rights on a folder (and on the secrets that inherit from it). */
  grantFolder(
    folderId: number,
    userId: number,
    folderAccessRoleName: SimFolderPermission['folderAccessRoleName'] = 'View',
    secretAccessRoleName: SimFolderPermission['secretAccessRoleName'] = 'View',
  ): SimFolderPermission {
    const p: SimFolderPermission = { id: this.id(), folderId, userId, folderAccessRoleName, secretAccessRoleName };
    this.folderPermissions.push(p);
    return p;
  }

  /** Adds a template; fields given by name get their slug by the vendor rule. */
  addTemplate(name: string, fields: ReadonlyArray<string | (Partial<SimTemplateField> & { name: string })>): SimTemplate {
    const template: SimTemplate = {
      id: this.id(),
      name,
      active: true,
      passwordTypeId: null,
      fields: fields.map((f, i) => {
        const spec = typeof f === 'string' ? { name: f } : f;
        return {
          secretTemplateFieldId: this.id(),
          displayName: spec.name,
          description: '',
          fieldSlugName: slugOf(spec.name),
          isPassword: /password|secret key|clientsecret/i.test(spec.name),
          isUrl: /url/i.test(spec.name),
          isNotes: false,
          isFile: false,
          isRequired: false,
          sortOrder: i + 1,
          ...spec,
        };
      }),
    };
    this.templates.push(template);
    return template;
  }

  /** A template by name. */
  templateByName(name: string): SimTemplate | undefined {
    return this.templates.find((t) => t.name === name);
  }

  /** Adds a secret; `values` are keyed by field slug or field name. */
  addSecret(
    name: string,
    opts: { templateId: number; folderId: number; values?: Record<string, string>; siteId?: number; inheritPermissions?: boolean },
  ): SimSecret {
    const template = this.templates.find((t) => t.id === opts.templateId);
    if (!template) throw new Error(`Unknown template ${opts.templateId}`);
    const values: Record<string, string> = {};
    const itemIds: Record<string, number> = {};
    for (const f of template.fields) {
      values[f.fieldSlugName] = opts.values?.[f.fieldSlugName] ?? opts.values?.[f.name] ?? '';
      itemIds[f.fieldSlugName] = this.id();
    }
    const secret: SimSecret = {
      id: this.id(),
      name,
      folderId: opts.folderId,
      secretTemplateId: template.id,
      siteId: opts.siteId ?? this.sites[0]?.siteId ?? 1,
      active: true,
      enableInheritPermissions: opts.inheritPermissions ?? true,
      values,
      itemIds,
      createDate: this.now(),
      lastPasswordChangeAttempt: null,
    };
    this.secrets.push(secret);
    return secret;
  }

  /** Grants a user a role on one secret. */
  grantSecret(
    secretId: number,
    userId: number,
    secretAccessRoleName: SimSecretPermission['secretAccessRoleName'] = 'View',
  ): SimSecretPermission {
    const p: SimSecretPermission = { id: this.id(), secretId, userId, secretAccessRoleName };
    this.secretPermissions.push(p);
    return p;
  }

  /** Adds a user script. */
  addScript(name: string, script: string, opts: Partial<SimScript> = {}): SimScript {
    const s: SimScript = {
      scriptId: this.id(),
      name,
      description: '',
      isActive: true,
      script,
      scriptType: 'PowerShell',
      scriptCategoryId: 6,
      ...opts,
    };
    this.scripts.push(s);
    return s;
  }

  /** Adds a site with one engine (online unless said otherwise). */
  addSite(siteName: string, opts: { engineOnline?: boolean; engineName?: string } = {}): SimSite {
    const site: SimSite = { siteId: this.id(), siteName, active: true, isLocal: false };
    this.sites.push(site);
    this.engines.push({
      engineId: this.id(),
      siteId: site.siteId,
      friendlyName: opts.engineName ?? `${siteName.toLowerCase().replace(/\W+/g, '-')}-engine-01`,
      hostname: `${siteName.toLowerCase().replace(/\W+/g, '')}01.corp.example`,
      connectionStatus: opts.engineOnline === false ? 'Offline' : 'Online',
      activationStatus: 'Activated',
      lastConnected: this.now(),
      currentVersion: '8.4.52.0',
    });
    return site;
  }

  /** Adds a Secret policy targeting `folderIds`, with one pipeline triggered by password change running a script. */
  addCredentialsCachePolicy(opts: {
    name: string;
    folderIds: number[];
    scriptId: number;
    connectionSecretId: number;
    siteId: number;
    args?: string;
    active?: boolean;
  }): { policy: SimPolicy; pipeline: SimPipeline } {
    const pipeline = this.addPipeline({
      eventPipelineName: `${opts.name} pipeline`,
      triggerActionIds: [PASSWORD_CHANGE_ACTION],
      tasks: [
        {
          eventPipelineTaskId: RUN_SCRIPT_TASK,
          settings: {
            ScriptId: String(opts.scriptId),
            ScriptArgs: opts.args ?? '$ItemId $[ADD:1]$URL $[ADD:1]$USERNAME $[ADD:1]$PASSWORD $[ADD:1]$CREDCACHEURL $[ADD:1]$DOMAIN',
            SiteId: String(opts.siteId),
            UseSiteRunAsSecret: 'true',
            AdditionalSecret1: String(opts.connectionSecretId),
          },
        },
      ],
    });
    const policy = this.addPolicy({
      eventPipelinePolicyName: opts.name,
      folderIds: opts.folderIds,
      pipelineIds: [pipeline.eventPipelineId],
      active: opts.active ?? true,
    });
    return { policy, pipeline };
  }

  /** Adds a policy (Secret type unless said otherwise). */
  addPolicy(p: Partial<SimPolicy> & { eventPipelinePolicyName: string }): SimPolicy {
    const policy: SimPolicy = {
      eventPipelinePolicyId: this.id(),
      eventPipelinePolicyDescription: '',
      eventEntityTypeId: SECRET_ENTITY_TYPE,
      active: false,
      isSystem: false,
      createdDate: this.now(),
      lastModifiedDate: this.now(),
      folderIds: [],
      pipelineIds: [],
      ...p,
    };
    this.policies.push(policy);
    return policy;
  }

  /** Adds a pipeline; tasks get map ids and sort order. */
  addPipeline(p: {
    eventPipelineName: string;
    eventPipelineDescription?: string;
    active?: boolean;
    triggerActionIds: number[];
    tasks: Array<{ eventPipelineTaskId: number; settings: Record<string, string> }>;
  }): SimPipeline {
    const pipeline: SimPipeline = {
      eventPipelineId: this.id(),
      eventPipelineName: p.eventPipelineName,
      eventPipelineDescription: p.eventPipelineDescription ?? '',
      eventEntityTypeId: SECRET_ENTITY_TYPE,
      active: p.active ?? true,
      isSystem: false,
      createdDate: this.now(),
      lastModifiedDate: this.now(),
      triggerActionIds: p.triggerActionIds,
      tasks: p.tasks.map((t, i) => ({ eventPipelineTaskMapId: this.id(), sortOrder: i + 1, ...t })),
    };
    this.pipelines.push(pipeline);
    return pipeline;
  }

  /** Records a finished run directly (history for the demo and list tests). */
  addRun(run: SimRun, activity: SimActivity[] = []): SimRun {
    this.runs.push(run);
    for (const a of activity) this.activity.push(a);
    this.runsChanged();
    return run;
  }

  /** Says a run was added or changed (status, times), so sorted listings are rebuilt. */
  runsChanged(): void {
    this.runsVersion++;
  }

  /** Appends an audit line to a secret. */
  audit(secretId: number, userId: number, action: string, notes = ''): void {
    this.audits.push({ id: this.id(), secretId, userId, action, notes, dateRecorded: this.now() });
  }
}
