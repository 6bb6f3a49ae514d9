// GET /events: the event feed for service keys, as JSON pages or (Accept: text/event-stream) a live
// stream. Both read the events table from a cursor in commit order (the table's `position`, see
// store/unit-of-work.ts), so the stream needs no state of its own: a client that reconnects with
// `Last-Event-ID` — to this instance after a restart, or to another — continues exactly after the
// last event it received, missing none.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ServerResponse } from 'node:http';
import type { Core } from '../../core/core.js';
import { decodeEventCursor, eventView } from '../../core/events/events.service.js';
import { EVENT_TYPES, type EventType } from '../../core/events/ports.js';
import type { EventSignal } from '../../core/events/signal.js';
import { AppError } from '../../core/errors.js';
import { bearerToken, serviceOf } from '../auth.js';
import { DateTime, Strict, responses } from '../schemas.js';

export const EventTypeSchema = Type.Union(
  EVENT_TYPES.map((t) => Type.Literal(t)),
  { description: 'An event type (shared/spec/PLATFORM.md "Events").' },
);
const EventSchema = Strict({
  id: Type.String({ description: '`evt_…`, the same in every delivery of the event (the `webhook-id` of its webhooks).' }),
  type: EventTypeSchema,
  organizationId: Type.Union([Type.String(), Type.Null()], {
    description: "The organization; null for the platform's own events (`service.manifest_changed`).",
  }),
  occurredAt: DateTime,
  revision: Type.Union([Type.Integer(), Type.Null()], {
    description:
      "The organization's revision after the change (the `Gatehouse-Revision` of the write); null once the organization is gone.",
  }),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'Ids of what changed; never secrets or tokens.' }),
});

/** How often a quiet stream sends a comment line (keeps proxies from closing it, detects a gone client). */
const HEARTBEAT_MS = 15_000;
/** How often a stream reads the table even without a signal (a lost change feed, a missed NOTIFY). */
const POLL_MS = 2_000;
const STREAM_PAGE = 200;

function typesOf(text: string | undefined): EventType[] | undefined {
  if (text === undefined || text === '') return undefined;
  const types = text.split(',');
  for (const t of types) {
    if (!(EVENT_TYPES as readonly string[]).includes(t)) {
      throw new AppError('request.invalid', { errors: [{ field: '/query/types', rule: 'enum', message: `unknown event type "${t}"` }] });
    }
  }
  return types as EventType[];
}

export const eventsRoutes: FastifyPluginAsyncTypebox<{ core: Core; signal: EventSignal }> = async (app, { core, signal }) => {
  const streams = new Set<ServerResponse>();
  // A stream never ends by itself: closing the app ends them (their clients reconnect elsewhere).
  app.addHook('preClose', async () => {
    for (const raw of streams) raw.end();
  });

  app.get(
    '/events',
    {
      config: { auth: 'service' },
      schema: {
        tags: ['Events and webhooks'],
        summary: 'Events of every organization, in commit order',
        description:
          'Every change a Smart Service may care about, kept 7 days. Pass `nextCursor` as `after` to continue (it is the same cursor when nothing new came: poll again later). ' +
          'With `Accept: text/event-stream` the answer is a live stream of Server-Sent Events instead: each event as `id: <cursor>`, `event: <type>`, `data: <the event as JSON>`; ' +
          'it resumes after `Last-Event-ID` (or `after`), on any instance, also after a restart. Service keys only. ' +
          'A cursor (or `Last-Event-ID`) older than the events kept is a `410` `events.cursor_expired`: events after it are gone; start again without one.',
        querystring: Strict({
          after: Type.Optional(
            Type.String({
              maxLength: 15,
              pattern: '^[0-9]*$',
              description: 'A `nextCursor` (or SSE id); empty or absent: from the oldest kept event.',
            }),
          ),
          types: Type.Optional(
            Type.String({ maxLength: 400, pattern: '^[a-z_.,]*$', description: 'Comma-separated event types; absent: all.' }),
          ),
          limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Page size (default 100, at most 1000).' }),
        }),
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 15, pattern: '^[0-9]*$' })) }),
        response: responses({ 200: Strict({ items: Type.Array(EventSchema), nextCursor: Type.String() }) }, 401, 403, 410),
      },
    },
    async (req, reply) => {
      const caller = serviceOf(req);
      const key = bearerToken(req) ?? '';
      const types = typesOf(req.query.types);
      // (HEAD, the GET's twin, never streams: it would hold a connection open for no body.)
      if (req.method !== 'GET' || !(req.headers.accept ?? '').includes('text/event-stream')) {
        return core.events.list(caller, { ...req.query, types });
      }

      const cursorField = req.headers['last-event-id'] ? '/headers/last-event-id' : '/query/after';
      let position = decodeEventCursor(req.headers['last-event-id'] || req.query.after, cursorField);
      // Before the stream starts, so that an expired cursor is a problem document, not a stream.
      await core.events.requireKept(position, cursorField);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
        'x-request-id': req.id,
        // A stream's connection is never reused: closed when the stream ends, so an instance that
        // stops (and ends its streams) is not kept waiting for the keep-alive timeout.
        connection: 'close',
      });
      raw.write('retry: 1000\n\n');
      streams.add(raw);
      let wake: (() => void) | undefined;
      let signalled = false;
      const unsubscribe = signal.subscribe(() => {
        signalled = true;
        wake?.();
      });
      let open = true;
      // The key is revoked (here, or on another instance through the change feed): the stream ends
      // at once; the client's reconnection is then refused (401).
      const stopOnRevocation = core.serviceClients.onRevoked((clientId) => {
        if (clientId !== caller.clientId) return;
        open = false;
        wake?.();
      });
      raw.on('close', () => {
        open = false;
        streams.delete(raw);
        unsubscribe();
        stopOnRevocation();
        wake?.();
      });
      try {
        let quietSince = Date.now();
        while (open) {
          signalled = false;
          const rows = await core.events.after(position, types, STREAM_PAGE);
          for (const e of rows) {
            if (!open) break;
            raw.write(`id: ${e.position}\nevent: ${e.type}\ndata: ${JSON.stringify(eventView(e))}\n\n`);
            position = e.position;
          }
          if (rows.length > 0) quietSince = Date.now();
          if (!open) break;
          if (rows.length === STREAM_PAGE || signalled) continue;
          if (Date.now() - quietSince >= HEARTBEAT_MS) {
            raw.write(': keep-alive\n\n');
            quietSince = Date.now();
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, POLL_MS);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = undefined;
          // A revocation whose notice was lost (the change feed down: keys are then looked up in
          // the database, not cached) still ends the stream, within a poll.
          if (open && !signalled && !(await core.serviceClients.authenticate(key))) open = false;
        }
      } catch (e) {
        // The database went away: end the stream; the client reconnects with its Last-Event-ID.
        req.log.warn({ error: (e as Error).message }, 'event stream ended');
      } finally {
        unsubscribe();
        stopOnRevocation();
        streams.delete(raw);
        if (!raw.writableEnded) raw.end();
      }
    },
  );
};
