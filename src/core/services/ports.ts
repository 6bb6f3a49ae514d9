// What the services' use cases need of the store: the `services` rows, and the catalog rows a
// manifest becomes (`permissions`, `resource_types`, the built-in roles' `role_permissions`).
import type { Localized } from '../locale.js';
import type { BuiltInRoleId } from '../authz/permissions.js';
import type { Manifest } from './manifest.js';

export interface ServiceRecord {
  slug: string;
  name: Localized;
  url: string | null;
  /** The manifest as applied, without its icon (which is the `icon` of `save`, sanitised, read by `icon`). */
  manifest: Manifest;
  hasIcon: boolean;
  version: number;
  /** Shipped with Gatehouse and still applied at every start (false once the service took its manifest over). */
  builtIn: boolean;
  position: number;
}

/** One row of the catalog. `resourceType`: `device`, `<slug>:<type>` or null. */
export interface CatalogPermission {
  key: string;
  service: string;
  label: Localized;
  description: Localized;
  resourceType: string | null;
  deprecated: boolean;
}

export interface CatalogResourceType {
  /** `<slug>:<type>`. */
  type: string;
  service: string;
  parent: string | null;
  name: Localized;
}

export interface ServicesRepo {
  /** Serialises every manifest write (and start-up's) for the rest of the transaction. */
  lockCatalog(): Promise<void>;
  find(slug: string): Promise<ServiceRecord | undefined>;
  /** Every service, in position order. */
  list(): Promise<ServiceRecord[]>;
  save(s: Omit<ServiceRecord, 'position' | 'hasIcon'> & { position?: number; icon: string | null }, now: Date): Promise<void>;
  /** The service's sanitised SVG icon, if it has one. */
  icon(slug: string): Promise<string | undefined>;
  /** Every permission (deprecated ones too), by service position then manifest position. */
  permissions(): Promise<CatalogPermission[]>;
  resourceTypes(): Promise<CatalogResourceType[]>;
  /** Writes a service's active permissions in manifest order; any of its others become deprecated (once). */
  savePermissions(
    service: string,
    rows: readonly { key: string; label: Localized; description: Localized; resourceType: string | null }[],
    now: Date,
  ): Promise<void>;
  /** Makes the built-in role hold exactly `keys` among `service`'s permissions. */
  setBuiltInGrants(role: BuiltInRoleId, service: string, keys: readonly string[]): Promise<void>;
  /** Writes a service's resource types (parents before children) and deletes the ones left out. */
  saveResourceTypes(service: string, rows: readonly { type: string; parent: string | null; name: Localized }[], now: Date): Promise<void>;
  /** Which of these types have resources in some organization. */
  typesInUse(types: readonly string[]): Promise<string[]>;
}
