// Roles of an organization: the three built-in roles (immutable, the same everywhere) and the
// organization's custom roles, each any subset of the permission catalog. Nobody creates, edits or
// deletes a role holding a permission they do not hold themselves (core/authz escalation rules).
// Names are NFKC, visible, and never pass for a built-in role's (role-name.ts).
import { newId, type Clock, type Random } from '../clock-random.js';
import { fail, type FieldProblem } from '../errors.js';
import { requireCanActOnRole } from '../authz/authz.js';
import { organizationScope } from '../authz/in-organization.js';
import { BUILT_IN_ROLES, isBuiltInRole } from '../authz/permissions.js';
import type { Repos, Store } from '../store.js';
import type { RoleRecord } from './ports.js';
import type { AuditLog } from '../audit/audit.js';
import type { Actor } from '../actor.js';
import { normalizeRoleName } from './role-name.js';

export interface RolesDeps {
  store: Store;
  clock: Clock;
  random: Random;
  audit: AuditLog;
}

export interface RoleView {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  permissions: string[];
}

const view = (r: RoleRecord): RoleView => ({
  id: r.id,
  name: r.name,
  description: r.description,
  builtIn: r.orgId === null,
  permissions: r.permissions,
});
const summary = (r: { name: string; description: string; permissions: readonly string[] }) => ({
  name: r.name,
  description: r.description,
  permissions: r.permissions,
});

/**
 * Keys of the catalog (every service's manifest), once each, in catalog order; unknown keys are a
 * 400 naming each one. A deprecated permission is not grantable anew: a role keeps it only if it
 * held it already (`held`), so editing a role does not lose it and re-adding it to the manifest
 * restores the role.
 */
async function requirePermissions(
  repos: Repos,
  keys: readonly string[],
  held: readonly string[] = [],
): Promise<{ permissions: string[]; deprecated: string[] }> {
  const catalog = await repos.services.permissions();
  const byKey = new Map(catalog.map((p) => [p.key, p]));
  const kept = new Set(held);
  const errors: FieldProblem[] = keys.flatMap((k, i) => {
    const p = byKey.get(k);
    if (!p)
      return [
        {
          field: `/permissions/${i}`,
          rule: 'enum',
          message: `"${k.slice(0, 100)}" is not a permission of the catalog (GET /permissions).`,
        },
      ];
    if (p.deprecated && !kept.has(k))
      return [
        { field: `/permissions/${i}`, rule: 'deprecated', message: `"${k}" is deprecated by its service and cannot be granted anew.` },
      ];
    return [];
  });
  if (errors.length > 0) fail('request.invalid', { errors });
  const wanted = new Set(keys);
  const chosen = catalog.filter((p) => wanted.has(p.key));
  return { permissions: chosen.map((p) => p.key), deprecated: chosen.filter((p) => p.deprecated).map((p) => p.key) };
}

const RESERVED_NAMES = new Set(Object.values(BUILT_IN_ROLES).map((r) => r.name.toLowerCase()));

