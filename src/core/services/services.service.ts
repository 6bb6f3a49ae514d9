// The catalog as data: registering a Smart Service and changing its manifest, the catalog that
// GET /services and GET /permissions serve, and applying the manifests shipped with Gatehouse at
// every start. One write path (`applyManifest`) for all three, in one transaction under the catalog
// lock: the rows, the built-in roles' grants, the audit event with the diff, and the NOTIFY that
// makes every instance reload its catalog (tx.changed.catalog()).
//
// The icon: sanitised before the transaction (`readManifest`, icon.ts), stored in its own column,
// never in the manifest kept for the next diff; the audit says that it changed, not the SVG.
//
// Taking over: a shipped manifest is re-applied at start only while its service is `built_in`. Once
// the service registers or PUTs its own manifest (tsd adding dashboards), it owns its catalog and a
// restart of Gatehouse leaves it as the service last said.
import { fail } from '../errors.js';
import type { Clock, Random } from '../clock-random.js';
import type { Localized } from '../locale.js';
import type { Store, Tx } from '../store.js';
import type { AuditLog } from '../audit/audit.js';
import { BUILT_IN_ROLE_IDS, GATEHOUSE_PERMISSIONS, missingOwnPermissions } from '../authz/permissions.js';
import type { ServiceClients } from '../authz/authz-api.service.js';
import {
  MANIFEST_LIMITS,
  parseManifest,
  permissionKey,
  qualifiedType,
  storedResourceType,
  DEVICE_TYPE,
  type Manifest,
} from './manifest.js';
import type { CatalogPermission, ServiceRecord } from './ports.js';
import { sanitiseIcon } from './icon.js';
import type { Actor } from '../actor.js';
import { organizationScope } from '../authz/in-organization.js';

/** Manifest changes are platform events, not one organization's: they are recorded under this id (no organization has it). */
const PLATFORM_AUDIT_ORG = 'platform';

export interface ManifestChanges {
  name?: { before: Localized; after: Localized };
  url?: { before: string | null; after: string | null };
  icon?: 'added' | 'changed' | 'removed';
  permissions: { added: string[]; changed: string[]; deprecated: string[]; restored: string[] };
  resourceTypes: { added: string[]; changed: string[]; removed: string[] };
}

export interface ServiceView {
  slug: string;
  name: Localized;
  url?: string;
  version: number;
  builtIn: boolean;
  permissions: { key: string; label: Localized; description: Localized; resourceType: string | null; deprecated: boolean }[];
  resourceTypes: { type: string; parent: string | null; name: Localized }[];
}

/** A Smart Service a member may enter (the web UI's navigation). */
export interface EntryView {
  slug: string;
  name: Localized;
  url: string;
  hasIcon: boolean;
}

export interface PermissionView {
  key: string;
  service: string;
  label: Localized;
  description: Localized;
  resourceType: string | null;
  deviceScoped: boolean;
  deprecated?: true;
}

