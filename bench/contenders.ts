// The in-process contenders: Gatehouse's engine, the Map floor, casbin (two layouts) and CASL, each
// as a batch function over a query list (measure.ts times them), built from the same world.
import { performance } from 'node:perf_hooks';
import { newEnforcer, newModelFromString, type Adapter, type Enforcer, type Model } from 'casbin';
import { createMongoAbility, subject as caslSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import type { AuthzEngine } from '../src/core/authz/authz-engine.js';
import type { CheckResult } from '../src/core/authz/decision-index.js';
import { isDeviceScoped } from '../test/support/shipped-catalog.js';
import type { Batch } from './measure.js';
import {
  BUILT_IN_IDS,
  BUILT_IN_MASKS,
  holds,
  PERM_INDEX,
  PERMISSIONS,
  ROLE_ADMIN,
  roleIdOf,
  SCOPED,
  SCOPED_FLAG,
  type Queries,
  type World,
} from './world.js';

export function oursBatch(engine: AuthzEngine, q: Queries): Batch {
  const objs = q.objs;
  return (from, count) => {
    let a = 0;
    for (let k = from; k < from + count; k++) if ((engine.check(objs[k]!) as CheckResult).allowed) a++;
    return a;
  };
}

export function oursOne(engine: AuthzEngine, q: Queries) {
  return (i: number) => {
    const r = engine.check(q.objs[i]!);
    if (r instanceof Promise) throw new Error('the engine answered asynchronously from a warm cache');
    return r.allowed;
  };
}

/** The floor: one Map lookup under a key made from the request, holding the answer of every query of the lists. */
export function mapFloor(lists: Queries[]) {
  const map = new Map<string, boolean>();
  for (const q of lists) {
    for (let i = 0; i < q.n; i++) {
      const o = q.objs[i]!;
      map.set(
        o.deviceId === undefined
          ? `${o.organizationId}|${o.userId}|${o.permission}`
          : `${o.organizationId}|${o.userId}|${o.permission}|${o.deviceId}`,
        q.expected[i] === 1,
      );
    }
  }
  return map;
}

export function floorBatch(map: Map<string, boolean>, q: Queries): Batch {
  const objs = q.objs;
  return q.device
    ? (from, count) => {
        let a = 0;
        for (let k = from; k < from + count; k++) {
          const o = objs[k]!;
          if (map.get(o.organizationId + '|' + o.userId + '|' + o.permission + '|' + o.deviceId!) === true) a++;
        }
        return a;
      }
    : (from, count) => {
        let a = 0;
        for (let k = from; k < from + count; k++) {
          const o = objs[k]!;
          if (map.get(o.organizationId + '|' + o.userId + '|' + o.permission) === true) a++;
        }
        return a;
      };
}

// casbin. Two layouts, both "RBAC with domains" (domain = organization); the faster one is the peer.
//
// Layout A, the textbook one: g = user → role in an organization; one policy line per built-in role
// × permission with the domain "*" (the same in every organization; 133 lines instead of 133 per
// organization), one line per custom role × permission with its organization. The permission key
// is split into obj (service) and act. Device scope: g2 = user → device in an organization (Admins
// and members with every device get the device "*"), g3 = device → its organization, and each policy
// line says whether its permission is device-scoped. The matcher tests the cheap, selective string
// equalities first, so the role look-ups run only on the few lines of the asked permission.
const CASBIN_A_PLAIN = `
[request_definition]
r = sub, dom, obj, act
[policy_definition]
p = sub, dom, obj, act
[role_definition]
g = _, _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = r.obj == p.obj && r.act == p.act && (p.dom == "*" || p.dom == r.dom) && g(r.sub, p.sub, r.dom)
`;
const CASBIN_A_DEVICE = `
[request_definition]
r = sub, dom, obj, act, dev
[policy_definition]
p = sub, dom, obj, act, scoped
[role_definition]
g = _, _, _
g2 = _, _, _
g3 = _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = r.obj == p.obj && r.act == p.act && (p.dom == "*" || p.dom == r.dom) && g(r.sub, p.sub, r.dom) && g3(r.dev, r.dom) && (p.scoped == "0" || g2(r.sub, "*", r.dom) || g2(r.sub, r.dev, r.dom))
`;
// Layout B, faster for casbin: permissions are the leaves of the role hierarchy (g = user → role →
// permission, per organization), so there is no policy line to scan: the matcher is evaluated once
// and the answer is role-manager look-ups. g4 = permission → "scoped" marks device-scoped ones.
const CASBIN_B_PLAIN = `
[request_definition]
r = sub, dom, obj
[policy_definition]
p = sub, obj
[role_definition]
g = _, _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = g(r.sub, r.obj, r.dom)
`;
const CASBIN_B_DEVICE = `
[request_definition]
r = sub, dom, obj, dev
[policy_definition]
p = sub, obj
[role_definition]
g = _, _, _
g2 = _, _, _
g3 = _, _
g4 = _, _
[policy_effect]
e = some(where (p.eft == allow))
[matchers]
m = g3(r.dev, r.dom) && g(r.sub, r.obj, r.dom) && (!g4(r.obj, "scoped") || g2(r.sub, "*", r.dom) || g2(r.sub, r.dev, r.dom))
`;

const splitPerm = PERMISSIONS.map((p) => [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)] as const);

