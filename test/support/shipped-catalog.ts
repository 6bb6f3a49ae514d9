// The catalog as Gatehouse ships it (src/store/manifests/), for tests and the bench: what a fresh
// database holds after start-up, in catalog order. The running code reads the catalog from the
// database instead (a service may have taken its manifest over).
import { readShippedManifests } from '../../src/store/shipped-manifests.js';
import { parseManifest, permissionKey, qualifiedType } from '../../src/core/services/manifest.js';
import type { BuiltInRoleId } from '../../src/core/authz/permissions.js';
import { catalogIndex } from '../../src/core/authz/decision-index.js';

export interface ShippedPermission {
  key: string;
  service: string;
  label: { en: string; de?: string };
  description: { en: string; de?: string };
  resourceType: string | null;
  deviceScoped: boolean;
  roles: readonly BuiltInRoleId[];
}

const SHIPPED_MANIFESTS = readShippedManifests().map(parseManifest);

export const CATALOG: readonly ShippedPermission[] = SHIPPED_MANIFESTS.flatMap((m) =>
  m.permissions.map((p) => ({
    key: permissionKey(m.service, p.action),
    service: m.service,
    label: p.label,
    description: p.description,
    resourceType: p.resourceType === undefined ? null : p.resourceType === 'device' ? 'device' : `${m.service}:${p.resourceType}`,
    deviceScoped: p.resourceType === 'device',
    roles: p.roles,
  })),
);

export const PERMISSION_KEYS: readonly string[] = CATALOG.map((e) => e.key);
export const isDeviceScoped = (key: string) => CATALOG.find((e) => e.key === key)?.deviceScoped === true;
export const builtInRolePermissions = (role: BuiltInRoleId): string[] => CATALOG.filter((e) => e.roles.includes(role)).map((e) => e.key);

/** The shipped catalog interned as the decision index reads it. */
export const SHIPPED_INDEX = catalogIndex(
  CATALOG.map((e) => ({ key: e.key, resourceType: e.resourceType, deprecated: false })),
  SHIPPED_MANIFESTS.flatMap((m) =>
    m.resourceTypes.map((t) => ({ type: qualifiedType(m.service, t.type), parent: t.parent ? qualifiedType(m.service, t.parent) : null })),
  ),
);
