import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Registry } from 'prom-client';
import { AppError } from '../../core/errors.js';

export const opsRoutes: FastifyPluginAsyncTypebox<{ ping: () => Promise<void>; metrics: Registry }> = async (app, { ping, metrics }) => {
  const tags = ['Operations'];
  const config = { auth: 'public' as const };

  app.get('/healthz', { config, schema: { tags, summary: 'The process is up', response: { 200: Type.Object({ status: Type.String() }) } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', {
    config,
    schema: { tags, summary: 'The database answers', response: { 200: Type.Object({ status: Type.String() }), 503: Type.Ref('Problem') } },
  }, async () => {
    try {
      await Promise.race([ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref())]);
    } catch (e) {
      throw new AppError('service.unavailable', { detail: `database: ${e instanceof Error ? e.message : String(e)}` });
    }
    return { status: 'ready' };
  });

  app.get('/metrics', {
    config,
    schema: { tags, summary: 'Prometheus metrics', response: { 200: { description: 'The Prometheus text exposition format', content: { 'text/plain': { schema: { type: 'string' } } } } } },
  }, async (_req, reply) => {
    reply.type(metrics.contentType);
    return metrics.metrics();
  });
};
