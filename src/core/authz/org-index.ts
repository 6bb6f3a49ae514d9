// Building and changing an organization's decision index (decision-index.ts `OrgIndex`): ids interned
// to integers, members and grants in typed arrays. The loader (store/authz-loader.ts) builds it in
// three steps — devices, members, device grants — and the bench builds it through the same steps, so
// what the bench weighs is what the loader holds. The engine applies its own writes' deltas here.
import {
  ADMIN,
  ALL_DEVICES,
  HAS_FACTOR,
  memberEntry,
  roleRowOf,
  slotOf,
  type AuthzDelta,
  type CatalogIndex,
  type IndexedResource,
  type OrgIndex,
  type TypeAccess,
} from './decision-index.js';
import { MemberTable } from './member-table.js';

const NONE_I32 = new Int32Array(0);
const NO_IDS: ReadonlySet<string> = new Set();
const NO_ACCESS: ReadonlyMap<string, TypeAccess> = new Map();

/** An index with no devices, members or resources yet (also the answer for an organization that does not exist). */
export function emptyOrgIndex(orgId: string, version: number, catalog: CatalogIndex, requireMfa = false): OrgIndex {
  return {
    orgId,
    version,
    catalog,
    requireMfa,
    members: new MemberTable(),
    roleOf: NONE_I32,
    rolePermissions: new Uint32Array(0),
    devices: new Map(),
    nextDevice: 0,
    grantSpan: NONE_I32,
    grants: NONE_I32,
    grantsUsed: 0,
    access: [],
    resources: new Map(),
    resourcesByExternal: new Map(),
  };
}

/** Step 1: the organization's devices (an id already granted but absent becomes present). */
export function addDevices(index: OrgIndex, ids: Iterable<string>) {
  for (const id of ids) {
    const d = index.devices.get(id);
    if (d === undefined) index.devices.set(id, index.nextDevice++);
    else if (d < 0) index.devices.set(id, -1 - d);
  }
}

export interface MemberInput {
  userId: string;
  /** The role's permissions over the index's catalog: members sharing one array share one row. */
  permissions: Uint32Array;
  isAdmin: boolean;
  allDevices: boolean;
  /** The member has a second factor enrolled (read only when the organization requires one). */
  hasFactor?: boolean | undefined;
  /** Access per resource type; none: nothing of any type. */
  access?: ReadonlyMap<string, TypeAccess> | undefined;
}

/** Step 2: the members (replacing any), each with no explicit device yet. */
export function setMembers(index: OrgIndex, members: readonly MemberInput[]) {
  const n = members.length;
  const words = index.catalog.words;
  const rows = new Map<Uint32Array, number>();
  for (const m of members) if (!rows.has(m.permissions)) rows.set(m.permissions, rows.size);
  const rolePermissions = new Uint32Array(Math.max(1, rows.size) * words);
  for (const [bits, row] of rows) rolePermissions.set(bits.length > words ? bits.subarray(0, words) : bits, row * words);
  index.rolePermissions = rolePermissions;
  index.members = new MemberTable(n);
  index.roleOf = new Int32Array(n);
  index.grantSpan = new Int32Array(2 * n);
  index.grants = NONE_I32;
  index.grantsUsed = 0;
  index.access = new Array<ReadonlyMap<string, TypeAccess> | undefined>(n).fill(undefined);
  members.forEach((m, slot) => {
    const row = rows.get(m.permissions)!;
    index.roleOf[slot] = row;
    const flags = (m.isAdmin ? ADMIN : 0) | (m.allDevices ? ALL_DEVICES : 0) | (m.hasFactor === true ? HAS_FACTOR : 0);
    index.members.set(m.userId, memberEntry(slot, row, flags));
    if (m.access !== undefined && m.access.size > 0) index.access[slot] = m.access;
  });
}

/**
 * Step 3: each member's explicit devices, packed into one array for the organization (a member
 * not named has none; an id that is not the organization's device is kept, absent, as a grant
 * delta would keep it). Grants of someone who is not a member are ignored.
 */