/**
 * Hands casbin its rules the way its own adapters do (persist/helper.ts pushes each parsed line
 * onto the model's policy array; the enforcer then builds the role links once). Adding them through
 * addPolicies instead checks each new rule against all present ones: quadratic, minutes here.
 */
function memoryAdapter(rules: Record<string, string[][]>): Adapter {
  return {
    async loadPolicy(model: Model) {
      for (const [ptype, lines] of Object.entries(rules))
        model.model
          .get(ptype.slice(0, 1))!
          .get(ptype)!
          .policy.push(...lines);
    },
    savePolicy: async () => false,
    addPolicy: async () => {},
    removePolicy: async () => {},
    removeFilteredPolicy: async () => {},
  };
}

/** Layout B always; layout A (two orders of magnitude slower, minutes to build here) with `withA`. */
export async function casbinEnforcers(w: World, nOrgs: number, withA: boolean) {
  const t0 = performance.now();
  const userRole: string[][] = [];
  const userDevice: string[][] = [];
  const deviceOrg: string[][] = [];
  const roleLeaf: string[][] = [];
  const policiesA: string[][] = [];
  const policiesADevice: string[][] = [];
  for (const [r, role] of BUILT_IN_IDS.entries()) {
    for (let p = 0; p < PERMISSIONS.length; p++) {
      if (BUILT_IN_MASKS[r]![p] !== 1) continue;
      policiesA.push([role, '*', splitPerm[p]![0], splitPerm[p]![1]]);
      policiesADevice.push([role, '*', splitPerm[p]![0], splitPerm[p]![1], String(SCOPED_FLAG[p])]);
    }
  }
  for (let o = 0; o < nOrgs; o++) {
    const org = w.orgIds[o]!;
    const c = w.custom[o];
    for (const [r, role] of BUILT_IN_IDS.entries()) {
      for (let p = 0; p < PERMISSIONS.length; p++) if (BUILT_IN_MASKS[r]![p] === 1) roleLeaf.push([role, PERMISSIONS[p]!, org]);
    }
    if (c) {
      for (const p of c.permissions) {
        const i = PERM_INDEX.get(p)!;
        policiesA.push([c.id, org, splitPerm[i]![0], splitPerm[i]![1]]);
        policiesADevice.push([c.id, org, splitPerm[i]![0], splitPerm[i]![1], String(SCOPED_FLAG[i])]);
        roleLeaf.push([c.id, p, org]);
      }
    }
    for (let d = w.devStart[o]!; d < w.devStart[o + 1]!; d++) deviceOrg.push([w.deviceIds[d]!, org]);
    for (let m = w.memStart[o]!; m < w.memStart[o + 1]!; m++) {
      const user = w.userIds[w.memUser[m]!]!;
      userRole.push([user, roleIdOf(w, o, m), org]);
      if (w.memRole[m] === ROLE_ADMIN || w.memAll[m] === 1) userDevice.push([user, '*', org]);
      for (let k = w.grantStart[m]!; k < w.grantStart[m + 1]!; k++) userDevice.push([user, w.deviceIds[w.grantDev[k]!]!, org]);
    }
  }
  const aPlain = withA ? await newEnforcer(newModelFromString(CASBIN_A_PLAIN), memoryAdapter({ p: policiesA, g: userRole })) : undefined;
  const aDevice = withA
    ? await newEnforcer(
        newModelFromString(CASBIN_A_DEVICE),
        memoryAdapter({ p: policiesADevice, g: userRole, g2: userDevice, g3: deviceOrg }),
      )
    : undefined;
  const bPlain = await newEnforcer(newModelFromString(CASBIN_B_PLAIN), memoryAdapter({ g: [...userRole, ...roleLeaf] }));
  const bDevice = await newEnforcer(
    newModelFromString(CASBIN_B_DEVICE),
    memoryAdapter({ g: [...userRole, ...roleLeaf], g2: userDevice, g3: deviceOrg, g4: SCOPED.map((p) => [p, 'scoped']) }),
  );
  return {
    aPlain,
    aDevice,
    bPlain,
    bDevice,
    loadMs: performance.now() - t0,
    sizes: {
      policyLinesA: policiesA.length,
      userRoleLinks: userRole.length,
      userDeviceLinks: userDevice.length,
      deviceOrgLinks: deviceOrg.length,
      roleLeafLinks: roleLeaf.length,
    },
  };
}

