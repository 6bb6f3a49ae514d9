// Devices of an organization, registered by the hardware UUID printed on the housing, and each
// member's device access. Admins reach every device; any other member has `allDevices` or an
// explicit set. A device another member may not reach does not exist for them (404), as in the list.
import { hashSecret, newId, newSecret, type Clock, type Random } from '../clock-random.js';
import { fail, type FieldProblem } from '../errors.js';
import { requireCanActOnRole } from '../authz/authz.js';
import { organizationScope } from '../authz/in-organization.js';
import type { Permission } from '../authz/permissions.js';
import type { MemberAccess } from '../organizations/ports.js';
import type { Repos, Store, Tx } from '../store.js';
import type { DeviceRecord } from './ports.js';
import type { AuditLog } from '../audit/audit.js';
import type { Actor } from '../actor.js';
import { decodeCursor, pageOf, type Page } from '../pagination.js';
import { deviceAccessOf, reachOf } from './device-access.js';
import { requireCanGrantDevices } from '../authz/delegation.js';

export type DevicesService = ReturnType<typeof createDevicesService>;

export interface DevicesDeps {
  store: Store;
  clock: Clock;
  random: Random;
  audit: AuditLog;
}

export interface DeviceInput {
  uuid: string;
  name: string;
  location?: string | null | undefined;
  tags?: string[] | undefined;
  description?: string | null | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** RFC 4122 text form, any case, surrounding spaces dropped; stored and compared lower-case. */
function normalizeDeviceUuid(raw: string): string | undefined {
  const uuid = raw.trim().toLowerCase();
  return UUID.test(uuid) ? uuid : undefined;
}

/** Tags: trimmed, lower-case, each once, in the order given. */
const normalizeTags = (tags: readonly string[]) => [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];

const canReachEveryDevice = (m: MemberAccess) => m.isAdmin || m.allDevices;

export function createDevicesService(deps: DevicesDeps) {
  const { store, clock, random, audit } = deps;
  const { inOrganization, readOrganization } = organizationScope(store);

  /** The device, if it is in this organization and the caller may reach it; else 404. */
  async function getReachable(repos: Repos, me: MemberAccess, deviceId: string): Promise<DeviceRecord> {
    const device = await repos.devices.find(me.orgId, deviceId);
    if (!device || (!canReachEveryDevice(me) && !(await repos.memberships.hasDevice(me.orgId, me.userId, deviceId)))) {
      return fail('device.not_found', { detail: `org=${me.orgId} device=${deviceId}` });
    }
    return device;
  }

  /** A change to one device the caller may reach. */
  function changeDevice<T>(
    actor: Actor,
    orgId: string,
    deviceId: string,
    permission: Permission,
    fn: (tx: Tx, device: DeviceRecord, now: Date) => Promise<T>,
  ) {
    const now = clock.now();
    return inOrganization(actor, orgId, permission, async (tx, me) => fn(tx, await getReachable(tx, me, deviceId), now));
  }

  return {
    add(actor: Actor, orgId: string, input: DeviceInput) {
      const now = clock.now();
      const uuid =
        normalizeDeviceUuid(input.uuid) ??
        fail('request.invalid', {
          errors: [
            { field: '/uuid', rule: 'format', message: 'Enter the UUID printed on the device, like 123e4567-e89b-12d3-a456-426614174000.' },
          ],
        });
      return inOrganization(actor, orgId, 'device-management:devices.add', async (tx, me) => {
        const token = newSecret(random);
        const device: DeviceRecord = {
          id: newId('dev', clock, random),
          orgId,
          uuid,
          name: input.name.trim(),
          location: input.location?.trim() || null,
          tags: normalizeTags(input.tags ?? []),
          description: input.description?.trim() || null,
          createdAt: now,
          updatedAt: now,
        };
        if (!(await tx.devices.insert({ ...device, tokenHash: hashSecret(token), createdBy: actor.userId })))
          fail('device.already_registered');
        tx.changed.authz(orgId, { kind: 'device_added', deviceId: device.id });
        tx.changed.event(orgId, 'device.added', { deviceId: device.id });
        // Whoever adds a device may reach it (the seed: otherwise a non-admin could not see what they added).
        if (!canReachEveryDevice(me)) {
          await tx.memberships.grantDevices(orgId, actor.userId, [device.id]);
          tx.changed.authz(orgId, { kind: 'grant', userId: actor.userId, deviceIds: [device.id] });
          tx.changed.event(orgId, 'member.access_changed', { userId: actor.userId, type: 'device' });
        }
        await audit.record(
          tx,
          actor,
          { orgId, action: 'device.added', target: { type: 'device', id: device.id }, after: { uuid, name: device.name } },
          now,
        );
        return { device, deviceToken: token };
      });
    },

    list: (
      actor: Actor,
      orgId: string,
      query: { q?: string | undefined; tag?: string | undefined; limit: number; cursor?: string | undefined },
    ): Promise<Page<DeviceRecord>> =>
      readOrganization(actor, orgId, 'device-management:devices.view', async (repos, me) => {
        const after = decodeCursor(query.cursor, ['k', 'id'] as const);
        const rows = await repos.devices.list(orgId, {
          q: query.q?.trim() || undefined,
          tag: query.tag?.trim().toLowerCase() || undefined,
          onlyFor: canReachEveryDevice(me) ? undefined : actor.userId,
          after: after && { key: after.k, id: after.id },
          limit: query.limit + 1,
        });
        return pageOf(
          rows,
          query.limit,
          ({ sortKey: _, ...d }) => d,
          (d) => ({ k: d.sortKey, id: d.id }),
        );
      }),

    get: (actor: Actor, orgId: string, deviceId: string) =>
      readOrganization(actor, orgId, 'device-management:devices.view', (repos, me) => getReachable(repos, me, deviceId)),

    update: (actor: Actor, orgId: string, deviceId: string, patch: Partial<Omit<DeviceInput, 'uuid'>>) =>
      changeDevice(actor, orgId, deviceId, 'device-management:devices.edit', async (tx, device, now) => {
        const after: DeviceRecord = {
          ...device,
          name: patch.name?.trim() ?? device.name,
          location: patch.location === undefined ? device.location : patch.location?.trim() || null,
          tags: patch.tags === undefined ? device.tags : normalizeTags(patch.tags),
          description: patch.description === undefined ? device.description : patch.description?.trim() || null,
          updatedAt: now,
        };
        await tx.devices.update(after);
        const fields = (d: DeviceRecord) => ({ name: d.name, location: d.location, tags: d.tags, description: d.description });
        await audit.record(
          tx,
          actor,
          { orgId, action: 'device.changed', target: { type: 'device', id: deviceId }, before: fields(device), after: fields(after) },
          now,
        );
        return after;
      }),

    delete: (actor: Actor, orgId: string, deviceId: string) =>
      changeDevice(actor, orgId, deviceId, 'device-management:devices.delete', async (tx, device, now) => {
        await tx.devices.delete(orgId, deviceId);
        tx.changed.authz(orgId, { kind: 'device_removed', deviceId });
        tx.changed.event(orgId, 'device.deleted', { deviceId });
        await audit.record(
          tx,
          actor,
          { orgId, action: 'device.deleted', target: { type: 'device', id: deviceId }, before: { uuid: device.uuid, name: device.name } },
          now,
        );
      }),

    resetToken: (actor: Actor, orgId: string, deviceId: string) =>
      changeDevice(actor, orgId, deviceId, 'device-management:devices.reset-token', async (tx, _device, now) => {
        const token = newSecret(random);
        await tx.devices.setToken(orgId, deviceId, hashSecret(token), now);
        await audit.record(tx, actor, { orgId, action: 'device.token_reset', target: { type: 'device', id: deviceId } }, now);
        return { deviceToken: token };
      }),

    /** A member's device access; members may read their own. */
    getAccess: (actor: Actor, orgId: string, userId: string) =>
      readOrganization(actor, orgId, userId === actor.userId ? 'member' : 'user-management:access', async (repos) => {
        const target = (await repos.memberships.findAccess(orgId, userId)) ?? fail('member.not_found');
        return deviceAccessOf(repos, orgId, target);
      }),

    /**
     * Replaces a member's device access. Admins always have every device (409). The role rule and
     * the device rule of delegation (authz/delegation.ts) apply: 403 for either.
     */
    setAccess(actor: Actor, orgId: string, userId: string, input: { allDevices: boolean; deviceIds: string[] }) {
      const now = clock.now();
      const deviceIds = [...new Set(input.deviceIds)];
      return inOrganization(actor, orgId, 'user-management:users.device-access', async (tx, me) => {
        const target = (await tx.memberships.findAccess(orgId, userId)) ?? fail('member.not_found');
        if (target.isAdmin) fail('member.admin_all_devices');
        requireCanActOnRole(me, { id: target.roleId, permissions: [...target.permissions] }, 'change device access of');
        const known = new Set(await tx.devices.existing(orgId, deviceIds));
        const errors: FieldProblem[] = input.deviceIds.flatMap((id, i) =>
          known.has(id) ? [] : [{ field: `/deviceIds/${i}`, rule: 'device', message: 'No such device in this organization.' }],
        );
        if (errors.length > 0) fail('request.invalid', { errors });
        const before = { allDevices: target.allDevices, deviceIds: await tx.memberships.deviceIdsOf(orgId, userId) };
        const after = { allDevices: input.allDevices, deviceIds: input.allDevices ? [] : deviceIds };
        // Nobody widens device access beyond their own, nor changes their own (authz/delegation.ts).
        requireCanGrantDevices(me, await reachOf(tx, me), { userId, before }, after);
        await tx.memberships.setDeviceAccess(orgId, userId, after.allDevices, after.deviceIds);
        tx.changed.authz(orgId, { kind: 'device_access', userId, ...after });
        tx.changed.event(orgId, 'member.access_changed', { userId, type: 'device' });
        await audit.record(
          tx,
          actor,
          { orgId, action: 'member.device_access_changed', target: { type: 'member', id: userId }, before, after },
          now,
        );
        return after;
      });
    },
  };
}