export function createRolesService(deps: RolesDeps) {
  const { store, clock, random, audit } = deps;
  const { inOrganization, readOrganization } = organizationScope(store);

  async function requireFreeName(repos: Repos, orgId: string, name: string, exceptRoleId?: string) {
    const holder = RESERVED_NAMES.has(name.toLowerCase()) ? 'built-in' : (await repos.roles.findByName(orgId, name))?.id;
    if (holder !== undefined && holder !== exceptRoleId) fail('role.name_taken', { detail: `org=${orgId} name=${name}` });
  }

  /** A custom role of this organization; a built-in role is 409 (they cannot change), anything else 404. */
  async function getCustomRole(repos: Repos, orgId: string, roleId: string): Promise<RoleRecord> {
    if (isBuiltInRole(roleId)) fail('role.built_in', { detail: `role=${roleId}` });
    return (await repos.roles.find(orgId, roleId)) ?? fail('role.not_found', { detail: `org=${orgId} role=${roleId}` });
  }

  return {
    /** Each role with how many members of the organization hold it (for the roles page). */
    list: (actor: Actor, orgId: string): Promise<(RoleView & { memberCount: number })[]> =>
      readOrganization(actor, orgId, 'member', async (repos) =>
        (await repos.roles.list(orgId)).map((r) => ({ ...view(r), memberCount: r.memberCount })),
      ),

    create(
      actor: Actor,
      orgId: string,
      input: { name: string; description?: string | undefined; permissions: string[] },
    ): Promise<RoleView> {
      const now = clock.now();
      const name = normalizeRoleName(input.name);
      return inOrganization(actor, orgId, 'user-management:roles.manage', async (tx, me) => {
        const { permissions } = await requirePermissions(tx, input.permissions);
        requireCanActOnRole(me, { id: 'new', permissions }, 'create');
        await requireFreeName(tx, orgId, name);
        const role: RoleRecord & { orgId: string } = {
          id: newId('rol', clock, random),
          orgId,
          name,
          description: input.description?.trim() ?? '',
          permissions,
          createdAt: now,
          updatedAt: now,
        };
        // No member holds a new role yet: authorization answers do not change.
        await tx.roles.insert(role);
        await audit.record(tx, actor, { orgId, action: 'role.created', target: { type: 'role', id: role.id }, after: summary(role) }, now);
        return view(role);
      });
    },

    /** Changes take effect for every holder on their very next request. */
    update(
      actor: Actor,
      orgId: string,
      roleId: string,
      input: { name?: string | undefined; description?: string | undefined; permissions?: string[] | undefined },
    ): Promise<RoleView> {
      const now = clock.now();
      const name = input.name === undefined ? undefined : normalizeRoleName(input.name);
      return inOrganization(actor, orgId, 'user-management:roles.manage', async (tx, me) => {
        const role = await getCustomRole(tx, orgId, roleId);
        const wanted = input.permissions && (await requirePermissions(tx, input.permissions, role.permissions));
        const permissions = wanted?.permissions;
        requireCanActOnRole(me, role, 'edit');
        if (wanted) requireCanActOnRole(me, { id: roleId, ...wanted }, 'edit to');
        if (name !== undefined) await requireFreeName(tx, orgId, name, roleId);
        const after = {
          ...role,
          name: name ?? role.name,
          description: input.description?.trim() ?? role.description,
          permissions: permissions ?? role.permissions,
        };
        await tx.roles.update(orgId, roleId, { name, description: after.description, permissions }, now);
        // Its holders' permissions change with it.
        if (permissions) tx.changed.authz(orgId);
        tx.changed.event(orgId, 'role.changed', { roleId, permissionsChanged: permissions !== undefined });
        await audit.record(
          tx,
          actor,
          { orgId, action: 'role.changed', target: { type: 'role', id: roleId }, before: summary(role), after: summary(after) },
          now,
        );
        return view(after);
      });
    },

    async delete(actor: Actor, orgId: string, roleId: string): Promise<void> {
      const now = clock.now();
      await inOrganization(actor, orgId, 'user-management:roles.manage', async (tx, me) => {
        const role = await getCustomRole(tx, orgId, roleId);
        requireCanActOnRole(me, role, 'delete');
        // An invitation past its expiry no longer holds the role, whatever its row says yet.
        await tx.invitations.expireStale(orgId, undefined, now);
        const holders = await tx.roles.holders(orgId, roleId);
        if (holders > 0) {
          fail('role.in_use', {
            detail: `role=${roleId} holders=${holders}`,
            publicDetail: `${holders} member(s) or pending invitation(s) hold this role. Give them another role first.`,
          });
        }
        // Finished invitations (accepted, declined, revoked, expired) still name the role, and the
        // invitations' foreign key would refuse the deletion (a 500). They are history, which the
        // audit log keeps (invitation.created/accepted/revoked): they go with the role. Nobody holds
        // the role (just checked, under the lock): authorization answers do not change.
        await tx.invitations.deleteFinishedOfRole(orgId, roleId);
        await tx.roles.delete(orgId, roleId);
        tx.changed.event(orgId, 'role.deleted', { roleId });
        await audit.record(tx, actor, { orgId, action: 'role.deleted', target: { type: 'role', id: roleId }, before: summary(role) }, now);
      });
    },
  };
}
