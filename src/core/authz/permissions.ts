// The permission catalog (shared/spec/PERMISSIONS.md, from the Proficloud "User permissions" table)
// and the built-in roles' mapping, in one place. `Permission` is the union of the keys: a misspelt
// key does not compile. Labels and descriptions are the seed's own words (in German: permissions.de.ts).

export const SERVICES = {
  'device-management': 'Device Management Service',
  'user-management': 'User Management Service',
  'service-store': 'Service Store & Subscription Management',
  organization: 'Organization Settings',
  emma: 'EMMA Service',
  tsd: 'Time Series Data Service',
  'impulse-analytics': 'Impulse Analytics Service',
} as const;
export type Service = keyof typeof SERVICES;

type Roles = 'AEV' | 'AE' | 'A';
interface Entry {
  readonly key: `${Service}:${string}`;
  readonly label: string;
  readonly description: string;
  /** Which built-in roles hold it: A = Admin, E = Editor, V = Viewer. */
  readonly roles: Roles;
  /** A check naming a device is allowed only if the member may also access that device. */
  readonly deviceScoped: boolean;
}

const p = <K extends `${Service}:${string}`>(key: K, label: string, description: string, roles: Roles, deviceScoped = false) =>
  ({ key, label, description, roles, deviceScoped }) as const satisfies Entry;

