// An invitation's access per resource type (`access: {"<type>": {all, ids}}`, besides its
// `deviceAccess`): checked when it is sent, resent and accepted (for the inviter as they are then)
// by the same rules as a member's access (resource-access.service.ts), applied at acceptance.
import { fail, type FieldProblem } from '../errors.js';
import type { MemberAccess } from '../organizations/ports.js';
import type { Repos } from '../store.js';
import type { ResourceAccess } from './ports.js';
import { accessGrantRefusal, requireCanGrantAccess, reachFor, unknownResources } from './resource-access.service.js';

export type InvitationAccess = Record<string, ResourceAccess>;

/** Only the grants that give something (an empty set of a type is no grant). */
export const givenAccess = (access: InvitationAccess) =>
  Object.entries(access).filter(([, a]) => a.all || a.ids.length > 0) as [string, ResourceAccess][];

/** `request.invalid` naming each type that is not registered and each id that is not a resource of its type here. */
export async function requireKnownAccess(repos: Repos, orgId: string, access: InvitationAccess) {
  const types = new Set((await repos.resources.types()).map((t) => t.type));
  const errors: FieldProblem[] = [];
  for (const [type, a] of Object.entries(access)) {
    if (!types.has(type)) {
      errors.push({ field: `/access/${type}`, rule: 'type', message: 'No such resource type.' });
      continue;
    }
    if (!a.all) errors.push(...(await unknownResources(repos, orgId, type, a.ids, `/access/${type}/ids`)));
  }
  if (errors.length > 0) fail('request.invalid', { errors });
}

/** 403 when `sender` may not give this access (the permission to set access, then the rule per type). */
export async function requireCanGiveAccess(repos: Repos, sender: MemberAccess, access: InvitationAccess) {
  const given = givenAccess(access);
  if (given.length === 0) return;
  if (!sender.permissions.has('user-management:users.device-access'))
    fail('authz.escalation', {
      detail: 'resource access without users.device-access',
      publicDetail: 'Setting access needs the permission to change access.',
    });
  const types = await repos.resources.types();
  for (const [type, a] of given)
    requireCanGrantAccess(sender, await reachFor(repos, sender, types, type, a.ids), { before: { all: false, ids: [] } }, a, type);
}

/** Whether `sender` could give this access now (for an inviter at acceptance); no error. */
export async function canGiveAccess(repos: Repos, sender: MemberAccess, access: InvitationAccess): Promise<boolean> {
  const given = givenAccess(access);
  if (given.length === 0) return true;
  if (!sender.permissions.has('user-management:users.device-access')) return false;
  const types = await repos.resources.types();
  for (const [type, a] of given)
    if (accessGrantRefusal(sender, await reachFor(repos, sender, types, type, a.ids), { before: { all: false, ids: [] } }, a)) return false;
  return true;
}

/** Whether every type and resource the invitation names still exists. */
export async function accessStillExists(repos: Repos, orgId: string, access: InvitationAccess): Promise<boolean> {
  const types = new Set((await repos.resources.types()).map((t) => t.type));
  for (const [type, a] of givenAccess(access)) {
    if (!types.has(type)) return false;
    if (!a.all && (await unknownResources(repos, orgId, type, a.ids, '')).length > 0) return false;
  }
  return true;
}
