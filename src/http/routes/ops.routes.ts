import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Registry } from 'prom-client';
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../core/errors.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** `Authorization: Bearer <token>`, compared in constant time (digests of equal length). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token));
}

export const opsRoutes: FastifyPluginAsyncTypebox<{
  ping: () => Promise<void>;
  metrics: Registry;
  metricsToken?: string | undefined;
}> = async (app, { ping, metrics, metricsToken }) => {
  const tags = ['Operations'];
  const config = { auth: 'public' as const };

  app.get(
    '/healthz',
    { config, schema: { tags, summary: 'The process is up', response: { 200: Type.Object({ status: Type.String() }) } } },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      config,
      schema: {
        tags,
        summary: 'The database answers',
        response: { 200: Type.Object({ status: Type.String() }), 503: Type.Ref('Problem') },
      },
    },
    async () => {
      try {
        await Promise.race([ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref())]);
      } catch (e) {
        throw new AppError('service.unavailable', { detail: `database: ${e instanceof Error ? e.message : String(e)}` });
      }
      return { status: 'ready' };
    },
  );

  app.get(
    '/metrics',
    {
      config,
      schema: {
        tags,
        summary: 'Prometheus metrics',
        description:
          'Open to whoever reaches the port unless `METRICS_TOKEN` is set; then only with `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise).',
        response: {
          200: { description: 'The Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } },
          401: Type.Ref('Problem'),
        },
      },
    },
    async (req, reply) => {
      if (metricsToken !== undefined && !bearerMatches(req.headers.authorization, metricsToken)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new AppError('auth.unauthenticated', { detail: 'metrics: missing or wrong METRICS_TOKEN' });
      }
      reply.type(metrics.contentType);
      return metrics.metrics();
    },
  );
};
