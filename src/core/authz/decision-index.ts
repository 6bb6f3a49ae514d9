// The answer to the Smart Services' one question — may this user, in this organization, do this, on
// this device? — from an in-memory index of one organization: its members (role, all-devices flag,
// device set), its roles' permissions and its devices. `decide` is pure and synchronous; the
// engine (authz-engine.ts) keeps one index per organization exact.
// Permissions as bits. The catalog is data (every service's manifest) with no fixed size: when it is
// loaded, each active permission key is interned to a small integer, and a role's permissions become
// a bitset of 32-bit words (a Uint32Array), built once per role and shared by the role's members.
// A check is then one Map lookup (key → bit) and one word test: synchronous and allocation-free,
// whatever the catalog's size. A deprecated permission gets no bit: every check of it is
// `unknown_permission`, while the rows (and custom roles holding it) stay for a re-add.

/** The catalog as the index reads it; replaced as a whole when a manifest changes. */
export interface CatalogIndex {
  /** Active permission key → its bit. */
  readonly bits: ReadonlyMap<string, number>;
  /** Words of a role's bitset (`ceil(bits / 32)`, at least 1). */
  readonly words: number;
  /** The device-scoped permissions (`resourceType: device`) as a bitset. */
  readonly deviceScoped: Uint32Array;
  /**
   * The resource type of each active permission that has one (the manifests' `resourceType`,
   * `device` included): a check naming a resource compares it with the resource's type.
   */
  readonly permissionTypes: ReadonlyMap<string, string>;
  /**
   * The registered resource types, each with its parent type. Part of the catalog (manifests declare
   * them), so a type registered later arrives with `catalogChanged()`, which drops every index.
   */
  readonly resourceTypes: ReadonlyMap<string, string | null>;
}

export function catalogIndex(
  permissions: Iterable<{ key: string; resourceType: string | null; deprecated: boolean }>,
  resourceTypes: Iterable<{ type: string; parent: string | null }> = [],
): CatalogIndex {
  const bits = new Map<string, number>();
  const permissionTypes = new Map<string, string>();
  const scoped: number[] = [];
  for (const p of permissions) {
    if (p.deprecated || bits.has(p.key)) continue;
    bits.set(p.key, bits.size);
    if (p.resourceType !== null) permissionTypes.set(p.key, p.resourceType);
    if (p.resourceType === 'device') scoped.push(bits.size - 1);
  }
  const words = Math.max(1, Math.ceil(bits.size / 32));
  const deviceScoped = new Uint32Array(words);
  for (const bit of scoped) deviceScoped[bit >>> 5]! |= 1 << (bit & 31);
  return { bits, words, deviceScoped, permissionTypes, resourceTypes: new Map([...resourceTypes].map((t) => [t.type, t.parent])) };
}

/** A set of permissions as a bitset over `catalog`; keys it does not know (or deprecated) are left out. */
export function permissionBits(catalog: CatalogIndex, keys: Iterable<string>): Uint32Array {
  const set = new Uint32Array(catalog.words);
  for (const key of keys) {
    const bit = catalog.bits.get(key);
    if (bit !== undefined) set[bit >>> 5]! |= 1 << (bit & 31);
  }
  return set;
}

const hasBit = (set: Uint32Array, bit: number) => ((set[bit >>> 5]! >>> (bit & 31)) & 1) === 1;

export type CheckReason =
  | 'granted'
  | 'not_member'
  | 'permission_denied'
  | 'device_denied'
  | 'unknown_permission'
  | 'unknown_device'
  | 'mfa_required'
  | 'resource_denied'
  | 'unknown_resource'
  | 'resource_type_mismatch';

export interface CheckResult {
  allowed: boolean;
  reason: CheckReason;
}

