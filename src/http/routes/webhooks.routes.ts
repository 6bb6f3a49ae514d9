// A service's webhooks (Standard Webhooks), managed with that service's own key: any other key is
// 403 `service.forbidden`. Deliveries are made by the webhook worker (webhooks/delivery-worker.ts).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Core } from '../../core/core.js';
import { serviceOf } from '../auth.js';
import { DateTime, Id, NoContent, Strict, responses } from '../schemas.js';
import { EventTypeSchema } from './events.routes.js';

const Slug = Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$', description: "The service's slug." });
const ServiceParams = Strict({ slug: Slug });
const WebhookParams = Strict({ slug: Slug, webhookId: Id('whk') });
const DeliveryParams = Strict({ slug: Slug, webhookId: Id('whk'), deliveryId: Id('whd') });

const Webhook = Strict({
  id: Type.String(),
  service: Type.String(),
  url: Type.String(),
  types: Type.Array(Type.String()),
  createdAt: DateTime,
});
const Delivery = Strict({
  id: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  organizationId: Type.Union([Type.String(), Type.Null()], { description: "The organization; null for the platform's own events." }),
  status: Type.Union([Type.Literal('pending'), Type.Literal('succeeded'), Type.Literal('failed')], {
    description: '`pending`: waiting for its (next) attempt; `failed`: retries ended (24 hours after the event) or never allowed.',
  }),
  attempts: Type.Integer(),
  nextAttemptAt: Type.Union([DateTime, Type.Null()]),
  lastStatus: Type.Union([Type.Integer(), Type.Null()], { description: "The receiver's HTTP status at the last attempt." }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: DateTime,
  finishedAt: Type.Union([DateTime, Type.Null()]),
});

export const webhooksRoutes: FastifyPluginAsyncTypebox<{ core: Core }> = async (app, { core }) => {
  const tags = ['Events and webhooks'];
  const config = { auth: 'service' as const };
  const own = " With that service's own key; another service's key gets 403 `service.forbidden`.";

  app.post(
    '/services/:slug/webhooks',
    {
      config,
      schema: {
        tags,
        summary: 'Register a webhook for some event types',
        description:
          'Events of these types are POSTed to `url`, signed per Standard Webhooks (`webhook-id` = the event id, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256>`), ' +
          'at least once, in order per organization, retried with backoff for 24 hours; a 2xx within 10 s is success; redirects are not followed. ' +
          'The address must not be private, loopback or link-local (after DNS resolution) unless the operator allows it (`WEBHOOK_ALLOWED_HOSTS`): else 400 `webhook.address_refused`. ' +
          'The signing `secret` is in this answer only.' +
          own,
        params: ServiceParams,
        body: Strict({
          url: Type.String({ format: 'uri', maxLength: 2000, pattern: '^https?://' }),
          types: Type.Array(EventTypeSchema, { minItems: 1, maxItems: 12, uniqueItems: true }),
        }),
        response: responses(
          {
            201: Strict({
              ...Webhook.properties,
              secret: Type.String({ description: '`whsec_…`, shown only in this answer: keep it to verify the signatures.' }),
            }),
          },
          401,
          403,
        ),
      },
    },
    async (req, reply) => reply.code(201).send(await core.events.createWebhook(serviceOf(req), req.params.slug, req.body)),
  );

  app.get(
    '/services/:slug/webhooks',
    {
      config,
      schema: {
        tags,
        summary: "The service's webhooks",
        description: own,
        params: ServiceParams,
        response: responses({ 200: Strict({ items: Type.Array(Webhook) }) }, 401, 403),
      },
    },
    async (req) => core.events.listWebhooks(serviceOf(req), req.params.slug),
  );

  app.get(
    '/services/:slug/webhooks/:webhookId',
    {
      config,
      schema: {
        tags,
        summary: 'One webhook (without its secret)',
        description: own,
        params: WebhookParams,
        response: responses({ 200: Webhook }, 401, 403, 404),
      },
    },
    async (req) => core.events.getWebhook(serviceOf(req), req.params.slug, req.params.webhookId),
  );

  app.delete(
    '/services/:slug/webhooks/:webhookId',
    {
      config,
      schema: {
        tags,
        summary: 'Remove a webhook and its pending deliveries',
        description: own,
        params: WebhookParams,
        response: responses({ 204: NoContent }, 401, 403, 404),
      },
    },
    async (req, reply) => {
      await core.events.deleteWebhook(serviceOf(req), req.params.slug, req.params.webhookId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/services/:slug/webhooks/:webhookId/deliveries',
    {
      config,
      schema: {
        tags,
        summary: "The webhook's delivery log, newest first",
        description: `Kept as long as its event (7 days).${own}`,
        params: WebhookParams,
        querystring: Strict({
          cursor: Type.Optional(Type.String({ maxLength: 15, pattern: '^[0-9]+$', description: 'The `nextCursor` of the previous page.' })),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Page size (default 50, at most 200).' }),
        }),
        response: responses(
          { 200: Strict({ items: Type.Array(Delivery), nextCursor: Type.Union([Type.String(), Type.Null()]) }) },
          401,
          403,
          404,
        ),
      },
    },
    async (req) => core.events.deliveries(serviceOf(req), req.params.slug, req.params.webhookId, req.query),
  );

  app.post(
    '/services/:slug/webhooks/:webhookId/deliveries/:deliveryId/retry',
    {
      config,
      schema: {
        tags,
        summary: 'Send a delivery again now',
        description: `Whatever its state (succeeded, failed, waiting for its next attempt); it is sent once the deliveries before it of its organization are done.${own}`,
        params: DeliveryParams,
        response: responses({ 202: Delivery }, 401, 403, 404),
      },
    },
    async (req, reply) =>
      reply.code(202).send(await core.events.retryDelivery(serviceOf(req), req.params.slug, req.params.webhookId, req.params.deliveryId)),
  );
};
