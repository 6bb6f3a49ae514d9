// The bench's world: a deterministic generator of organizations, users, memberships, devices and
// device grants (flat arrays: a 10× world has 10,000,000 devices), and query lists with their
// reference answers computed from those arrays (PERMISSIONS.md, "Device scope"), not from any
// contender. Every contender — Gatehouse in process and over HTTP, the Map floor, casbin, CASL,
// Cerbos, SpiceDB — is asked questions from these lists and compared with these answers.
import { builtInRolePermissions, CATALOG, isDeviceScoped } from '../test/support/shipped-catalog.js';
import type { AuthzQuery } from '../src/core/authz/authz-engine.js';

export const SEED = 20_240_505;

// ---------------------------------------------------------------------------------------------
// Deterministic generator

/** sfc32: small, fast, good enough for test data; seeded, so every run makes the same world. */
class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  int(n: number): number {
    return Math.floor((this.u32() / 4_294_967_296) * n);
  }
  chance(p: number): boolean {
    return this.u32() / 4_294_967_296 < p;
  }
}

const ALPHABET = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz', 'latin1');

/**
 * Ids shaped like the service's (`usr_` + 26 characters of [0-9a-z]): 7 characters from a
 * bijective scramble of the ordinal (unique), 19 random ones. Made in a Buffer, so each is one flat
 * string (not a rope of concatenations).
 */
function idMaker(prefix: string, rng: Rng): (i: number) => string {
  const head = prefix.length + 1;
  const buf = Buffer.alloc(head + 26);
  buf.write(`${prefix}_`, 0, 'latin1');
  return (i) => {
    let x = Math.imul(i ^ 0x5bd1e995, 0x9e3779b1) >>> 0;
    x = (x ^ (x >>> 15)) >>> 0;
    for (let k = 6; k >= 0; k--) {
      buf[head + k] = ALPHABET[x % 36]!;
      x = Math.floor(x / 36);
    }
    for (let k = 7; k < 26; ) {
      let r = rng.u32();
      for (let j = 0; j < 6 && k < 26; j++, k++) {
        buf[head + k] = ALPHABET[r % 36]!;
        r = Math.floor(r / 36);
      }
    }
    return buf.toString('latin1');
  };
}

export const PERMISSIONS: readonly string[] = CATALOG.map((e) => e.key);
export const SCOPED: readonly string[] = PERMISSIONS.filter((p) => isDeviceScoped(p));
export const PERM_INDEX = new Map<string, number>(PERMISSIONS.map((p, i) => [p, i]));
export const SCOPED_FLAG = Uint8Array.from(PERMISSIONS, (p) => (isDeviceScoped(p) ? 1 : 0));
export const ROLE_ADMIN = 0;
const ROLE_EDITOR = 1;
const ROLE_VIEWER = 2;
export const ROLE_CUSTOM = 3;
export const BUILT_IN_IDS = ['admin', 'editor', 'viewer'] as const;
/** Per built-in role, per permission index: 1 when the role holds it. */
export const BUILT_IN_MASKS = BUILT_IN_IDS.map((r) => {
  const mask = new Uint8Array(PERMISSIONS.length);
  for (const p of builtInRolePermissions(r)) mask[PERM_INDEX.get(p)!] = 1;
  return mask;
});

/** The world, in flat arrays (a 10× world has 10,000,000 devices). Memberships are grouped by organization. */
export interface World {
  scale: number;
  orgIds: string[];
  userIds: string[];
  deviceIds: string[];
  /** Devices of organization o: deviceIds[devStart[o] .. devStart[o+1]). */
  devStart: Int32Array;
  /** Memberships of organization o: memStart[o] .. memStart[o+1]. */
  memStart: Int32Array;
  memUser: Int32Array;
  memRole: Uint8Array;
  memAll: Uint8Array;
  /** Device grants of membership m: grantDev[grantStart[m] .. grantStart[m+1]) (device ordinals). */
  grantStart: Int32Array;
  grantDev: Int32Array;
  /** One custom role in some organizations. */
  custom: ({ id: string; mask: Uint8Array; permissions: string[] } | undefined)[];
}