export interface IndexedMember {
  isAdmin: boolean;
  /** The role's permissions over the index's catalog (one array per role, shared by its members). */
  permissions: Uint32Array;
  allDevices: boolean;
  /** The explicit device set; ignored for Admins and members with `allDevices`. */
  devices: ReadonlySet<string>;
  /** The member has a second factor enrolled (read only when the organization requires one). */
  hasFactor?: boolean;
  /** Access per resource type (`<slug>:<type>`); a type without an entry is nothing of it. Ignored for Admins. */
  access: ReadonlyMap<string, TypeAccess>;
}

/** A member's access to one resource type: every resource of it, or this set of `res_…` ids. */
export interface TypeAccess {
  all: boolean;
  ids: ReadonlySet<string>;
}

/**
 * A resource in the index: its type and a pointer to its parent, so that the walk up a 4-deep
 * hierarchy is four pointer hops with no lookup and no allocation.
 */
export interface IndexedResource {
  id: string;
  type: string;
  externalId: string;
  parent: IndexedResource | undefined;
}

/** A resource as a check names it: by `res_…` id or by the service's own id, with its type. */
export interface ResourceRef {
  type: string;
  id?: string | undefined;
  externalId?: string | undefined;
}

export interface OrgIndex {
  orgId: string;
  /** `organizations.authz_version` when the index was read: raised once per committed transaction that changed it (see AuthzDelta). */
  version: number;
  members: ReadonlyMap<string, IndexedMember>;
  devices: ReadonlySet<string>;
  /** The catalog the members' bitsets are over (with the permissions' and resources' types). */
  catalog: CatalogIndex;
  /**
   * The organization requires a second factor: a member without one is refused (`mfa_required`).
   * Turning it on or off reloads the index (members' `hasFactor` is read only while it is on).
   */
  requireMfa?: boolean;
  /** The organization's resources by `res_…` id. */
  resources: ReadonlyMap<string, IndexedResource>;
  /** The same, by type and the service's own id. */
  resourcesByExternal: ReadonlyMap<string, ReadonlyMap<string, IndexedResource>>;
}

/** An index's resource part when there are no resources (fresh maps: an index is updated in place). */
export function noResources(): Pick<OrgIndex, 'resources' | 'resourcesByExternal'> {
  return { resources: new Map(), resourcesByExternal: new Map() };
}

/**
 * One change a transaction declared (`tx.changed.authz`), for the writing instance to apply in
 * place (no reload) when its index is exactly one version behind the committed transaction. A
 * transaction with any change lacking a delta makes the index reload.
 */
