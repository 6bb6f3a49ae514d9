// Gatehouse's own permissions: the keys its code checks (routes, use cases, the delegation rules),
// typed so that a misspelt key does not compile. The catalog itself is data — every service's
// manifest, Gatehouse's own (`user-management`, `organization`, `device-management`) among them,
// shipped in src/store/manifests/ and applied at every start (store/shipped-manifests.ts). Start-up
// verifies that every key below is in the applied catalog and not deprecated (`missingOwnPermissions`),
// so a manifest that dropped one is found before the first request, not by a 403 in production.

export const GATEHOUSE_PERMISSIONS = [
  'device-management:devices.view',
  'device-management:devices.add',
  'device-management:devices.edit',
  'device-management:devices.delete',
  'device-management:devices.reset-token',
  'user-management:access',
  'user-management:users.invite',
  'user-management:users.change-role',
  'user-management:users.remove',
  'user-management:users.device-access',
  'user-management:roles.manage',
  'organization:rename',
  'organization:billing.edit',
] as const;

/** A permission the code checks. Other services' permissions are strings of the catalog (data). */
export type Permission = (typeof GATEHOUSE_PERMISSIONS)[number];

/** The own permissions the applied catalog lacks (or has deprecated): start-up refuses to run with any. */
export function missingOwnPermissions(active: ReadonlySet<string>): Permission[] {
  return GATEHOUSE_PERMISSIONS.filter((k) => !active.has(k));
}

export const BUILT_IN_ROLE_IDS = ['admin', 'editor', 'viewer'] as const;
export type BuiltInRoleId = (typeof BUILT_IN_ROLE_IDS)[number];
export const BUILT_IN_ROLES: Record<BuiltInRoleId, { name: string }> = {
  admin: { name: 'Admin' },
  editor: { name: 'Editor' },
  viewer: { name: 'Viewer' },
};
export const isBuiltInRole = (id: string): id is BuiltInRoleId => Object.hasOwn(BUILT_IN_ROLES, id);