export function setDeviceGrants(index: OrgIndex, grants: Iterable<readonly [userId: string, deviceIds: Iterable<string>]>) {
  const runs: { slot: number; devices: number[] }[] = [];
  let total = 0;
  for (const [userId, ids] of grants) {
    const entry = index.members.get(userId);
    if (entry === undefined) continue;
    const devices = sortedOrdinals(index, ids);
    runs.push({ slot: slotOf(entry), devices });
    total += devices.length;
  }
  const packed = new Int32Array(total);
  let at = 0;
  index.grantSpan.fill(0);
  for (const { slot, devices } of runs) {
    packed.set(devices, at);
    index.grantSpan[2 * slot] = at;
    index.grantSpan[2 * slot + 1] = devices.length;
    at += devices.length;
  }
  index.grants = packed;
  index.grantsUsed = total;
}

/** The resources, with their parent pointers (a parent may come after its child in `rows`). */
export function setResources(index: OrgIndex, rows: readonly { id: string; type: string; externalId: string; parentId: string | null }[]) {
  const resources = new Map<string, IndexedResource>();
  const byExternal = new Map<string, Map<string, IndexedResource>>();
  for (const r of rows) {
    const resource: IndexedResource = { id: r.id, type: r.type, externalId: r.externalId, parent: undefined };
    resources.set(r.id, resource);
    let ofType = byExternal.get(r.type);
    if (!ofType) {
      ofType = new Map();
      byExternal.set(r.type, ofType);
    }
    ofType.set(r.externalId, resource);
  }
  for (const r of rows) if (r.parentId !== null) resources.get(r.id)!.parent = resources.get(r.parentId);
  index.resources = resources;
  index.resourcesByExternal = byExternal;
}

/** The ordinal of a device id, interning an id the index does not know as absent. */
function ordinalOf(index: OrgIndex, id: string): number {
  let d = index.devices.get(id);
  if (d === undefined) {
    d = -1 - index.nextDevice++;
    index.devices.set(id, d);
  }
  return d < 0 ? -1 - d : d;
}

function sortedOrdinals(index: OrgIndex, ids: Iterable<string>, also: readonly number[] = []): number[] {
  const all = [...also];
  for (const id of ids) all.push(ordinalOf(index, id));
  all.sort((a, b) => a - b);
  return all.filter((d, i) => i === 0 || d !== all[i - 1]);
}

/** A member's run of device ordinals. */
function runOf(index: OrgIndex, slot: number): number[] {
  const start = index.grantSpan[2 * slot]!;
  return Array.from(index.grants.subarray(start, start + index.grantSpan[2 * slot + 1]!));
}

/**
 * Replaces a member's run: in place when it fits where the old one was, else at the end of the
 * array; when the array is full, the live runs are copied into one twice their size (the holes
 * that outgrown and removed members' runs left are dropped then).
 */
function writeRun(index: OrgIndex, slot: number, devices: readonly number[]) {
  let at = index.grantSpan[2 * slot]!;
  if (devices.length > index.grantSpan[2 * slot + 1]!) {
    index.grantSpan[2 * slot + 1] = 0;
    if (index.grantsUsed + devices.length > index.grants.length) compact(index, devices.length);
    at = index.grantsUsed;
    index.grantsUsed += devices.length;
  }
  index.grants.set(devices, at);
  index.grantSpan[2 * slot] = at;
  index.grantSpan[2 * slot + 1] = devices.length;
}

function compact(index: OrgIndex, room: number) {
  let live = 0;
  for (const entry of index.members.values()) live += index.grantSpan[2 * slotOf(entry) + 1]!;
  const next = new Int32Array(Math.max(16, 2 * (live + room)));
  let at = 0;
  for (const entry of index.members.values()) {
    const slot = slotOf(entry);
    const start = index.grantSpan[2 * slot]!;
    const length = index.grantSpan[2 * slot + 1]!;
    next.set(index.grants.subarray(start, start + length), at);
    index.grantSpan[2 * slot] = at;
    at += length;
  }
  index.grants = next;
  index.grantsUsed = at;
}

/** Sets or clears one of a member's flags (in its map entry). */
function setFlag(index: OrgIndex, userId: string, entry: number, flag: number, on: boolean) {
  index.members.set(userId, entry - (entry & flag) + (on ? flag : 0));
}

