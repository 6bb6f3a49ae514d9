// Roles: the built-in ones and each organization's custom roles, with their permissions.

export interface RoleRecord {
  id: string;
  /** `null` for the built-in roles. */
  orgId: string | null;
  name: string;
  description: string;
  permissions: string[];
  /** Those of `permissions` their service deprecated: kept (a re-add restores them), granting nothing. */
  deprecated?: string[];
  createdAt: Date;
  updatedAt: Date;
}

export interface RolesRepo {
  /** The built-in roles and the organization's own, with their permissions and how many members hold each. */
  list(orgId: string): Promise<(RoleRecord & { memberCount: number })[]>;
  /** A built-in role, or a custom role of this organization (never another organization's). */
  find(orgId: string, roleId: string): Promise<RoleRecord | undefined>;
  findByName(orgId: string, name: string): Promise<RoleRecord | undefined>;
  insert(role: RoleRecord & { orgId: string }): Promise<void>;
  update(
    orgId: string,
    roleId: string,
    patch: { name?: string | undefined; description?: string | undefined; permissions?: string[] | undefined },
    now: Date,
  ): Promise<void>;
  delete(orgId: string, roleId: string): Promise<void>;
  /** How many members hold the role (pending invitations count too once they exist). */
  holders(orgId: string, roleId: string): Promise<number>;
}