/** JSON with object keys sorted: what comes back from a jsonb column has its keys in jsonb's order. */
const canonical = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(canonical).join(',')}]`
    : v !== null && typeof v === 'object'
      ? `{${Object.keys(v)
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(v);
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** What a manifest changes against the catalog as it is (`before` undefined: a new service). */
function diff(
  before: ServiceRecord | undefined,
  current: CatalogPermission[],
  next: Manifest,
  types: Map<string, unknown>,
): ManifestChanges {
  const changes: ManifestChanges = {
    permissions: { added: [], changed: [], deprecated: [], restored: [] },
    resourceTypes: { added: [], changed: [], removed: [] },
  };
  if (before && !same(before.name, next.name)) changes.name = { before: before.name, after: next.name };
  if (before && (before.url ?? null) !== (next.url ?? null)) changes.url = { before: before.url, after: next.url ?? null };
  const mine = new Map(current.filter((p) => p.service === next.service).map((p) => [p.key, p]));
  const nextKeys = new Set<string>();
  for (const p of next.permissions) {
    const key = permissionKey(next.service, p.action);
    nextKeys.add(key);
    const was = mine.get(key);
    if (!was) changes.permissions.added.push(key);
    else if (was.deprecated) changes.permissions.restored.push(key);
    else if (
      !same(was.label, p.label) ||
      !same(was.description, p.description) ||
      was.resourceType !== storedResourceType(next.service, p.resourceType)
    )
      changes.permissions.changed.push(key);
  }
  for (const [key, p] of mine) if (!p.deprecated && !nextKeys.has(key)) changes.permissions.deprecated.push(key);
  // Roles named by a kept permission can change too: compare with the manifest last applied.
  const oldRoles = new Map((before?.manifest.permissions ?? []).map((p) => [permissionKey(next.service, p.action), p.roles.join()]));
  for (const p of next.permissions) {
    const key = permissionKey(next.service, p.action);
    if (oldRoles.has(key) && oldRoles.get(key) !== p.roles.join() && !changes.permissions.changed.includes(key) && mine.has(key))
      changes.permissions.changed.push(key);
  }
  const nextTypes = new Map(next.resourceTypes.map((t) => [qualifiedType(next.service, t.type), t]));
  for (const [type, t] of nextTypes) {
    const was = types.get(type);
    if (!was) changes.resourceTypes.added.push(type);
    else if (!same(was, { parent: t.parent ? qualifiedType(next.service, t.parent) : null, name: t.name }))
      changes.resourceTypes.changed.push(type);
  }
  for (const type of types.keys()) if (!nextTypes.has(type)) changes.resourceTypes.removed.push(type);
  return changes;
}

const isEmpty = (c: ManifestChanges) =>
  !c.name &&
  !c.url &&
  !c.icon &&
  Object.values(c.permissions).every((l) => l.length === 0) &&
  Object.values(c.resourceTypes).every((l) => l.length === 0);

export function createServicesService(deps: {
  store: Store;
  clock: Clock;
  random: Random;
  audit: AuditLog;
  serviceClients: ServiceClients;
}) {
  const { store, clock, audit } = deps;
  const { readOrganization } = organizationScope(store);

  /** A manifest checked (parseManifest) and its icon sanitised: what `applyManifest` takes. */
  async function readManifest(input: unknown): Promise<Manifest> {
    const manifest = parseManifest(input);
    return manifest.icon === undefined ? manifest : { ...manifest, icon: await sanitiseIcon(manifest.icon) };
  }

  /**
   * Writes a manifest (as `readManifest` returns it: its icon sanitised) in the caller's transaction. `builtIn`: shipped with Gatehouse (start-up);
   * otherwise the service owns its manifest from now on. An unchanged manifest writes nothing.
   */
  async function applyManifest(tx: Tx, manifest: Manifest, options: { builtIn: boolean; position?: number }) {
    await tx.services.lockCatalog();
    const now = clock.now();
    const before = await tx.services.find(manifest.service);
    if (!before && (await tx.services.list()).length >= MANIFEST_LIMITS.services)
      fail('service.limit_exceeded', { publicDetail: `Gatehouse holds at most ${MANIFEST_LIMITS.services} services.` });
    // Gatehouse checks its own permissions in its code: a manifest may not take one away.
    const own = GATEHOUSE_PERMISSIONS.filter((k) => k.startsWith(`${manifest.service}:`));
    const offered = new Set(manifest.permissions.map((p) => permissionKey(manifest.service, p.action)));
    const dropped = own.filter((k) => !offered.has(k));
    if (dropped.length > 0)
      fail('service.manifest_invalid', {
        errors: dropped.map((k) => ({
          field: '/permissions',
          rule: 'own_permission',
          message: `"${k}" is checked by Gatehouse itself and cannot be left out`,
        })),
      });
    const catalog = await tx.services.permissions();
    const types = new Map(
      (await tx.services.resourceTypes())
        .filter((t) => t.service === manifest.service)
        .map((t) => [t.type, { parent: t.parent, name: t.name }]),
    );
    const { icon = null, ...kept } = manifest;
    const changes = diff(before, catalog, kept, types);
    const iconBefore = before?.hasIcon ? ((await tx.services.icon(manifest.service)) ?? null) : null;
    if (before && iconBefore !== icon) changes.icon = iconBefore === null ? 'added' : icon === null ? 'removed' : 'changed';
    const takeOver = before?.builtIn && !options.builtIn;
    if (before && isEmpty(changes) && !takeOver && same(before.manifest, kept))
      return { service: manifest.service, version: before.version, changes, created: false };

    const inUse = await tx.services.typesInUse(changes.resourceTypes.removed);
    if (inUse.length > 0)
      fail('service.type_in_use', { publicDetail: `Resources of ${inUse.join(', ')} exist: delete them before leaving the type out.` });

    const version = before ? before.version + (isEmpty(changes) ? 0 : 1) : 1;
    await tx.services.save(
      {
        slug: manifest.service,
        name: manifest.name,
        url: manifest.url ?? null,
        icon,
        manifest: kept,
        version,
        builtIn: options.builtIn,
        ...(options.position !== undefined ? { position: options.position } : {}),
      },
      now,
    );
    await tx.services.saveResourceTypes(
      manifest.service,
      manifest.resourceTypes.map((t) => ({
        type: qualifiedType(manifest.service, t.type),
        parent: t.parent ? qualifiedType(manifest.service, t.parent) : null,
        name: t.name,
      })),
      now,
    );
    await tx.services.savePermissions(
      manifest.service,
      manifest.permissions.map((p) => ({
        key: permissionKey(manifest.service, p.action),
        label: p.label,
        description: p.description,
        resourceType: storedResourceType(manifest.service, p.resourceType),
      })),
      now,
    );
    // The built-in roles hold what the manifest names (custom roles never gain by a manifest).
    for (const role of BUILT_IN_ROLE_IDS)
      await tx.services.setBuiltInGrants(
        role,
        manifest.service,
        manifest.permissions.filter((p) => p.roles.includes(role)).map((p) => permissionKey(manifest.service, p.action)),
      );
    if (!isEmpty(changes) || !before) {
      await audit.record(tx, null, {
        orgId: PLATFORM_AUDIT_ORG,
        action: 'service.manifest_changed',
        target: { type: 'service', id: manifest.service },
        details: { version, builtIn: options.builtIn, changes },
      });
      // The platform's event (no organization): every service hears of it, as of every event — a
      // deprecated permission or a built-in role's changed grants change answers in every
      // organization, so a decision cache drops all it holds. Keys and types only.
      tx.changed.event(null, 'service.manifest_changed', {
        service: manifest.service,
        version,
        permissionsAdded: changes.permissions.added,
        permissionsChanged: changes.permissions.changed,
        permissionsDeprecated: changes.permissions.deprecated,
        permissionsRestored: changes.permissions.restored,
        resourceTypesAdded: changes.resourceTypes.added,
        resourceTypesChanged: changes.resourceTypes.changed,
        resourceTypesRemoved: changes.resourceTypes.removed,
      });
    }
    tx.changed.catalog();
    return { service: manifest.service, version, changes, created: !before };
  }

  return {
    applyManifest,

    /**
     * The operator's `gatehouse service register`: creates or updates the service; a service
     * without a key of its own (a new one, or a shipped one taking its manifest over) gets its
     * first key (shown once, stored hashed), so it can PUT its manifest from then on.
     */
    async register(input: unknown) {
      const manifest = await readManifest(input);
      return store.transaction(async (tx) => {
        const result = await applyManifest(tx, manifest, { builtIn: false });
        const key = (await tx.serviceClients.hasActiveKey(manifest.service))
          ? undefined
          : await deps.serviceClients.createIn(tx, manifest.name.en.slice(0, 100), manifest.service);
        return { ...result, ...(key ? { client: key } : {}) };
      });
    },

    /** `PUT /services/{slug}/manifest` with the service's own key. */
    async putManifest(caller: { clientId: string; service: string | null }, slug: string, input: unknown) {
      if (caller.service !== slug)
        fail('service.forbidden', {
          detail: `client ${caller.clientId} (service ${caller.service ?? 'none'}) wrote the manifest of ${slug}`,
          publicDetail: "Only the service's own key may change its manifest.",
        });
      const manifest = await readManifest(input);
      if (manifest.service !== slug)
        fail('service.manifest_invalid', {
          errors: [{ field: '/service', rule: 'const', message: `must be "${slug}", the service of the path` }],
        });
      const { service, version, changes } = await store.transaction((tx) => applyManifest(tx, manifest, { builtIn: false }));
      return { service, version, changes };
    },

    /** At every start: the shipped manifests, in their order, for each service still `built_in` (or new). */
    async applyShipped(manifests: readonly unknown[]) {
      const read = await Promise.all(manifests.map(readManifest));
      return store.transaction(async (tx) => {
        await tx.services.lockCatalog();
        const applied: string[] = [];
        for (const [position, manifest] of read.entries()) {
          const existing = await tx.services.find(manifest.service);
          if (existing && !existing.builtIn) continue;
          await applyManifest(tx, manifest, { builtIn: true, position });
          applied.push(manifest.service);
        }
        const active = new Set((await tx.services.permissions()).filter((p) => !p.deprecated).map((p) => p.key));
        const missing = missingOwnPermissions(active);
        if (missing.length > 0) throw new Error(`the catalog lacks permissions Gatehouse checks: ${missing.join(', ')}`);
        return applied;
      });
    },

    /** GET /services: every service with its permissions (deprecated ones flagged) and resource types. */
    async list(): Promise<ServiceView[]> {
      const [services, permissions, types] = await Promise.all([
        store.repos.services.list(),
        store.repos.services.permissions(),
        store.repos.services.resourceTypes(),
      ]);
      return services.map((s) => ({
        slug: s.slug,
        name: s.name,
        ...(s.url ? { url: s.url } : {}),
        version: s.version,
        builtIn: s.builtIn,
        permissions: permissions
          .filter((p) => p.service === s.slug)
          .map(({ key, label, description, resourceType, deprecated }) => ({ key, label, description, resourceType, deprecated })),
        resourceTypes: types.filter((t) => t.service === s.slug).map(({ type, parent, name }) => ({ type, parent, name })),
      }));
    },

    /**
     * The Smart Services `actor` may enter in `orgId` (the web UI's navigation): those with an entry
     * page whose `<slug>:access` permission is active and held by the caller's role there. A service
     * without a `url` has nowhere to go, so it is not listed. Any member may ask (about themself).
     */
    async entries(actor: Actor, orgId: string): Promise<EntryView[]> {
      return readOrganization(actor, orgId, 'member', async (repos, me) => {
        const [services, permissions] = await Promise.all([repos.services.list(), repos.services.permissions()]);
        const active = new Set(permissions.filter((p) => !p.deprecated).map((p) => p.key));
        return services.flatMap((s) => {
          const access = permissionKey(s.slug, 'access');
          return s.url && active.has(access) && me.permissions.has(access)
            ? [{ slug: s.slug, name: s.name, url: s.url, hasIcon: s.hasIcon }]
            : [];
        });
      });
    },

    /** GET /services/{slug}/icon: the sanitised SVG, or 404. */
    async icon(slug: string): Promise<string> {
      return (await store.repos.services.icon(slug)) ?? fail('service.icon_not_found', { detail: `service=${slug}` });
    },

    /** GET /permissions: the catalog, every service's, deprecated permissions flagged. */
    async catalog(): Promise<PermissionView[]> {
      return (await store.repos.services.permissions()).map((p) => ({
        key: p.key,
        service: p.service,
        label: p.label,
        description: p.description,
        resourceType: p.resourceType,
        deviceScoped: p.resourceType === DEVICE_TYPE,
        ...(p.deprecated ? { deprecated: true as const } : {}),
      }));
    },
  };
}
