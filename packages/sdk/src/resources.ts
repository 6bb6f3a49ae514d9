// The service's own objects in Gatehouse (resources) and the question "which of them does this
// member reach?" (shared/spec/PLATFORM.md "Resources", "The question"). Writes return the
// `Gatehouse-Revision` of the change: pass it as `atLeastRevision` to a check (or the decision cache)
// that must see the change on whichever instance answers.
import type { paths } from './schema.js';

type ResourcePath = paths['/api/v1/orgs/{orgId}/resources/{type}/{externalId}'];
type AccessiblePath = paths['/api/v1/authz/accessible-resources']['post'];

/** `{name, parent?: {type, externalId}, createdBy?}` */
export type ResourceBody = NonNullable<ResourcePath['put']['requestBody']>['content']['application/json'];
/** `{id: 'res_…', type, externalId, name, parent}` */
export type Resource = ResourcePath['put']['responses'][200]['content']['application/json'];
/** `{userId, organizationId, type, permission?, limit?, atLeastRevision?}`: the pages come by themselves. */
export type AccessibleResourcesQuery = Omit<NonNullable<AccessiblePath['requestBody']>['content']['application/json'], 'cursor'>;
/** One page: `{all, items: [{id, externalId}], nextCursor, revision}`. */
export type AccessibleResourcesPage = AccessiblePath['responses'][200]['content']['application/json'];

/** The organization's revision after a write, from its `Gatehouse-Revision` header (undefined when absent). */
export function revisionOf(response: Response): number | undefined {
  const raw = response.headers.get('gatehouse-revision');
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
}
