// Building and changing an organization's decision index (decision-index.ts `OrgIndex`): ids interned
// to integers, members and grants in typed arrays. The loader (store/authz-loader.ts) builds it in
// five steps — devices, members, device grants, resources, resource access — and the bench builds it
// through the same steps, so what the bench weighs is what the loader holds. The engine applies its
// own writes' deltas here.
import {
  ADMIN,
  ALL_DEVICES,
  HAS_FACTOR,
  memberEntry,
  roleRowOf,
  slotOf,
  type AuthzDelta,
  type CatalogIndex,
  type OrgIndex,
  type TypeAccess,
} from './decision-index.js';
import { MemberTable } from './member-table.js';

const NONE_I32 = new Int32Array(0);

/** An index with no devices, members or resources yet (also the answer for an organization that does not exist). */
export function emptyOrgIndex(orgId: string, version: number, catalog: CatalogIndex, requireMfa = false): OrgIndex {
  const members = new MemberTable();
  // The check's fields first (decision-index.ts `OrgIndex`): V8 lays the object out in this order.
  return {
    catalog,
    memberWords: members.words,
    memberMask: members.mask,
    requireMfa,
    rolePermissions: new Uint32Array(0),
    devices: new Map(),
    orgId,
    version,
    members,
    roleOf: NONE_I32,
    nextDevice: 0,
    grantSpan: NONE_I32,
    grants: NONE_I32,
    grantsUsed: 0,
    types: new Map(catalog.typeIds),
    typeWords: typeWordsOf(catalog.typeIds.size),
    typeAll: new Uint32Array(0),
    resourceRuns: [],
    resources: new Map(),
    resourcesByType: [],
    resourceType: NONE_I32,
    resourceParent: NONE_I32,
    resourceChainTypes: new Uint32Array(0),
    resourceIds: [],
    resourceExternal: [],
    nextResource: 0,
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
}

/** Step 2: the members (replacing any), each with no explicit device and no resource access yet. */
export function setMembers(index: OrgIndex, members: readonly MemberInput[]) {
  const n = members.length;
  const words = index.catalog.words;
  const rows = new Map<Uint32Array, number>();
  for (const m of members) if (!rows.has(m.permissions)) rows.set(m.permissions, rows.size);
  const rolePermissions = new Uint32Array(Math.max(1, rows.size) * words);
  for (const [bits, row] of rows) rolePermissions.set(bits.length > words ? bits.subarray(0, words) : bits, row * words);
  index.rolePermissions = rolePermissions;
  // Each run carries a copy of its role's bits (member-table.ts): no role's bits change in place —
  // a role change or a role's new permissions reload the organization's index.
  index.members = new MemberTable(n, words);
  index.roleOf = new Int32Array(n);
  index.grantSpan = new Int32Array(2 * n);
  index.grants = NONE_I32;
  index.grantsUsed = 0;
  index.typeAll = new Uint32Array(n * index.typeWords);
  index.resourceRuns = new Array<Int32Array>(n).fill(NONE_I32);
  const bitsOf = Array.from({ length: Math.max(1, rows.size) }, (_, row) => rolePermissions.subarray(row * words, (row + 1) * words));
  members.forEach((m, slot) => {
    const row = rows.get(m.permissions)!;
    index.roleOf[slot] = row;
    const flags = (m.isAdmin ? ADMIN : 0) | (m.allDevices ? ALL_DEVICES : 0) | (m.hasFactor === true ? HAS_FACTOR : 0);
    index.members.set(m.userId, memberEntry(slot, row, flags), bitsOf[row]);
  });
  syncMembers(index);
}

/** The index's copies of its member table's arrays (the check reads them from the index). */
function syncMembers(index: OrgIndex) {
  index.memberWords = index.members.words;
  index.memberMask = index.members.mask;
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

/**
 * Step 4: the resources (replacing any), each interned to an ordinal with its type's number and its
 * parent's ordinal (a parent may come after its child in `rows`). A type the catalog does not know
 * gets a number of this index's own.
 */
export function setResources(index: OrgIndex, rows: readonly { id: string; type: string; externalId: string; parentId: string | null }[]) {
  index.resources = new Map();
  index.resourcesByType = [];
  index.resourceType = new Int32Array(rows.length);
  index.resourceParent = new Int32Array(rows.length);
  index.resourceChainTypes = new Uint32Array(rows.length);
  index.resourceIds = [];
  index.resourceExternal = [];
  index.nextResource = 0;
  for (const r of rows) addResource(index, r.id, typeOf(index, r.type), r.externalId, -1);
  for (const r of rows) if (r.parentId !== null) index.resourceParent[index.resources.get(r.id)!] = index.resources.get(r.parentId) ?? -1;
  for (let r = 0; r < index.nextResource; r++) index.resourceChainTypes[r] = chainTypesOf(index, r);
  growTypeWords(index);
}

/**
 * Step 5: each member's access per resource type (a member not named has none): `all` as a bit of
 * the member's `typeAll` row, the explicit resources as a sorted run of ordinals. An id that is not
 * one of the organization's resources of that type reaches nothing and is left out.
 */
export function setResourceAccess(index: OrgIndex, access: Iterable<readonly [userId: string, ReadonlyMap<string, TypeAccess>]>) {
  const rows: [slot: number, ReadonlyMap<string, TypeAccess>][] = [];
  for (const [userId, byType] of access) {
    const entry = index.members.get(userId);
    if (entry === undefined) continue;
    for (const type of byType.keys()) typeOf(index, type);
    rows.push([slotOf(entry), byType]);
  }
  growTypeWords(index);
  index.typeAll.fill(0);
  index.resourceRuns.fill(NONE_I32);
  for (const [slot, byType] of rows) {
    const held: number[] = [];
    for (const [type, a] of byType) {
      const t = typeOf(index, type);
      if (a.all) index.typeAll[slot * index.typeWords + (t >>> 5)]! |= 1 << (t & 31);
      for (const id of a.ids) {
        const r = index.resources.get(id);
        if (r !== undefined && index.resourceType[r] === t) held.push(r);
      }
    }
    index.resourceRuns[slot] = sortedRun(held);
  }
}

const typeWordsOf = (types: number) => Math.max(1, Math.ceil(types / 32));

/** A type's number, interning one the index does not know. */
function typeOf(index: OrgIndex, type: string): number {
  let t = index.types.get(type);
  if (t === undefined) {
    t = index.types.size;
    index.types.set(type, t);
  }
  return t;
}

/** Widens the members' `typeAll` rows when the index now numbers more types than they hold. */
function growTypeWords(index: OrgIndex) {
  const words = typeWordsOf(index.types.size);
  if (words === index.typeWords) return;
  const slots = index.resourceRuns.length;
  const next = new Uint32Array(slots * words);
  for (let slot = 0; slot < slots; slot++)
    next.set(index.typeAll.subarray(slot * index.typeWords, (slot + 1) * index.typeWords), slot * words);
  index.typeAll = next;
  index.typeWords = words;
}

/** Interns a new resource under the next ordinal (ordinals are never given again). */
function addResource(index: OrgIndex, id: string, type: number, externalId: string, parent: number) {
  const r = index.nextResource++;
  if (r >= index.resourceType.length) {
    const size = Math.max(16, 2 * r);
    const types = new Int32Array(size);
    types.set(index.resourceType);
    const parents = new Int32Array(size);
    parents.set(index.resourceParent);
    const chains = new Uint32Array(size);
    chains.set(index.resourceChainTypes);
    index.resourceType = types;
    index.resourceParent = parents;
    index.resourceChainTypes = chains;
  }
  index.resourceType[r] = type;
  index.resourceParent[r] = parent;
  index.resourceChainTypes[r] = chainTypesOf(index, r);
  index.resourceIds[r] = id;
  index.resourceExternal[r] = externalId;
  index.resources.set(id, r);
  let ofType = index.resourcesByType[type];
  if (!ofType) {
    ofType = new Map();
    index.resourcesByType[type] = ofType;
  }
  ofType.set(externalId, r);
}

/** The types below 32 of a resource and its ancestors, as bits (the hierarchy is at most 4 deep; 16 bounds a bad row). */
function chainTypesOf(index: OrgIndex, r: number): number {
  let bits = 0;
  for (let at = r, hops = 0; at >= 0 && hops < 16; at = index.resourceParent[at]!, hops++) {
    const t = index.resourceType[at]!;
    if (t < 32) bits |= 1 << t;
  }
  return bits >>> 0;
}

/** A resource moved to another parent: its chain, and those of the resources below it, change. */
function reparent(index: OrgIndex, r: number, parent: number) {
  index.resourceParent[r] = parent;
  for (const other of index.resources.values()) {
    let below = false;
    for (let at = other, hops = 0; at >= 0 && hops < 16 && !below; at = index.resourceParent[at]!, hops++) below = at === r;
    if (below) index.resourceChainTypes[other] = chainTypesOf(index, other);
  }
}

function sortedRun(values: number[]): Int32Array {
  if (values.length === 0) return NONE_I32;
  values.sort((a, b) => a - b);
  return Int32Array.from(values.filter((v, i) => i === 0 || v !== values[i - 1]));
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
  syncMembers(index);
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
    access: accessOf(index, slot),
  };
}

/** A member's access per type as plain data: the types with `all` or with resources given. */
function accessOf(index: OrgIndex, slot: number): Map<string, TypeAccess> {
  const access = new Map<string, { all: boolean; ids: Set<string> }>();
  const at = (t: number) => {
    const type = [...index.types].find(([, n]) => n === t)![0];
    let a = access.get(type);
    if (!a) {
      a = { all: false, ids: new Set() };
      access.set(type, a);
    }
    return a;
  };
  for (let t = 0; t < index.types.size; t++)
    if (((index.typeAll[slot * index.typeWords + (t >>> 5)]! >>> (t & 31)) & 1) === 1) at(t).all = true;
  for (const r of index.resourceRuns[slot] ?? NONE_I32) at(index.resourceType[r]!).ids.add(index.resourceIds[r]!);
  return access;
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
      const parent = delta.parentId === null ? -1 : (index.resources.get(delta.parentId) ?? -1);
      if (delta.parentId !== null && parent < 0) return false;
      const existing = index.resources.get(delta.id);
      if (existing !== undefined) reparent(index, existing, parent);
      else addResource(index, delta.id, typeOf(index, delta.type), delta.externalId, parent);
      return true;
    }
    case 'resources_removed': {
      const gone = new Set<number>();
      for (const id of delta.ids) {
        const r = index.resources.get(id);
        if (r === undefined) continue;
        gone.add(r);
        index.resources.delete(id);
        const ofType = index.resourcesByType[index.resourceType[r]!]!;
        if (ofType.get(index.resourceExternal[r]!) === r) ofType.delete(index.resourceExternal[r]!);
        index.resourceParent[r] = -1;
      }
      // The ordinals are never given again, so runs that still held them would reach nothing; they
      // are dropped anyway, so that a run holds only live resources.
      if (gone.size > 0)
        index.resourceRuns.forEach((run, slot) => {
          if (run.some((r) => gone.has(r))) index.resourceRuns[slot] = run.filter((r) => !gone.has(r));
        });
      return true;
    }
    case 'resource_access':
    case 'resource_grant': {
      if (!index.catalog.resourceTypes.has(delta.type)) return false;
      const entry = index.members.get(delta.userId);
      if (entry === undefined) return true;
      const slot = slotOf(entry);
      const t = typeOf(index, delta.type);
      const run = index.resourceRuns[slot]!;
      const ids = delta.kind === 'resource_grant' ? [delta.id] : delta.all ? [] : delta.ids;
      const held = delta.kind === 'resource_grant' ? Array.from(run) : Array.from(run).filter((r) => index.resourceType[r] !== t);
      for (const id of ids) {
        const r = index.resources.get(id);
        if (r !== undefined && index.resourceType[r] === t) held.push(r);
      }
      index.resourceRuns[slot] = sortedRun(held);
      if (delta.kind === 'resource_access') {
        const word = slot * index.typeWords + (t >>> 5);
        index.typeAll[word] = delta.all ? index.typeAll[word]! | (1 << (t & 31)) : index.typeAll[word]! & ~(1 << (t & 31));
      }
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
      const slot = slotOf(entry);
      index.resourceRuns[slot] = NONE_I32;
      index.typeAll.fill(0, slot * index.typeWords, (slot + 1) * index.typeWords);
      return true;
    }
    case 'member_mfa': {
      const entry = index.members.get(delta.userId);
      if (entry !== undefined) setFlag(index, delta.userId, entry, HAS_FACTOR, delta.hasFactor);
      return true;
    }
  }
}
