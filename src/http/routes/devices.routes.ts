import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { actorOf } from '../auth.js';
import { Cursor, DateTime, Id, Limit, NoContent, OrgParams, PageOf, PlainText, Strict, responses } from '../schemas.js';

const Device = Strict({
  id: Type.String(),
  uuid: Type.String({ description: 'The hardware UUID printed on the housing, lower-case.' }),
  name: Type.String(),
  location: Type.Union([Type.String(), Type.Null()]),
  tags: Type.Array(Type.String()),
  description: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  updatedAt: DateTime,
});
const DeviceParams = Strict({ orgId: Id('org'), deviceId: Id('dev') });
const Tags = Type.Array(PlainText(40), { maxItems: 20, description: 'Stored trimmed and lower-case, each once.' });
const Optional = (max: number) => Type.Optional(Type.Union([PlainText(max, { minLength: 0 }), Type.Null()]));
const Token = Strict({ deviceToken: Type.String({ description: 'Shown only in this answer: it cannot be read again later.' }) });
const MemberParams = Strict({ orgId: Id('org'), userId: Id('usr') });
const DeviceAccess = Strict({ allDevices: Type.Boolean(), deviceIds: Type.Array(Id('dev'), { maxItems: 10_000 }) });
const shownOnceNote =
  ' (with an `Idempotency-Key`, a retry does not get it again: it answers 409 `idempotency.secret_not_replayed`, the request applied once, with `location` where to read the device; for a token, reset it)';
const accessNote = 'A member who may not reach the device gets 404, as for a device that does not exist.';

export const devicesRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const tags = ['Devices and device access'];
  const needs = (
    requirement:
      | 'device-management:devices.add'
      | 'device-management:devices.view'
      | 'device-management:devices.edit'
      | 'device-management:devices.delete'
      | 'device-management:devices.reset-token',
  ) => ({ auth: 'user' as const, access: { requirement } });

  app.post(
    '/orgs/:orgId/devices',
    {
      config: {
        ...needs('device-management:devices.add'),
        idempotent: true,
        shownOnce: {
          fields: ['deviceToken'],
          readAt: (req, answer) => `/orgs/${(req.params as { orgId: string }).orgId}/devices/${(answer.device as { id: string }).id}`,
        },
      },
      schema: {
        tags,
        summary: 'Register a device by the UUID on its housing',
        description:
          "The UUID is the one printed on the device's type plate (RFC 4122 text form, any case). A UUID registered in any organization is 409 `device.already_registered`. The device token is in this answer only" +
          shownOnceNote +
          '. A member without access to every device gets access to the device they add.',
        params: OrgParams,
        body: Strict({
          uuid: Type.String({ maxLength: 60 }),
          name: PlainText(100),
          location: Optional(200),
          tags: Type.Optional(Tags),
          description: Optional(1000),
        }),
        response: responses({ 201: Strict({ device: Device, deviceToken: Type.String() }) }, 401, 403, 404, 409),
      },
    },
    async (req, reply) => reply.code(201).send(await core.devices.add(actorOf(req), req.params.orgId, req.body)),
  );

  app.get(
    '/orgs/:orgId/devices',
    {
      config: needs('device-management:devices.view'),
      schema: {
        tags,
        summary: 'The devices you may reach, by name',
        description: '`q` matches part of the name, the UUID or the location; `tag` one tag. Paged by name, with a cursor.',
        params: OrgParams,
        querystring: Strict({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          tag: Type.Optional(Type.String({ maxLength: 40 })),
          limit: Limit,
          cursor: Type.Optional(Cursor),
        }),
        response: responses({ 200: PageOf(Device) }, 401, 403, 404),
      },
    },
    async (req) => core.devices.list(actorOf(req), req.params.orgId, req.query),
  );

  app.get(
    '/orgs/:orgId/devices/:deviceId',
    {
      config: needs('device-management:devices.view'),
      schema: {
        tags,
        summary: 'One device',
        description: accessNote,
        params: DeviceParams,
        response: responses({ 200: Device }, 401, 403, 404),
      },
    },
    async (req) => core.devices.get(actorOf(req), req.params.orgId, req.params.deviceId),
  );

  app.patch(
    '/orgs/:orgId/devices/:deviceId',
    {
      config: { ...needs('device-management:devices.edit'), idempotent: true },
      schema: {
        tags,
        summary: "Edit a device's name, location, tags or description",
        description: accessNote,
        params: DeviceParams,
        body: Strict({
          name: Type.Optional(PlainText(100)),
          location: Optional(200),
          tags: Type.Optional(Tags),
          description: Optional(1000),
        }),
        response: responses({ 200: Device }, 401, 403, 404),
      },
    },
    async (req) => core.devices.update(actorOf(req), req.params.orgId, req.params.deviceId, req.body),
  );

  app.delete(
    '/orgs/:orgId/devices/:deviceId',
    {
      config: { ...needs('device-management:devices.delete'), idempotent: true },
      schema: {
        tags,
        summary: "Delete a device (and every member's access to it)",
        description: accessNote,
        params: DeviceParams,
        response: responses({ 204: NoContent }, 401, 403, 404),
      },
    },
    async (req, reply) => {
      await core.devices.delete(actorOf(req), req.params.orgId, req.params.deviceId);
      return reply.code(204).send();
    },
  );

  app.post(
    '/orgs/:orgId/devices/:deviceId/token',
    {
      config: {
        ...needs('device-management:devices.reset-token'),
        idempotent: true,
        shownOnce: {
          fields: ['deviceToken'],
          readAt: (req) => {
            const p = req.params as { orgId: string; deviceId: string };
            return `/orgs/${p.orgId}/devices/${p.deviceId}`;
          },
        },
      },
      schema: {
        tags,
        summary: 'Reset the device token: a new one, shown once; the old one is dead',
        description: `${accessNote} The token is in this answer only${shownOnceNote}.`,
        params: DeviceParams,
        response: responses({ 200: Token }, 401, 403, 404),
      },
    },
    async (req) => core.devices.resetToken(actorOf(req), req.params.orgId, req.params.deviceId),
  );

  app.get(
    '/orgs/:orgId/members/:userId/device-access',
    {
      config: { auth: 'user', access: { requirement: 'user-management:access', orSelf: true } },
      schema: {
        tags,
        summary: "A member's device access (any member may read their own)",
        params: MemberParams,
        response: responses({ 200: DeviceAccess }, 401, 403, 404),
      },
    },
    async (req) => core.devices.getAccess(actorOf(req), req.params.orgId, req.params.userId),
  );

  app.put(
    '/orgs/:orgId/members/:userId/device-access',
    {
      config: { auth: 'user', idempotent: true, access: { requirement: 'user-management:users.device-access' } },
      schema: {
        tags,
        summary: "Replace a member's device access",
        description:
          '`allDevices: true` gives every device, present and future; otherwise exactly `deviceIds`. Admins always have every device (409 `member.admin_all_devices`). Takes effect on the next check.',
        params: MemberParams,
        body: DeviceAccess,
        response: responses({ 200: DeviceAccess }, 401, 403, 404, 409),
      },
    },
    async (req) => core.devices.setAccess(actorOf(req), req.params.orgId, req.params.userId, req.body),
  );
};
