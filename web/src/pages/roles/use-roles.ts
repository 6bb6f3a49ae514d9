// The organization's roles (built-in and custom, with how many members hold each), for every page
// that lists or offers roles.
import { api, ok } from '../../api/client.js';
import type { Role } from '../../api/types.js';
import { useQuery } from '../../api/use-query.js';

export function useRoles(orgId: string) {
  const query = useQuery<Role[]>(`roles ${orgId}`, (signal) => ok(api.GET('/orgs/{orgId}/roles', { params: { path: { orgId } }, signal })));
  return { roles: query.data, error: query.error, loading: query.loading, reload: query.reload };
}