export function generateWorld(scale: number): World {
  const rng = new Rng(SEED + scale);
  const nOrgs = Math.round(1_000 * scale);
  const nUsers = Math.round(100_000 * scale);
  const devicesPerOrg = 1_000;
  const orgId = idMaker('org', rng);
  const userId = idMaker('usr', rng);
  const deviceId = idMaker('dev', rng);
  const roleId = idMaker('rol', rng);
  const orgIds = Array.from({ length: nOrgs }, (_, i) => orgId(i));
  const userIds = Array.from({ length: nUsers }, (_, i) => userId(i));
  const deviceIds = Array.from({ length: nOrgs * devicesPerOrg }, (_, i) => deviceId(i));
  const devStart = Int32Array.from({ length: nOrgs + 1 }, (_, o) => o * devicesPerOrg);

  // 30 % of the organizations have a custom role holding each permission with probability 1/2.
  const custom = orgIds.map(() => {
    if (!rng.chance(0.3)) return undefined;
    const mask = Uint8Array.from(PERMISSIONS, () => (rng.chance(0.5) ? 1 : 0));
    return { id: roleId(rng.u32()), mask, permissions: PERMISSIONS.filter((_, i) => mask[i] === 1) };
  });

  // Every user is a member of two distinct organizations: 200,000 memberships.
  const pairOrg = new Int32Array(nUsers * 2);
  const count = new Int32Array(nOrgs + 1);
  for (let u = 0; u < nUsers; u++) {
    const o1 = rng.int(nOrgs);
    let o2 = rng.int(nOrgs - 1);
    if (o2 >= o1) o2++;
    pairOrg[2 * u] = o1;
    pairOrg[2 * u + 1] = o2;
    count[o1 + 1]!++;
    count[o2 + 1]!++;
  }
  const memStart = new Int32Array(nOrgs + 1);
  for (let o = 0; o < nOrgs; o++) memStart[o + 1] = memStart[o]! + count[o + 1]!;
  const nMem = nUsers * 2;
  const fill = memStart.slice(0, nOrgs);
  const memUser = new Int32Array(nMem);
  for (let k = 0; k < nMem; k++) memUser[fill[pairOrg[k]!]!++] = k >> 1;

  // Roles: the first member of each organization is its Admin; then 5 % Admin, 30 % Editor,
  // 10 % the custom role (where there is one), the rest Viewer. 15 % of non-Admins have every
  // device; the others 0–13 explicit devices (≈ 1,000,000 grants in all).
  const memRole = new Uint8Array(nMem);
  const memAll = new Uint8Array(nMem);
  const grantStart = new Int32Array(nMem + 1);
  const grants: number[] = [];
  for (let o = 0; o < nOrgs; o++) {
    const d0 = devStart[o]!;
    for (let m = memStart[o]!; m < memStart[o + 1]!; m++) {
      const r = rng.u32() / 4_294_967_296;
      const role = m === memStart[o] || r < 0.05 ? ROLE_ADMIN : r < 0.35 ? ROLE_EDITOR : r < 0.45 && custom[o] ? ROLE_CUSTOM : ROLE_VIEWER;
      memRole[m] = role;
      if (role !== ROLE_ADMIN && rng.chance(0.15)) memAll[m] = 1;
      grantStart[m] = grants.length;
      if (role !== ROLE_ADMIN && memAll[m] === 0) {
        const k = rng.int(14);
        const from = grants.length;
        while (grants.length - from < k) {
          const d = d0 + rng.int(devicesPerOrg);
          let dup = false;
          for (let j = from; j < grants.length; j++) if (grants[j] === d) dup = true;
          if (!dup) grants.push(d);
        }
      }
    }
  }
  grantStart[nMem] = grants.length;
  return {
    scale,
    orgIds,
    userIds,
    deviceIds,
    devStart,
    memStart,
    memUser,
    memRole,
    memAll,
    grantStart,
    grantDev: Int32Array.from(grants),
    custom,
  };
}

export const sizesOf = (w: World) => ({
  organizations: w.orgIds.length,
  users: w.userIds.length,
  memberships: w.memUser.length,
  devices: w.deviceIds.length,
  deviceGrants: w.grantDev.length,
});
export const roleIdOf = (w: World, o: number, m: number) => (w.memRole[m] === ROLE_CUSTOM ? w.custom[o]!.id : BUILT_IN_IDS[w.memRole[m]!]!);
export const holds = (w: World, o: number, m: number, perm: number) =>
  (w.memRole[m] === ROLE_CUSTOM ? w.custom[o]!.mask[perm] : BUILT_IN_MASKS[w.memRole[m]!]![perm]) === 1;

// ---------------------------------------------------------------------------------------------
// Queries, with the reference answer computed from the world's arrays (not from any contender)

