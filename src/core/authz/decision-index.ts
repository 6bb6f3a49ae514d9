// The answer to the Smart Services' one question — may this user, in this organization, do this, on
// this device? — from an in-memory index of one organization: its members (role, flags, device
// grants), its roles' permissions and its devices, ids interned to integers (`OrgIndex`; built and
// changed by org-index.ts). `decide` is pure and synchronous; the engine (authz-engine.ts) keeps one
// index per organization exact.
// Permissions as bits. The catalog is data (every service's manifest) with no fixed size: when it is
// loaded, each active permission key is interned to a small integer, and a role's permissions become
// a bitset of 32-bit words (a Uint32Array), built once per role and shared by the role's members.
// A check is then one Map lookup (key → bit) and one word test: synchronous and allocation-free,
// whatever the catalog's size. A deprecated permission gets no bit: every check of it is
// `unknown_permission`, while the rows (and custom roles holding it) stay for a re-add.

import { BITS_INLINE, entryAt, type MemberTable, RUN, runOf } from './member-table.js';

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
  /**
   * Resource types interned to integers: `device` is 0, then the registered types, then any other
   * type a permission names. An index starts its own numbering (`OrgIndex.types`) from this one.
   */
  readonly typeIds: ReadonlyMap<string, number>;
  /** The same, integer → type. */
  readonly typeNames: readonly string[];
  /** Per bit: the permission's resource type as `typeIds` numbers it, or -1 (none). */
  readonly bitTypes: Int32Array;
}

/** `device`'s number in every catalog's `typeIds`. */
const DEVICE_TYPE = 0;

