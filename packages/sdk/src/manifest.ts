// Permission keys typed from a service's manifest: import the manifest `as const` (or with
// `resolveJsonModule` and a `satisfies`), and `PermissionOf<typeof manifest>` is the union of its
// keys, so a misspelt permission does not compile.

export interface ManifestShape {
  readonly service: string;
  readonly permissions: readonly { readonly action: string }[];
}

export type PermissionOf<M extends ManifestShape> = `${M['service']}:${M['permissions'][number]['action']}`;

/** The keys of a manifest at run time, in its order (for a UI, or to check a key before asking). */
export function permissionKeys<const M extends ManifestShape>(manifest: M): PermissionOf<M>[] {
  return manifest.permissions.map((p) => `${manifest.service}:${p.action}` as PermissionOf<M>);
}