/** casbin's request, prepared once per query (its natural form: the permission split into obj/act). */
export function casbinArgs(_w: World, q: Queries, layout: 'A' | 'B'): string[][] {
  return Array.from({ length: q.n }, (_, i) => {
    const o = q.objs[i]!;
    const [obj, act] = splitPerm[q.perm[i]!]!;
    if (layout === 'A') return q.device ? [o.userId, o.organizationId, obj, act, o.deviceId!] : [o.userId, o.organizationId, obj, act];
    return q.device ? [o.userId, o.organizationId, o.permission, o.deviceId!] : [o.userId, o.organizationId, o.permission];
  });
}

export function casbinBatch(e: Enforcer, args: string[][]): Batch {
  return (from, count) => {
    let a = 0;
    for (let k = from; k < from + count; k++) if (e.enforceSync(...args[k]!)) a++;
    return a;
  };
}

// @casl/ability: one ability per (organization, user), from the role and the device grants.
// `can(permission, 'Organization')` for a check without a device; `can(permission, device)` with the
// device as a subject object { id, orgId } (prepared once per query, as a caller holding the device
// would have it). Device-scoped permissions of a member with an explicit set are conditioned on
// `id $in grants`; everything else on the device being in the organization.
type CaslAbility = MongoAbility;

export function caslAbilities(w: World, nOrgs: number) {
  const t0 = performance.now();
  const byOrg = new Map<string, Map<string, CaslAbility>>();
  for (let o = 0; o < nOrgs; o++) {
    const org = w.orgIds[o]!;
    const users = new Map<string, CaslAbility>();
    byOrg.set(org, users);
    for (let m = w.memStart[o]!; m < w.memStart[o + 1]!; m++) {
      const held = PERMISSIONS.filter((_, p) => holds(w, o, m, p));
      const limited = w.memRole[m] !== ROLE_ADMIN && w.memAll[m] === 0;
      const scoped = held.filter((p) => isDeviceScoped(p));
      const rules: RawRuleOf<CaslAbility>[] = [{ action: held, subject: 'Organization' }];
      if (limited) {
        const grants: string[] = [];
        for (let k = w.grantStart[m]!; k < w.grantStart[m + 1]!; k++) grants.push(w.deviceIds[w.grantDev[k]!]!);
        rules.push({ action: held.filter((p) => !isDeviceScoped(p)), subject: 'Device', conditions: { orgId: org } });
        if (scoped.length > 0) rules.push({ action: scoped, subject: 'Device', conditions: { id: { $in: grants } } });
      } else {
        rules.push({ action: held, subject: 'Device', conditions: { orgId: org } });
      }
      users.set(w.userIds[w.memUser[m]!]!, createMongoAbility(rules));
    }
  }
  return { byOrg, buildMs: performance.now() - t0 };
}

export function caslSubjects(w: World, q: Queries) {
  const devOrg = (d: number) => w.orgIds[Math.floor(d / (w.devStart[1]! - w.devStart[0]!))]!;
  return Array.from({ length: q.n }, (_, i) =>
    q.dev[i]! >= 0 ? caslSubject('Device', { id: q.objs[i]!.deviceId!, orgId: devOrg(q.dev[i]!) }) : undefined,
  );
}

export function caslBatch(byOrg: Map<string, Map<string, CaslAbility>>, q: Queries, subjects: (object | undefined)[]): Batch {
  const objs = q.objs;
  return q.device
    ? (from, count) => {
        let a = 0;
        for (let k = from; k < from + count; k++) {
          const o = objs[k]!;
          const ability = byOrg.get(o.organizationId)?.get(o.userId);
          if (ability?.can(o.permission, subjects[k] as never)) a++;
        }
        return a;
      }
    : (from, count) => {
        let a = 0;
        for (let k = from; k < from + count; k++) {
          const o = objs[k]!;
          const ability = byOrg.get(o.organizationId)?.get(o.userId);
          if (ability?.can(o.permission, 'Organization')) a++;
        }
        return a;
      };
}
