// An organization's decision index from plain data, through the loader's own steps
// (core/authz/org-index.ts), for tests that build one by hand.
import type { CatalogIndex, OrgIndex, TypeAccess } from '../../src/core/authz/decision-index.js';
import { addDevices, emptyOrgIndex, setDeviceGrants, setMembers, setResourceAccess, setResources } from '../../src/core/authz/org-index.js';

export interface PlainMember {
  permissions: Uint32Array;
  isAdmin: boolean;
  allDevices: boolean;
  /** Explicit devices (an id that is not the organization's is kept, absent, as the loader would). */
  devices?: Iterable<string>;
  hasFactor?: boolean;
  access?: ReadonlyMap<string, TypeAccess>;
}

export function indexFrom(data: {
  orgId?: string;
  version?: number;
  catalog: CatalogIndex;
  requireMfa?: boolean;
  devices: Iterable<string>;
  members: Iterable<readonly [userId: string, member: PlainMember]>;
  resources?: readonly { id: string; type: string; externalId: string; parentId: string | null }[];
}): OrgIndex {
  const index = emptyOrgIndex(data.orgId ?? 'org_x', data.version ?? 0, data.catalog, data.requireMfa ?? false);
  addDevices(index, data.devices);
  const members = [...data.members];
  setMembers(
    index,
    members.map(([userId, m]) => ({
      userId,
      permissions: m.permissions,
      isAdmin: m.isAdmin,
      allDevices: m.allDevices,
      hasFactor: m.hasFactor,
    })),
  );
  setDeviceGrants(
    index,
    members.map(([userId, m]) => [userId, m.devices ?? []] as const),
  );
  if (data.resources) setResources(index, data.resources);
  setResourceAccess(
    index,
    members.flatMap(([userId, m]) => (m.access ? [[userId, m.access] as const] : [])),
  );
  return index;
}
