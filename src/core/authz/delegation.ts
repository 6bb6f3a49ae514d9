// Delegated administration: what a member may hand on. `canActOnRole` (authz.ts) is the rule for
// roles; this is the same rule for device access, used wherever device access is given (a member's
// device access, an invitation's device grants, and again when an invitation is resent or accepted):
//   1. nobody grants device access they do not have themselves: every device they add to someone
//      is one they reach;
//   2. `allDevices` only from an Admin or from someone who has all devices;
//   3. nobody but an Admin changes their own device access (an Admin's own is always "all").
// Taking access away is never refused by these rules (the role rule still applies: whoever may not
// act on a member's role may not touch their device access at all). Devices a member already has
// may be kept by whoever edits the set, even devices the editor cannot see: keeping is not giving.
import { fail } from '../errors.js';
import type { MemberAccess } from '../organizations/ports.js';
import { canActOnRole, requireCanActOnRole } from './authz.js';

export interface DeviceGrant {
  allDevices: boolean;
  deviceIds: readonly string[];
}

/** What the granting member reaches: every device, or exactly this set. */
export interface Reach {
  allDevices: boolean;
  deviceIds: ReadonlySet<string>;
}

export type DeviceGrantRefusal = { reason: 'own_access' } | { reason: 'all_devices' } | { reason: 'devices'; deviceIds: string[] };

const NO_DEVICES: DeviceGrant = { allDevices: false, deviceIds: [] };

/**
 * Why `actor` (reaching `reach`) may not move `target` from `before` to `after`, or `undefined`
 * when they may. `target.userId` is absent for an invitation (nobody holds it yet). Pure.
 */
export function deviceGrantRefusal(
  actor: Pick<MemberAccess, 'userId' | 'isAdmin'>,
  reach: Reach,
  target: { userId?: string | undefined; before: DeviceGrant },
  after: DeviceGrant,
): DeviceGrantRefusal | undefined {
  if (actor.isAdmin) return undefined;
  if (target.userId === actor.userId) return { reason: 'own_access' };
  if (after.allDevices && !target.before.allDevices && !reach.allDevices) return { reason: 'all_devices' };
  if (after.allDevices || target.before.allDevices || reach.allDevices) return undefined;
  const had = new Set(target.before.deviceIds);
  const beyond = [...new Set(after.deviceIds)].filter((id) => !had.has(id) && !reach.deviceIds.has(id));
  return beyond.length > 0 ? { reason: 'devices', deviceIds: beyond } : undefined;
}

const PUBLIC: Record<DeviceGrantRefusal['reason'], string> = {
  own_access: 'Only an Admin can change their own device access.',
  all_devices: 'Only an Admin or a member with access to all devices can grant access to all devices.',
  devices: 'You cannot grant access to a device you cannot access yourself.',
};

/** 403 `authz.device_escalation` when `deviceGrantRefusal` refuses. */
export function requireCanGrantDevices(...args: Parameters<typeof deviceGrantRefusal>) {
  const refusal = deviceGrantRefusal(...args);
  if (!refusal) return;
  const [actor, , target] = args;
  fail('authz.device_escalation', {
    detail: `user=${actor.userId} device grant refused: ${refusal.reason}${refusal.reason === 'devices' ? ` ${refusal.deviceIds.join(',')}` : ''} target=${target.userId ?? 'invitation'}`,
    publicDetail: PUBLIC[refusal.reason],
  });
}

export type InvitationRefusal = { reason: 'invite' } | { reason: 'role' } | { reason: 'device_permission' } | DeviceGrantRefusal;

/**
 * Whether `sender` could send an invitation with this role and these device grants now: the
 * permission to invite, the role rule (`canActOnRole`), the permission to set device access when the
 * invitation grants any, and the device rule. Used when an invitation is sent, resent (by whoever
 * resends) and accepted (for its inviter, as they are at that moment). Pure.
 */
export function invitationRefusal(
  sender: MemberAccess,
  reach: Reach,
  role: { id: string; permissions: readonly string[] },
  grant: DeviceGrant,
): InvitationRefusal | undefined {
  if (!sender.permissions.has('user-management:users.invite')) return { reason: 'invite' };
  if (!canActOnRole(sender, role)) return { reason: 'role' };
  if (!grant.allDevices && grant.deviceIds.length === 0) return undefined;
  if (!sender.permissions.has('user-management:users.device-access')) return { reason: 'device_permission' };
  return deviceGrantRefusal(sender, reach, { before: NO_DEVICES }, grant);
}

/** The sender's own refusal as the API answers it (403 `authz.forbidden`, `authz.escalation`, `authz.device_escalation`). */
export function requireCanSendInvitation(
  sender: MemberAccess,
  reach: Reach,
  role: { id: string; permissions: readonly string[] },
  grant: DeviceGrant,
) {
  const refusal = invitationRefusal(sender, reach, role, grant);
  if (!refusal) return;
  switch (refusal.reason) {
    case 'invite':
      return fail('authz.forbidden', { detail: `user=${sender.userId} needs=user-management:users.invite` });
    case 'role':
      return requireCanActOnRole(sender, role, 'invite as');
    case 'device_permission':
      return fail('authz.escalation', {
        detail: 'device access without users.device-access',
        publicDetail: 'Setting device access needs the permission to change device access.',
      });
    default:
      return requireCanGrantDevices(sender, reach, { before: NO_DEVICES }, grant);
  }
}