export function catalogIndex(
  permissions: Iterable<{ key: string; resourceType: string | null; deprecated: boolean }>,
  resourceTypes: Iterable<{ type: string; parent: string | null }> = [],
): CatalogIndex {
  const bits = new Map<string, number>();
  const permissionTypes = new Map<string, string>();
  const scoped: number[] = [];
  const typeIds = new Map<string, number>([['device', DEVICE_TYPE]]);
  const intern = (type: string) => {
    let id = typeIds.get(type);
    if (id === undefined) {
      id = typeIds.size;
      typeIds.set(type, id);
    }
    return id;
  };
  const types = new Map([...resourceTypes].map((t) => [t.type, t.parent]));
  for (const type of types.keys()) intern(type);
  const typed: number[] = [];
  for (const p of permissions) {
    if (p.deprecated || bits.has(p.key)) continue;
    bits.set(p.key, bits.size);
    typed.push(p.resourceType === null ? -1 : intern(p.resourceType));
    if (p.resourceType !== null) permissionTypes.set(p.key, p.resourceType);
    if (p.resourceType === 'device') scoped.push(bits.size - 1);
  }
  const words = Math.max(1, Math.ceil(bits.size / 32));
  const deviceScoped = new Uint32Array(words);
  for (const bit of scoped) deviceScoped[bit >>> 5]! |= 1 << (bit & 31);
  return {
    bits,
    words,
    deviceScoped,
    permissionTypes,
    resourceTypes: types,
    typeIds,
    typeNames: [...typeIds.keys()],
    bitTypes: Int32Array.from(typed),
  };
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

/** A member's access to one resource type: every resource of it, or this set of `res_…` ids. */
export interface TypeAccess {
  all: boolean;
  ids: ReadonlySet<string>;
}

/** A resource as a check names it: by `res_…` id or by the service's own id, with its type. */
export interface ResourceRef {
  type: string;
  id?: string | undefined;
  externalId?: string | undefined;
}

// A member's entry in `OrgIndex.members` is one number: slot × 1024 + role row × 8 + flags. The
// common check (no device, no resource) then reads nothing of the member but its map entry — at 10×
// the data every other read is one more cache miss. A role row of 127 or more (an organization with
// that many roles in use) is read from `roleOf` instead. Numbers stay exact past 2^31 (a double),
// only slower, so there is no limit on members.
export const ADMIN = 1;
export const ALL_DEVICES = 2;
export const HAS_FACTOR = 4;
const ROLE_IN_ARRAY = 127;

export const memberEntry = (slot: number, row: number, flags: number) => slot * 1024 + Math.min(row, ROLE_IN_ARRAY) * 8 + flags;
export const slotOf = (entry: number) => (entry - (entry & 1023)) / 1024;
export function roleRowOf(index: OrgIndex, entry: number): number {
  const row = (entry & 1023) >>> 3;
  return row === ROLE_IN_ARRAY ? index.roleOf[slotOf(entry)]! : row;
}

/**
 * One organization's index, laid out for the check at 10× the data (issue 18): ids are interned to
 * integers at load and everything per member or per grant lives in typed arrays, so a check follows
 * one hash lookup per id and then reads a few numbers — no object per member, no Set per member, no
 * string per grant (a grant is 4 bytes, and a 10× world's members no longer spread over gigabytes
 * of small objects that each check misses the cache on). Built by org-index.ts (the loader and the
 * bench build it the same way), changed in place by its `applyDelta`; `decide` only reads it.
 */
export interface OrgIndex {
  // The fields a plain check reads come first (one cache line of the object, as far as V8 lays it out).
  /** The catalog the role bitsets are over (with the permissions' and resources' types). */
  catalog: CatalogIndex;
  /**
   * `members`' runs and mask, read by the check straight from here: at 10× the data every object
   * between the organization and the member's run is one more cache (and TLB) miss. org-index.ts
   * keeps them equal to `members.words` / `members.mask` (`syncMembers`).
   */
  memberWords: Int32Array;
  memberMask: number;
  orgId: string;
  /** `organizations.authz_version` when the index was read: raised once per committed transaction that changed it (see AuthzDelta). */
  version: number;
  /**
   * The organization requires a second factor: a member without one is refused (`mfa_required`).
   * Turning it on or off reloads the index (members' `HAS_FACTOR` is read only while it is on).
   */
  requireMfa: boolean;
  /**
   * Member user id → the member's entry (`memberEntry`: slot, role row, ADMIN | ALL_DEVICES |
   * HAS_FACTOR); the slot indexes the per-member arrays (a removed member's slot stays, unused).
   */
  members: MemberTable;
  /** Per slot: the member's role, a row of `rolePermissions`. */
  roleOf: Int32Array;
  /** The distinct roles' bitsets, one row of `catalog.words` words each. */
  rolePermissions: Uint32Array;
  /**
   * Device id → its ordinal: ≥ 0 for a device of the organization, `-1 - ordinal` for an id a member
   * was granted that is not (or not yet) the organization's. A removed device leaves the map; its
   * ordinal is never given again, so grants that still hold it reach nothing.
   */
  devices: Map<string, number>;
  /** The next device ordinal. */
  nextDevice: number;
  /** Per slot: `[start, length]` of the member's explicit devices in `grants` (ignored for ADMIN and ALL_DEVICES). */
  grantSpan: Int32Array;
  /** Every member's device ordinals, each member's run sorted ascending: one array per organization. */
  grants: Int32Array;
  /** `grants[0, grantsUsed)` is in use (a run a delta outgrew stays as a hole until a compaction). */
  grantsUsed: number;
  /**
   * Resource type → its number: the catalog's `typeIds`, then (at load) any type of the
   * organization's resources or access rows that the catalog does not know.
   */
  types: Map<string, number>;
  /** Words of a member's `typeAll` row (`ceil(types / 32)`). */
  typeWords: number;
  /** Per slot, `typeWords` words: the resource types the member has `all` of. Ignored for Admins. */
  typeAll: Uint32Array;
  /**
   * Per slot: the ordinals of the resources the member was given one by one, of every type, sorted
   * ascending (ordinals are unique across types, so a walk up the hierarchy searches one run).
   */
  resourceRuns: Int32Array[];
  /**
   * The organization's resources: `res_…` id → ordinal. A deleted resource leaves the map and its
   * ordinal is never given again, so a grant that still held it reaches nothing — not a resource
   * created later under the same external id.
   */
  resources: Map<string, number>;
  /** Per type number: the service's own id → ordinal. */
  resourcesByType: (Map<string, number> | undefined)[];
  /** Per ordinal: its type number. */
  resourceType: Int32Array;
  /** Per ordinal: its parent's ordinal, or -1 (a walk up is one array read per hop). */
  resourceParent: Int32Array;
  /**
   * Per ordinal: the types (numbers below 32) of the resource and its ancestors as one word, so that
   * a member's `all` of any of them is one AND with their `typeAll` row (while `typeWords` is 1).
   * Kept with the parents (a re-parented resource's subtree is recomputed).
   */
  resourceChainTypes: Uint32Array;
  /** Per ordinal: its `res_…` id and the service's own id (for deltas and listings). */
  resourceIds: string[];
  resourceExternal: string[];
  /** The next resource ordinal. */
  nextResource: number;
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

/**
 * The named resource's ordinal, or -1 (also when its type is not the one named). `type` is the
 * permission's type number: when the check names that type (the common case) a string comparison
 * finds its number, else one lookup.
 */
function resourceOf(index: OrgIndex, ref: ResourceRef, type: number): number {
  const t = type >= 0 && ref.type === index.catalog.typeNames[type] ? type : (index.types.get(ref.type) ?? -1);
  if (t < 0) return -1;
  const r = ref.id !== undefined ? index.resources.get(ref.id) : index.resourcesByType[t]?.get(ref.externalId ?? '');
  return r !== undefined && index.resourceType[r] === t ? r : -1;
}

/**
 * allowed = the role holds the permission AND (no device or resource named, or the permission has
 * no resource type, or the member is Admin, or has all of the resource's type (or of an ancestor's
 * type), or has the resource or one of its ancestors). A device or resource of another organization,
 * or none at all, is `unknown_device` / `unknown_resource` — for members and non-members alike,
 * checked first, so the answer says nothing about other organizations. A resource of another type
 * than the permission's is `resource_type_mismatch`. Grants narrow, never widen. Synchronous and
 * allocation-free: resources are interned to ordinals at load, the named one is one lookup (its
 * type's map, found by the permission's type number), `all` of any type up its chain is one AND,
 * and a member given resources one by one walks a parent array (at most 4 hops), searching one short
 * sorted run per hop.
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
  let device = -1;
  if (deviceId !== undefined) {
    const d = index.devices.get(deviceId);
    if (d === undefined || d < 0) return UNKNOWN_DEVICE;
    device = d;
  }
  const type = index.catalog.bitTypes[bit]!;
  const r = resource === undefined ? -1 : resourceOf(index, resource, type);
  if (resource !== undefined && r < 0) return UNKNOWN_RESOURCE;
  // The member's run (member-table.ts), read from the index's own fields; an id the table cannot
  // inline (-2) is in its side map.
  const table = index.memberWords;
  const at = runOf(table, index.memberMask, userId);
  let entry: number;
  if (at >= 0) entry = entryAt(table, at);
  else if (at === -1) return NOT_MEMBER;
  else {
    const e = index.members.get(userId);
    if (e === undefined) return NOT_MEMBER;
    entry = e;
  }
  const flags = entry & 7;
  // The index knows the member, not the session: a member with no factor at all is refused.
  if (index.requireMfa && (flags & HAS_FACTOR) === 0) return MFA_REQUIRED;
  const words = index.catalog.words;
  // The role's bits: from the run itself when it carries them (the common case: no other read),
  // else from the role array.
  const held =
    at >= 0 && (table[at + 2]! & BITS_INLINE) !== 0
      ? table[at + RUN - words + (bit >>> 5)]!
      : index.rolePermissions[roleRowOf(index, entry) * words + (bit >>> 5)]!;
  if (((held >>> (bit & 31)) & 1) === 0) return PERMISSION_DENIED;
  if (r >= 0) {
    if (type < 0) return GRANTED;
    if (type !== index.resourceType[r]) return RESOURCE_TYPE_MISMATCH;
    if ((flags & ADMIN) !== 0) return GRANTED;
    return reachesResource(index, slotOf(entry), r) ? GRANTED : RESOURCE_DENIED;
  }
  if (device < 0 || type < 0) return GRANTED;
  if (type !== DEVICE_TYPE) return RESOURCE_TYPE_MISMATCH;
  return (flags & (ADMIN | ALL_DEVICES)) !== 0 || holdsDevice(index, slotOf(entry), device) ? GRANTED : DEVICE_DENIED;
}

/** The member at `slot` has `all` of the type of the resource or of an ancestor, or was given one of them. */
function reachesResource(index: OrgIndex, slot: number, r: number): boolean {
  const all = index.typeAll;
  const words = index.typeWords;
  const base = slot * words;
  const parents = index.resourceParent;
  if (words === 1) {
    // Up to 32 types (the common case): `all` of any type on the chain is one AND.
    if ((all[base]! & index.resourceChainTypes[r]!) !== 0) return true;
  } else {
    for (let at = r; at >= 0; at = parents[at]!) {
      const t = index.resourceType[at]!;
      if (((all[base + (t >>> 5)]! >>> (t & 31)) & 1) === 1) return true;
    }
  }
  // Then the resources given one by one (most members have none): one search per hop.
  const run = index.resourceRuns[slot]!;
  if (run.length === 0) return false;
  for (let at = r; at >= 0; at = parents[at]!) if (inSortedRange(run, 0, run.length, at)) return true;
  return false;
}

/** `value` is in `sorted[from, to)`, an ascending run: a binary search (device grants, resource grants). */
function inSortedRange(sorted: Int32Array, from: number, to: number, value: number): boolean {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = sorted[mid]!;
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The member at `slot` was granted the device with this ordinal: a binary search of their sorted run. */
function holdsDevice(index: OrgIndex, slot: number, device: number): boolean {
  const start = index.grantSpan[2 * slot]!;
  return inSortedRange(index.grants, start, start + index.grantSpan[2 * slot + 1]!, device);
}