export const CATALOG = [
  p('device-management:access', 'Access Smart Service', 'The user can access the Device Management Service', 'AEV'),
  p(
    'device-management:devices.view',
    'View devices',
    'The user can see and open the existing devices. He can see into all tabs.',
    'AEV',
    true,
  ),
  p('device-management:devices.add', 'Add devices', 'The user can add new devices', 'AE'),
  p('device-management:devices.delete', 'Delete devices', 'The user can delete existing devices', 'AE', true),
  p('device-management:devices.reset-token', 'Reset device token', 'The user can reset the device token of a device.', 'AE', true),
  p(
    'device-management:devices.edit',
    'Edit data of device',
    'The user can change metadata, such as device name, location, tags or the description.',
    'AE',
    true,
  ),
  p('device-management:logs.export', 'Export logs', 'The user can export the logs of a device.', 'AE', true),
  p('device-management:firmware.update', 'Perform firmware updates', 'The user can start a firmware update of a device.', 'AE', true),
  p('device-management:metrics.assign', 'Assign metrics', 'The user can add or remove metrics of a device.', 'AE', true),

  p('user-management:access', 'Access Smart Service', 'The user can access the User Management Service', 'A'),
  p('user-management:users.invite', 'Invite User', 'The user can invite another user to the active organization', 'A'),
  p(
    'user-management:users.change-role',
    'Change User role',
    'The user can change the role of another user and thus grant different rights accordingly',
    'A',
  ),
  p(
    'user-management:users.remove',
    'Remove User',
    "The user can remove a user from the active organization and thus revoke the user's access to the organization",
    'A',
  ),
  p('user-management:users.device-access', 'Change device access', "Grant or revoke a member's access to devices", 'A'),
  p('user-management:roles.manage', 'Manage roles', "Create, edit and delete the organization's custom roles", 'A'),

  p('service-store:access', 'Access Smart Service', 'The user can access the Service Store', 'AEV'),
  p('service-store:services.book', 'Book a Smart Service', 'The user can book a Smart Service in the Service Store', 'A'),
  p('service-store:subscriptions.cancel', 'Cancel Subscription', 'The user can cancel an ongoing paid subscription', 'A'),
  p('service-store:subscriptions.assign-metrics', 'Assign Metrics', 'The user can assign metrics to a device within a subscription', 'AE'),
  p(
    'service-store:subscriptions.assign-devices',
    'Assign Devices',
    'The user can assign a device to a subscription within a subscription',
    'AE',
  ),

  p('organization:create', 'Create Organization', 'The user can create a new organization', 'AEV'),
  p('organization:rename', 'Rename Organization', 'The user can rename the active organization', 'A'),
  p('organization:billing.edit', 'Change Billing information', "The user can change the organization's billing information", 'A'),

  p('emma:access', 'Access Smart Service', 'The user can access the EMMA Service', 'AEV'),
  p('emma:dashboards.view', 'View dashboards', 'The user can view existing dashboards', 'AEV', true),
  p('emma:dashboards.create', 'Create dashboard', 'The user can create a new dashboard', 'AE'),
  p('emma:widgets.create', 'Create new widget', 'The user can create a new widget within a dashboard', 'AE'),
  p('emma:dashboards.delete', 'Delete dashboard', 'The user can delete an existing dashboard', 'AE'),
  p('emma:widgets.remove', 'Remove widget', 'The user can delete a widget within a dashboard', 'AE'),
  p(
    'emma:dashboards.edit-metadata',
    'Add/change metadata of a dashboard',
    'The user can change metadata, such as title or description',
    'AE',
  ),
  p('emma:reports.view', 'View reports', 'The user can access the Reports section', 'AEV'),
  p(
    'emma:virtual-devices.create',
    'Create new virtual device',
    'The user can create a new virtual device to be able to use it in dashboards',
    'AE',
  ),
  p('emma:energy-data.export', 'Export energy data', 'The user can use the process for exporting the displayed data', 'AEV', true),
  p(
    'emma:widgets.use',
    'Use widget',
    'The user can make various settings within a widget (e.g. change the date, devices or statistics)',
    'AEV',
    true,
  ),
  p('emma:reports.download', 'Download report', 'The user can download a report in the reports section.', 'AEV'),
  p(
    'emma:reports.edit-settings',
    'Change settings',
    'The user can change various settings in the Reports section based on the dashboards used',
    'AE',
  ),

  p('tsd:access', 'Access Smart Service', 'The user can access the Time Series Data Service', 'AEV'),
  p('tsd:dashboards.view', 'Show dashboards', 'The user can access the dashboards in different dashboard groups', 'AEV', true),
  p(
    'tsd:device-templates.view',
    'View device template',
    'The user can call up the device template in the Time Series Data Service',
    'AEV',
    true,
  ),
  p('tsd:dashboards.create', 'Create new dashboard', 'The user can create a new dashboard', 'AE'),
  p('tsd:dashboards.delete', 'Delete dashboard', 'The user can delete a dashboard', 'AE'),
  p('tsd:notification-channels.create', 'Create notification channel', 'The user can set up new notification channels', 'AE'),
  p('tsd:notification-channels.delete', 'Delete notification channel', 'The user can delete existing Notification Channels', 'AE'),
  p('tsd:notification-channels.edit', 'Edit notification channel', 'The user can change existing notification channels', 'AE'),
  p('tsd:alert-rules.create', 'Create alert rules', 'The user can create a new alert rule within a dashboard', 'AE', true),
  p('tsd:alert-rules.edit', 'Edit alert rules', 'The user can edit existing alert rules', 'AE', true),
  p('tsd:alert-rules.delete', 'Delete alert rules', 'The user can remove existing alert rules.', 'AE', true),
  p('tsd:dashboards.favorite', 'Mark as favorite', 'The user can mark an existing dashboard as a favorite', 'AEV'),
  p(
    'tsd:home-dashboard.change',
    'Change home dashboard',
    'The user can change the Home Dashboard (this applies only to personal access to the Time Series Data Service)',
    'AEV',
  ),
  p(
    'tsd:permissions.manage',
    'Set individual Permissions',
    'The user can distribute individual permissions within the Time Series Data Service based on roles, users, dashboard groups, or individual dashboards',
    'A',
  ),

  p('impulse-analytics:access', 'Access Smart Service', 'The user can access the Impulse Analytics Service.', 'AEV'),
  p(
    'impulse-analytics:devices.view-detail',
    'Show detail view of device',
    'The user can open the devices in the Impulse Analytics Service and analyze the different statuses of the arresters',
    'AEV',
    true,
  ),
  p(
    'impulse-analytics:surges.view-graph',
    'Show graph of surge',
    'The user can view the graphical representation of a lightning strike',
    'AEV',
    true,
  ),
  p(
    'impulse-analytics:status-reports.create',
    'Create status report',
    'The user can create and export a status report for a specific device.',
    'AEV',
    true,
  ),
  p('impulse-analytics:journal.view', 'Show Journal', 'The user can access the journal in the Impulse Analytics Service.', 'AEV'),
  p(
    'impulse-analytics:notifications.edit',
    'Edit notifications',
    'The user can set up notifications for specific users within the journal',
    'AE',
  ),
  p('impulse-analytics:control-api.view', 'Show Control API', 'The user can access the Control API of the Impulse Analytic Service.', 'AE'),
  p('impulse-analytics:api-tokens.generate', 'Generate new API token', 'The user can have a new API token generated.', 'A'),
  p('impulse-analytics:surges.download', 'Download surges', 'The user can download data about individual surges as CSV', 'AEV', true),
  p('impulse-analytics:arresters.configure', 'Configure arrester', 'The user can add and edit the arresters', 'AE', true),
] as const;

export type Permission = (typeof CATALOG)[number]['key'];
export const PERMISSION_KEYS: readonly Permission[] = CATALOG.map((e) => e.key);
const byKey = new Map<string, (typeof CATALOG)[number]>(CATALOG.map((e) => [e.key, e]));

export function isPermission(key: string): key is Permission {
  return byKey.has(key);
}
export function isDeviceScoped(key: Permission): boolean {
  return byKey.get(key)!.deviceScoped;
}

export type BuiltInRoleId = 'admin' | 'editor' | 'viewer';
export const BUILT_IN_ROLES: Record<BuiltInRoleId, { name: string; letter: 'A' | 'E' | 'V' }> = {
  admin: { name: 'Admin', letter: 'A' },
  editor: { name: 'Editor', letter: 'E' },
  viewer: { name: 'Viewer', letter: 'V' },
};
export const isBuiltInRole = (id: string): id is BuiltInRoleId => Object.hasOwn(BUILT_IN_ROLES, id);

export function builtInRolePermissions(role: BuiltInRoleId): Permission[] {
  const letter = BUILT_IN_ROLES[role].letter;
  return CATALOG.filter((e) => (e.roles as string).includes(letter)).map((e) => e.key);
}