export interface Queries {
  n: number;
  device: boolean;
  objs: AuthzQuery[];
  expected: Uint8Array;
  org: Int32Array;
  /** Membership ordinal, or -1 when the user is not a member. */
  mem: Int32Array;
  user: Int32Array;
  perm: Uint8Array;
  /** Device ordinal, or -1. */
  dev: Int32Array;
}

/**
 * `device: false`: any catalog permission, no device. `device: true`: a device-scoped permission
 * and a device — half of the time one the member was granted, else any device of the organization,
 * 2 % a device of another organization. 95 % of the users are members of the organization.
 */
export function makeQueries(w: World, n: number, device: boolean, orgLimit: number, seed: number): Queries {
  const rng = new Rng(seed);
  const q: Queries = {
    n,
    device,
    objs: new Array<AuthzQuery>(n),
    expected: new Uint8Array(n),
    org: new Int32Array(n),
    mem: new Int32Array(n),
    user: new Int32Array(n),
    perm: new Uint8Array(n),
    dev: new Int32Array(n),
  };
  const nOrgs = Math.min(orgLimit, w.orgIds.length);
  const perOrg = w.devStart[1]! - w.devStart[0]!;
  // The ids of a query are copies, equal but not identical to the strings the contenders hold, as
  // ids parsed from a request are: a lookup compares characters, not just pointers.
  const copies = new Map<string, string>();
  const fresh = (id: string) => {
    let c = copies.get(id);
    if (c === undefined) {
      c = Buffer.from(id, 'latin1').toString('latin1');
      copies.set(id, c);
    }
    return c;
  };
  for (let i = 0; i < n; i++) {
    const o = rng.int(nOrgs);
    const m0 = w.memStart[o]!;
    const m1 = w.memStart[o + 1]!;
    let m = -1;
    let u: number;
    if (rng.chance(0.95)) {
      m = m0 + rng.int(m1 - m0);
      u = w.memUser[m]!;
    } else {
      u = rng.int(w.userIds.length);
      for (let k = m0; k < m1; k++) if (w.memUser[k] === u) m = k;
    }
    const perm = device ? PERM_INDEX.get(SCOPED[rng.int(SCOPED.length)]!)! : rng.int(PERMISSIONS.length);
    let d = -1;
    if (device) {
      const g0 = m >= 0 ? w.grantStart[m]! : 0;
      const g1 = m >= 0 ? w.grantStart[m + 1]! : 0;
      const r = rng.u32() / 4_294_967_296;
      if (r < 0.5 && g1 > g0) d = w.grantDev[g0 + rng.int(g1 - g0)]!;
      else if (r < 0.98) d = w.devStart[o]! + rng.int(perOrg);
      else d = rng.int(w.deviceIds.length);
    }
    // The reference: PERMISSIONS.md, "Device scope".
    let allowed = false;
    const inOrg = d < 0 || (d >= w.devStart[o]! && d < w.devStart[o + 1]!);
    if (inOrg && m >= 0 && holds(w, o, m, perm)) {
      if (d < 0 || SCOPED_FLAG[perm] === 0 || w.memRole[m] === ROLE_ADMIN || w.memAll[m] === 1) allowed = true;
      else for (let k = w.grantStart[m]!; k < w.grantStart[m + 1]!; k++) if (w.grantDev[k] === d) allowed = true;
    }
    q.org[i] = o;
    q.mem[i] = m;
    q.user[i] = u;
    q.perm[i] = perm;
    q.dev[i] = d;
    q.expected[i] = allowed ? 1 : 0;
    q.objs[i] =
      d >= 0
        ? {
            userId: fresh(w.userIds[u]!),
            organizationId: fresh(w.orgIds[o]!),
            permission: fresh(PERMISSIONS[perm]!),
            deviceId: fresh(w.deviceIds[d]!),
          }
        : { userId: fresh(w.userIds[u]!), organizationId: fresh(w.orgIds[o]!), permission: fresh(PERMISSIONS[perm]!) };
  }
  return q;
}

/**
 * Queries per in-process list at `scale`: 2^18 at the default size (far more distinct questions than
 * any cache of the contenders holds), fewer for a tiny world, where they would only cost time.
 */
export const queriesAt = (scale: number) => Math.min(1 << 18, 2 ** Math.ceil(Math.log2(Math.max(4096, 64 * 200_000 * scale))));

export const allowedShare = (q: Queries) => q.expected.reduce((a, b) => a + b, 0) / q.n;