/** A member as plain data (for listings and tests; allocates). */
export interface MemberView {
  isAdmin: boolean;
  allDevices: boolean;
  hasFactor: boolean;
  /** The role's permissions (a copy). */
  permissions: Uint32Array;
  access: ReadonlyMap<string, TypeAccess>;
}

export function memberOf(index: OrgIndex, userId: string): MemberView | undefined {
  const entry = index.members.get(userId);
  if (entry === undefined) return undefined;
  const slot = slotOf(entry);
  const flags = entry & 7;
  const words = index.catalog.words;
  const row = roleRowOf(index, entry) * words;
  return {
    isAdmin: (flags & ADMIN) !== 0,
    allDevices: (flags & ALL_DEVICES) !== 0,
    hasFactor: (flags & HAS_FACTOR) !== 0,
    permissions: index.rolePermissions.slice(row, row + words),
    access: index.access[slot] ?? NO_ACCESS,
  };
}

/** The ids of the devices a member was granted one by one (absent ones included); O(the organization's devices). */
export function memberDevices(index: OrgIndex, userId: string): string[] {
  const entry = index.members.get(userId);
  if (entry === undefined) return [];
  const held = new Set(runOf(index, slotOf(entry)));
  const ids: string[] = [];
  for (const [id, d] of index.devices) if (held.has(d < 0 ? -1 - d : d)) ids.push(id);
  return ids;
}

/** The organization's device ids. */
export function deviceIdsOf(index: OrgIndex): string[] {
  const ids: string[] = [];
  for (const [id, d] of index.devices) if (d >= 0) ids.push(id);
  return ids;
}

/**
 * Applies a delta to an index in place (the engine owns its indexes; nothing else holds them).
 * `false`: the delta cannot be applied to this index (a resource of a type registered after the
 * load, whose members' `all` the index does not hold): the engine reloads instead.
 */
export function applyDelta(index: OrgIndex, delta: AuthzDelta): boolean {
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
      for (const entry of index.members.values()) {
        const slot = slotOf(entry);
        const before = index.access[slot];
        if (before === undefined) continue;
        let changed = false;
        const access = new Map(before);
        for (const [type, a] of before)
          if ([...a.ids].some((id) => gone.has(id))) {
            access.set(type, { all: a.all, ids: new Set([...a.ids].filter((id) => !gone.has(id))) });
            changed = true;
          }
        if (changed) index.access[slot] = access;
      }
      return true;
    }
    case 'resource_access':
    case 'resource_grant': {
      if (!index.catalog.resourceTypes.has(delta.type)) return false;
      const entry = index.members.get(delta.userId);
      if (entry === undefined) return true;
      const slot = slotOf(entry);
      const access = new Map(index.access[slot] ?? NO_ACCESS);
      const before = access.get(delta.type);
      access.set(
        delta.type,
        delta.kind === 'resource_grant'
          ? { all: before?.all ?? false, ids: new Set([...(before?.ids ?? NO_IDS), delta.id]) }
          : { all: delta.all, ids: delta.all ? NO_IDS : new Set(delta.ids) },
      );
      index.access[slot] = access;
      return true;
    }
    case 'device_access':
    case 'grant': {
      const entry = index.members.get(delta.userId);
      if (entry === undefined) return true;
      const slot = slotOf(entry);
      writeRun(index, slot, sortedOrdinals(index, delta.deviceIds, delta.kind === 'grant' ? runOf(index, slot) : []));
      if (delta.kind === 'device_access') setFlag(index, delta.userId, entry, ALL_DEVICES, delta.allDevices);
      return true;
    }
    case 'device_added':
      addDevices(index, [delta.deviceId]);
      return true;
    case 'device_removed':
      // Its ordinal is never given again: the runs that hold it reach nothing (a device added
      // again under the same id is a new ordinal, reached by no old grant).
      index.devices.delete(delta.deviceId);
      return true;
    case 'member_removed': {
      const entry = index.members.get(delta.userId);
      if (entry === undefined) return true;
      index.members.delete(delta.userId);
      index.access[slotOf(entry)] = undefined;
      return true;
    }
    case 'member_mfa': {
      const entry = index.members.get(delta.userId);
      if (entry !== undefined) setFlag(index, delta.userId, entry, HAS_FACTOR, delta.hasFactor);
      return true;
    }
  }
}
