// The answer to the Smart Services' one question — may this user, in this organization, do this, on
// this device? — from an in-memory index of one organization: its members (role, all-devices flag,
// device set), its roles' permissions and its devices. `decide` is pure and synchronous; the
// engine (authz-engine.ts) keeps one index per organization exact.
import { CATALOG } from './permissions.js';

// Permissions as bits: the catalog's position of each key. 60 keys fit in two 31-bit halves, so a
// member's role is two small integers on the member itself — no pointer to chase, no second lookup.
const BIT = new Map<string, number>(CATALOG.map((e, i) => [e.key, i]));
if (CATALOG.length > 62) throw new Error('the permission mask holds 62 permissions; widen it');

/** A set of permissions as two 31-bit halves (bits 0–30 in `lo`, 31–61 in `hi`). */
export interface PermissionMask {
  lo: number;
  hi: number;
}

export function permissionMask(keys: Iterable<string>): PermissionMask {
  let lo = 0;
  let hi = 0;
  for (const key of keys) {
    const bit = BIT.get(key);
    if (bit === undefined) continue;
    if (bit < 31) lo |= 1 << bit;
    else hi |= 1 << (bit - 31);
  }
  return { lo, hi };
}

const hasBit = (mask: PermissionMask, bit: number) => (bit < 31 ? (mask.lo >>> bit) & 1 : (mask.hi >>> (bit - 31)) & 1) === 1;
const DEVICE_SCOPED = permissionMask(CATALOG.filter((e) => e.deviceScoped).map((e) => e.key));

export type CheckReason =
  | 'granted'
  | 'not_member'
  | 'permission_denied'
  | 'device_denied'
  | 'unknown_permission'
  | 'unknown_device'
  | 'mfa_required';

export interface CheckResult {
  allowed: boolean;
  reason: CheckReason;
}

export interface IndexedMember extends PermissionMask {
  isAdmin: boolean;
  allDevices: boolean;
  /** The explicit device set; ignored for Admins and members with `allDevices`. */
  devices: ReadonlySet<string>;
  /** The member has a second factor enrolled (read only when the organization requires one). */
  hasFactor?: boolean;
}

export interface OrgIndex {
  orgId: string;
  /** `organizations.authz_version` when the index was read: raised once per committed transaction that changed it (see AuthzDelta). */
  version: number;
  members: ReadonlyMap<string, IndexedMember>;
  devices: ReadonlySet<string>;
  /**
   * The organization requires a second factor: a member without one is refused (`mfa_required`).
   * Turning it on or off reloads the index (members' `hasFactor` is read only while it is on).
   */
  requireMfa?: boolean;
}

/**
 * One change a transaction declared (`tx.changed.authz`), for the writing instance to apply in
 * place (no reload) when its index is exactly one version behind the committed transaction. A
 * transaction with any change lacking a delta makes the index reload.
 */
export type AuthzDelta =
  | { kind: 'device_access'; userId: string; allDevices: boolean; deviceIds: readonly string[] }
  | { kind: 'grant'; userId: string; deviceIds: readonly string[] }
  | { kind: 'device_added'; deviceId: string }
  | { kind: 'device_removed'; deviceId: string }
  | { kind: 'member_removed'; userId: string }
  | { kind: 'member_mfa'; userId: string; hasFactor: boolean };

/** Applies a delta to an index in place (the engine owns its indexes; nothing else holds them). */
export function applyDelta(index: OrgIndex, delta: AuthzDelta): void {
  const members = index.members as Map<string, IndexedMember>;
  const devices = index.devices as Set<string>;
  switch (delta.kind) {
    case 'device_access':
    case 'grant': {
      const m = members.get(delta.userId);
      if (!m) return;
      const set = delta.kind === 'grant' ? new Set([...m.devices, ...delta.deviceIds]) : new Set(delta.deviceIds);
      members.set(delta.userId, { ...m, allDevices: delta.kind === 'grant' ? m.allDevices : delta.allDevices, devices: set });
      return;
    }
    case 'device_added':
      devices.add(delta.deviceId);
      return;
    case 'device_removed':
      devices.delete(delta.deviceId);
      for (const [userId, m] of members)
        if (m.devices.has(delta.deviceId))
          members.set(userId, { ...m, devices: new Set([...m.devices].filter((d) => d !== delta.deviceId)) });
      return;
    case 'member_removed':
      members.delete(delta.userId);
      return;
    case 'member_mfa': {
      const m = members.get(delta.userId);
      if (m) members.set(delta.userId, { ...m, hasFactor: delta.hasFactor });
      return;
    }
  }
}

// Answers are constants: the hot path allocates nothing.
const GRANTED: CheckResult = Object.freeze({ allowed: true, reason: 'granted' });
const NOT_MEMBER: CheckResult = Object.freeze({ allowed: false, reason: 'not_member' });
const PERMISSION_DENIED: CheckResult = Object.freeze({ allowed: false, reason: 'permission_denied' });
const DEVICE_DENIED: CheckResult = Object.freeze({ allowed: false, reason: 'device_denied' });
const UNKNOWN_PERMISSION: CheckResult = Object.freeze({ allowed: false, reason: 'unknown_permission' });
const UNKNOWN_DEVICE: CheckResult = Object.freeze({ allowed: false, reason: 'unknown_device' });
const MFA_REQUIRED: CheckResult = Object.freeze({ allowed: false, reason: 'mfa_required' });

/**
 * The answer for someone known not to be a member (a signed-in user asking about an organization
 * that is not among their own): `not_member` whatever the device, so the answer says nothing about
 * the organization (whether it exists, which devices it has), and nothing needs loading.
 */
export function decideOutsider(permission: string): CheckResult {
  return BIT.has(permission) ? NOT_MEMBER : UNKNOWN_PERMISSION;
}

/**
 * allowed = the role holds the permission AND (no device named, or the permission is not
 * device-scoped, or the member is Admin, has all devices, or has this device). A device of another
 * organization, or none at all, is `unknown_device` — for members and non-members alike, checked
 * first, so the answer says nothing about other organizations. Device grants narrow, never widen.
 */
export function decide(index: OrgIndex | undefined, userId: string, permission: string, deviceId?: string): CheckResult {
  const bit = BIT.get(permission);
  if (bit === undefined) return UNKNOWN_PERMISSION;
  if (deviceId !== undefined && (index === undefined || !index.devices.has(deviceId))) return UNKNOWN_DEVICE;
  const member = index?.members.get(userId);
  if (member === undefined) return NOT_MEMBER;
  // The index knows the member, not the session: a member with no factor at all is refused.
  if (index!.requireMfa === true && member.hasFactor !== true) return MFA_REQUIRED;
  if (!hasBit(member, bit)) return PERMISSION_DENIED;
  if (deviceId === undefined || member.isAdmin || member.allDevices || !hasBit(DEVICE_SCOPED, bit)) return GRANTED;
  return member.devices.has(deviceId) ? GRANTED : DEVICE_DENIED;
}
