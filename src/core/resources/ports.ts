// Resources: a Smart Service's own objects in an organization (a dashboard group, a dashboard), by
// the service's own ids, with a parent hierarchy; and each member's access to them per type.

export interface ResourceTypeRecord {
  /** `<slug>:<type>`, e.g. `tsd:dashboard`. */
  type: string;
  service: string;
  /** The parent type (same service), or `null` for a top-level type. */
  parent: string | null;
  name: Record<string, string>;
}

export interface ResourceRecord {
  id: string;
  orgId: string;
  type: string;
  externalId: string;
  name: string;
  parentId: string | null;
  /** The parent as the service names it. */
  parent: { type: string; externalId: string } | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A member's access to one resource type: every resource of it, or this explicit set. */
export interface ResourceAccess {
  all: boolean;
  ids: string[];
}

export interface ResourceListQuery {
  type?: string | undefined;
  parentId?: string | undefined;
  q?: string | undefined;
  /** Only what this member reaches (not an Admin): `all` of the type of the resource or of an ancestor, or a grant on either. */
  onlyFor?: string | undefined;
  after?: { key: string; id: string } | undefined;
  limit: number;
}

export interface ResourcesRepo {
  types(): Promise<ResourceTypeRecord[]>;
  findType(type: string): Promise<ResourceTypeRecord | undefined>;
  find(orgId: string, id: string): Promise<ResourceRecord | undefined>;
  findByExternal(orgId: string, type: string, externalId: string): Promise<ResourceRecord | undefined>;
  /** The resource's ancestors, its parent first. */
  ancestors(orgId: string, id: string): Promise<{ id: string; type: string }[]>;
  /** Inserts, or updates name and parent of the row with this type and external id; `created` tells which. */
  upsert(r: Omit<ResourceRecord, 'parent' | 'id'> & { id: string }): Promise<{ id: string; created: boolean }>;
  /** The resource and its descendants, the resource first. */
  subtree(orgId: string, id: string): Promise<string[]>;
  /** Deletes the resource; its descendants and every grant on them go with it (foreign keys). */
  delete(orgId: string, id: string): Promise<void>;
  list(orgId: string, query: ResourceListQuery): Promise<(ResourceRecord & { sortKey: string })[]>;
  /** Which of these ids are resources of the organization, with their types. */
  existing(orgId: string, ids: readonly string[]): Promise<{ id: string; type: string }[]>;
  /** One page of the resources of `type` the member reaches (`null`: every one), in id order, after `after`. */
  idPage(
    orgId: string,
    type: string,
    onlyFor: string | null,
    after: string | undefined,
    limit: number,
  ): Promise<{ id: string; externalId: string }[]>;

  /** Those of `ids` (resources of the organization) the member reaches: through `all` of its or an ancestor's type, or a grant on it or an ancestor. */
  reachable(orgId: string, userId: string, ids: readonly string[]): Promise<string[]>;
  /** The member's access per type (types without a row are absent). */
  accessOf(orgId: string, userId: string): Promise<Map<string, ResourceAccess>>;
  /** Replaces the member's access to one type. */
  setAccess(orgId: string, userId: string, type: string, access: ResourceAccess): Promise<void>;
  /** Adds one resource to the member's explicit set of its type. */
  grant(orgId: string, userId: string, type: string, resourceId: string): Promise<void>;
}