export type AuthzDelta =
  | { kind: 'device_access'; userId: string; allDevices: boolean; deviceIds: readonly string[] }
  | { kind: 'grant'; userId: string; deviceIds: readonly string[] }
  | { kind: 'device_added'; deviceId: string }
  | { kind: 'device_removed'; deviceId: string }
  | { kind: 'member_removed'; userId: string }
  | { kind: 'member_mfa'; userId: string; hasFactor: boolean }
  | { kind: 'resource_upserted'; id: string; type: string; externalId: string; parentId: string | null }
  /** A resource and its descendants (`ids`, the resource first) are gone, with every grant on them. */
  | { kind: 'resources_removed'; ids: readonly string[] }
  | { kind: 'resource_access'; userId: string; type: string; all: boolean; ids: readonly string[] }
  | { kind: 'resource_grant'; userId: string; type: string; id: string };

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * Applies a delta to an index in place (the engine owns its indexes; nothing else holds them).
 * `false`: the delta cannot be applied to this index (a resource of a type registered after the
 * load, whose members' `all` the index does not hold): the engine reloads instead.
 */
export function applyDelta(index: OrgIndex, delta: AuthzDelta): boolean {
  const members = index.members as Map<string, IndexedMember>;
  const devices = index.devices as Set<string>;
  switch (delta.kind) {
    case 'resource_upserted': {
      if (!index.catalog.resourceTypes.has(delta.type)) return false;
      const parent = delta.parentId === null ? undefined : index.resources.get(delta.parentId);
      if (delta.parentId !== null && parent === undefined) return false;
      const existing = index.resources.get(delta.id);
      if (existing) {
        existing.parent = parent;
        return true;
      }
      const resource: IndexedResource = { id: delta.id, type: delta.type, externalId: delta.externalId, parent };
      (index.resources as Map<string, IndexedResource>).set(delta.id, resource);
      const byExternal = index.resourcesByExternal as Map<string, Map<string, IndexedResource>>;
      let ofType = byExternal.get(delta.type);
      if (!ofType) {
        ofType = new Map();
        byExternal.set(delta.type, ofType);
      }
      ofType.set(delta.externalId, resource);
      return true;
    }
    case 'resources_removed': {
      const gone = new Set(delta.ids);
      for (const id of delta.ids) {
        const r = index.resources.get(id);
        if (!r) continue;
        (index.resources as Map<string, IndexedResource>).delete(id);
        (index.resourcesByExternal.get(r.type) as Map<string, IndexedResource> | undefined)?.delete(r.externalId);
      }
      for (const [userId, m] of members) {
        let changed = false;
        const access = new Map(m.access);
        for (const [type, a] of m.access)
          if ([...a.ids].some((id) => gone.has(id))) {
            access.set(type, { all: a.all, ids: new Set([...a.ids].filter((id) => !gone.has(id))) });
            changed = true;
          }
        if (changed) members.set(userId, { ...m, access });
      }
      return true;
    }
    case 'resource_access':
    case 'resource_grant': {
      if (!index.catalog.resourceTypes.has(delta.type)) return false;
      const m = members.get(delta.userId);
      if (!m) return true;
      const access = new Map(m.access);
      const before = m.access.get(delta.type);
      access.set(
        delta.type,
        delta.kind === 'resource_grant'
          ? { all: before?.all ?? false, ids: new Set([...(before?.ids ?? NO_IDS), delta.id]) }
          : { all: delta.all, ids: delta.all ? NO_IDS : new Set(delta.ids) },
      );
      members.set(delta.userId, { ...m, access });
      return true;
    }
    case 'device_access':
    case 'grant': {
      const m = members.get(delta.userId);
      if (!m) return true;
      const set = delta.kind === 'grant' ? new Set([...m.devices, ...delta.deviceIds]) : new Set(delta.deviceIds);
      members.set(delta.userId, { ...m, allDevices: delta.kind === 'grant' ? m.allDevices : delta.allDevices, devices: set });
      return true;
    }
    case 'device_added':
      devices.add(delta.deviceId);
      return true;
    case 'device_removed':
      devices.delete(delta.deviceId);
      for (const [userId, m] of members)
        if (m.devices.has(delta.deviceId))
          members.set(userId, { ...m, devices: new Set([...m.devices].filter((d) => d !== delta.deviceId)) });
      return true;
    case 'member_removed':
      members.delete(delta.userId);
      return true;
    case 'member_mfa': {
      const m = members.get(delta.userId);
      if (m) members.set(delta.userId, { ...m, hasFactor: delta.hasFactor });
      return true;
    }
  }
}

// Answers are constants: the hot path allocates nothing.
const GRANTED: CheckResult = Object.freeze({ allowed: true, reason: 'granted' });
const NOT_MEMBER: CheckResult = Object.freeze({ allowed: false, reason: 'not_member' });
const PERMISSION_DENIED: CheckResult = Object.freeze({ allowed: false, reason: 'permission_denied' });
const DEVICE_DENIED: CheckResult = Object.freeze({ allowed: false, reason: 'device_denied' });
const UNKNOWN_PERMISSION: CheckResult = Object.freeze({ allowed: false, reason: 'unknown_permission' });
const UNKNOWN_DEVICE: CheckResult = Object.freeze({ allowed: false, reason: 'unknown_device' });
const MFA_REQUIRED: CheckResult = Object.freeze({ allowed: false, reason: 'mfa_required' });
const RESOURCE_DENIED: CheckResult = Object.freeze({ allowed: false, reason: 'resource_denied' });
const UNKNOWN_RESOURCE: CheckResult = Object.freeze({ allowed: false, reason: 'unknown_resource' });
const RESOURCE_TYPE_MISMATCH: CheckResult = Object.freeze({ allowed: false, reason: 'resource_type_mismatch' });

/**
 * The answer for someone known not to be a member (a signed-in user asking about an organization
 * that is not among their own): `not_member` whatever the device, so the answer says nothing about
 * the organization (whether it exists, which devices it has), and nothing needs loading.
 */
export function decideOutsider(catalog: CatalogIndex, permission: string): CheckResult {
  return catalog.bits.has(permission) ? NOT_MEMBER : UNKNOWN_PERMISSION;
}

/** The permission's resource type (its manifest's `resourceType`), `device` for device-scoped ones, else none. */
function permissionType(index: OrgIndex, permission: string, bit: number): string | undefined {
  return index.catalog.permissionTypes.get(permission) ?? (hasBit(index.catalog.deviceScoped, bit) ? 'device' : undefined);
}

/** The named resource in the index, or `undefined` (also when its type is not the one named). */
function resourceOf(index: OrgIndex, ref: ResourceRef): IndexedResource | undefined {
  const r = ref.id !== undefined ? index.resources.get(ref.id) : index.resourcesByExternal.get(ref.type)?.get(ref.externalId ?? '');
  return r !== undefined && r.type === ref.type ? r : undefined;
}

/**
 * allowed = the role holds the permission AND (no device or resource named, or the permission has
 * no resource type, or the member is Admin, or has all of the resource's type (or of an ancestor's
 * type), or has the resource or one of its ancestors). A device or resource of another organization,
 * or none at all, is `unknown_device` / `unknown_resource` — for members and non-members alike,
 * checked first, so the answer says nothing about other organizations. A resource of another type
 * than the permission's is `resource_type_mismatch`. Grants narrow, never widen. Synchronous and
 * allocation-free: the walk up the hierarchy follows parent pointers (at most 4 hops).
 */
export function decide(index: OrgIndex, userId: string, permission: string, deviceId?: string, resource?: ResourceRef): CheckResult {
  const bit = index.catalog.bits.get(permission);
  if (bit === undefined) return UNKNOWN_PERMISSION;
  // A resource of Gatehouse's own type `device` is the device itself.
  if (resource !== undefined && resource.type === 'device') {
    if (resource.id === undefined) return UNKNOWN_DEVICE;
    deviceId = resource.id;
    resource = undefined;
  }
  if (deviceId !== undefined && !index.devices.has(deviceId)) return UNKNOWN_DEVICE;
  const r = resource === undefined ? undefined : resourceOf(index, resource);
  if (resource !== undefined && r === undefined) return UNKNOWN_RESOURCE;
  const member = index.members.get(userId);
  if (member === undefined) return NOT_MEMBER;
  // The index knows the member, not the session: a member with no factor at all is refused.
  if (index.requireMfa === true && member.hasFactor !== true) return MFA_REQUIRED;
  if (!hasBit(member.permissions, bit)) return PERMISSION_DENIED;
  if (r !== undefined) {
    const type = permissionType(index, permission, bit);
    if (type === undefined) return GRANTED;
    if (type !== r.type) return RESOURCE_TYPE_MISMATCH;
    if (member.isAdmin) return GRANTED;
    for (let at: IndexedResource | undefined = r; at !== undefined; at = at.parent) {
      const access = member.access.get(at.type);
      if (access !== undefined && (access.all || access.ids.has(at.id))) return GRANTED;
    }
    return RESOURCE_DENIED;
  }
  if (deviceId === undefined) return GRANTED;
  const type = permissionType(index, permission, bit);
  if (type === undefined) return GRANTED;
  if (type !== 'device') return RESOURCE_TYPE_MISMATCH;
  return member.isAdmin || member.allDevices || member.devices.has(deviceId) ? GRANTED : DEVICE_DENIED;
}
