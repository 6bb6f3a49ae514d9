// A Smart Service's resource types and resources, as the member page and the invite dialog need
// them: the types (every type a member's access lists), the caller's own access (what they may
// give), and every resource the caller reaches (the list answers with exactly those).
import { api, ok } from '../../api/client.js';
import type { Answer, Page } from '../../api/types.js';
import { useMemo } from 'react';
import { useQuery } from '../../api/use-query.js';

export type Resource = Answer<'/orgs/{orgId}/resources', 'get'>['items'][number];
export type AccessByType = Answer<'/orgs/{orgId}/members/{userId}/access', 'get'>;
export type TypeAccess = AccessByType[string];

/** Every resource the caller may see (paged through). */
async function loadAllResources(orgId: string, signal?: AbortSignal): Promise<Resource[]> {
  const all: Resource[] = [];
  let cursor: string | undefined;
  do {
    const page: Page<Resource> = await ok(
      api.GET('/orgs/{orgId}/resources', { params: { path: { orgId }, query: { limit: 200, cursor } }, signal }),
    );
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < 5000);
  return all;
}

export function useResources(orgId: string, enabled = true) {
  const query = useQuery(enabled ? `all-resources ${orgId}` : null, (signal) => loadAllResources(orgId, signal));
  return { resources: query.data, error: query.error };
}

/** A member's access per type (`device` first); also what lists the registered types. */
export function useAccess(orgId: string, userId: string, enabled = true) {
  const query = useQuery(enabled ? `access ${orgId} ${userId}` : null, (signal) =>
    ok(api.GET('/orgs/{orgId}/members/{userId}/access', { params: { path: { orgId, userId } }, signal })),
  );
  return { access: query.data, error: query.error, reload: query.reload };
}

/** The resource types' names for people, by type (`<slug>:<type>`), from the manifests (GET /services). */
export function useTypeNames(): Record<string, { en: string; de?: string }> | undefined {
  const query = useQuery('services', (signal) => ok(api.GET('/services', { signal })));
  return useMemo(
    () => (query.data ? Object.fromEntries(query.data.flatMap((s) => s.resourceTypes.map((t) => [t.type, t.name]))) : undefined),
    [query.data],
  );
}

/** The resource types of an access answer, without Gatehouse's own `device`, in the order given. */
export const resourceTypesOf = (access: AccessByType | undefined) => Object.keys(access ?? {}).filter((t) => t !== 'device');

/**
 * A type's name for people. The services' names in English and German come with GET /services
 * (the manifests); until it is there, the type key: `tsd:dashboard-group` → "Dashboard group (tsd)".
 */
export function typeLabel(type: string, names?: Record<string, { en: string; de?: string }>, lang: 'en' | 'de' = 'en'): string {
  const named = names?.[type];
  if (named) return (lang === 'de' ? named.de : undefined) ?? named.en;
  const [service, local = type] = type.split(':');
  const words = local.replace(/-/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)} (${service})`;
}
