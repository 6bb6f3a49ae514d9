// Gatehouse's per-organization indexes (core/authz/decision-index.ts) built in memory, in the shape
// store/authz-loader.ts gives them, from the world's arrays instead of PostgreSQL: a 10× world
// (10,000,000 devices) does not fit PGlite in the bench's time. Every id is a fresh string, as each
// row the loader reads brings its own (a grant's device id is not the device set's string), so what
// this weighs is what the loader's indexes weigh. When the loader's shape changes, this follows it.
//
// Memory: the indexes are built in the loader's three steps (core/authz/org-index.ts) — devices, then
// members, then their device grants — with `process.memoryUsage()` read after a full GC (`global.gc`,
// node --expose-gc) before and after each, so each step's bytes are divided by its own count. The
// bytes are `heapUsed + external`: a typed array's contents above 64 bytes live outside the JS heap
// (in `external`), and the index keeps its members and grants in typed arrays. Run with --no-flush-bytecode:
// else the GCs also drop the bytecode of functions not run lately, and that shrinking is subtracted.
import { type OrgIndex, permissionBits } from '../src/core/authz/decision-index.js';
import { addDevices, emptyOrgIndex, type MemberInput, setDeviceGrants, setMembers } from '../src/core/authz/org-index.js';
import { builtInRolePermissions, SHIPPED_INDEX } from '../test/support/shipped-catalog.js';
import { BUILT_IN_IDS, ROLE_ADMIN, ROLE_CUSTOM, type World } from './world.js';

export interface IndexMemory {
  devices: number;
  members: number;
  deviceGrants: number;
  bytesPerDevice: number;
  bytesPerMember: number;
  bytesPerDeviceGrant: number;
  totalBytes: number;
}

/** A copy of `s` that shares nothing with it (a new flat one-byte string), as a row parsed from the database is. */
const freshCopy = (s: string) => Buffer.from(s, 'latin1').toString('latin1');

const gc = (globalThis as { gc?: () => void }).gc;
export const canMeasureMemory = typeof gc === 'function';

/** Bytes in use after a full collection: the JS heap and what lives outside it (typed arrays' contents). */
export function heapAfterGc(): number {
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

/**
 * The indexes of organizations [0, orgLimit) of `w`; with `measure` (needs --expose-gc), what each
 * step added to the heap.
 */
export function buildIndexes(
  w: World,
  options: { measure?: boolean; orgLimit?: number; freshIds?: boolean } = {},
): { indexes: Map<string, OrgIndex>; memory?: IndexMemory } {
  const measure = options.measure === true && canMeasureMemory;
  // Fresh ids cost time; where nothing is weighed (the main process's engine), the world's own do.
  const fresh = options.freshIds === false ? (id: string) => id : freshCopy;
  const nOrgs = Math.min(options.orgLimit ?? Infinity, w.orgIds.length);
  const h0 = measure ? heapAfterGc() : 0;

  // 1. Each organization's devices.
  const indexes = new Map<string, OrgIndex>();
  const orgs: OrgIndex[] = [];
  for (let o = 0; o < nOrgs; o++) {
    const orgId = fresh(w.orgIds[o]!);
    const index = emptyOrgIndex(orgId, 0, SHIPPED_INDEX);
    const devices: string[] = [];
    for (let d = w.devStart[o]!; d < w.devStart[o + 1]!; d++) devices.push(fresh(w.deviceIds[d]!));
    addDevices(index, devices);
    orgs.push(index);
    indexes.set(orgId, index);
  }
  const h1 = measure ? heapAfterGc() : 0;

  // 2. Members: role as a permission mask, all-devices flag, no device yet.
  for (let o = 0; o < nOrgs; o++) {
    const rolePermissions = new Map<number, Uint32Array>();
    const members: MemberInput[] = [];
    for (let m = w.memStart[o]!; m < w.memStart[o + 1]!; m++) {
      const role = w.memRole[m]!;
      let permissions = rolePermissions.get(role);
      if (!permissions) {
        permissions = permissionBits(
          SHIPPED_INDEX,
          role === ROLE_CUSTOM ? w.custom[o]!.permissions : builtInRolePermissions(BUILT_IN_IDS[role]!),
        );
        rolePermissions.set(role, permissions);
      }
      members.push({ userId: fresh(w.userIds[w.memUser[m]!]!), isAdmin: role === ROLE_ADMIN, allDevices: w.memAll[m] === 1, permissions });
    }
    setMembers(orgs[o]!, members);
  }
  const h2 = measure ? heapAfterGc() : 0;

  // 3. Explicit device grants, as the loader passes them: per member, its device ids as read.
  let grants = 0;
  for (let o = 0; o < nOrgs; o++) {
    const perMember: [string, string[]][] = [];
    for (let m = w.memStart[o]!; m < w.memStart[o + 1]!; m++) {
      const g0 = w.grantStart[m]!;
      const g1 = w.grantStart[m + 1]!;
      if (g1 === g0) continue;
      const ids: string[] = [];
      for (let k = g0; k < g1; k++) ids.push(fresh(w.deviceIds[w.grantDev[k]!]!));
      perMember.push([fresh(w.userIds[w.memUser[m]!]!), ids]);
      grants += g1 - g0;
    }
    setDeviceGrants(orgs[o]!, perMember);
  }
  if (!measure) return { indexes };
  const h3 = heapAfterGc();
  const devices = w.devStart[nOrgs]! - w.devStart[0]!;
  const members = w.memStart[nOrgs]! - w.memStart[0]!;
  return {
    indexes,
    memory: {
      devices,
      members,
      deviceGrants: grants,
      bytesPerDevice: (h1 - h0) / Math.max(1, devices),
      bytesPerMember: (h2 - h1) / Math.max(1, members),
      bytesPerDeviceGrant: (h3 - h2) / Math.max(1, grants),
      totalBytes: h3 - h0,
    },
  };
}
