// The web UI: the single-page app that `vite build` writes to `dist/web`, served at `/`. It is a
// client of the public API like any other (same origin, session cookie); nothing here knows its pages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';

// Everything the app loads comes from this origin; no inline script, no framing (clickjacking on
// the pages that change roles and remove members), no <base> or form targets elsewhere.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to machines (API, OpenID Connect, probes): never answered with the app's HTML. */
const NOT_THE_APP = /^\/(api|oidc|\.well-known|healthz|readyz|metrics)(\/|$|\?)/;

export interface WebUi {
  /** For the not-found handler: answers a browser's page request with index.html. */
  spaFallback(request: FastifyRequest, reply: FastifyReply): boolean;
  register(app: FastifyInstance): Promise<void>;
}

export function webUi(dir: string, log: { warn(obj: object, msg: string): void }): WebUi | undefined {
  const indexPath = join(dir, 'index.html');
  if (!existsSync(indexPath)) {
    log.warn({ webDir: dir }, 'no web UI build found: serving the API only (run `npm run build`)');
    return undefined;
  }
  const indexHtml = readFileSync(indexPath, 'utf8');
  const sendIndex = (reply: FastifyReply) =>
    reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-frame-options', 'DENY')
      // index.html names the hashed bundles of this build: always revalidate it.
      .header('cache-control', 'no-cache')
      .send(indexHtml);

  return {
    spaFallback(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      if (NOT_THE_APP.test(request.url)) return false;
      if (!(request.headers.accept ?? '').includes('text/html')) return false;
      sendIndex(reply);
      return true;
    },
    async register(app) {
      app.get('/', { config: { auth: 'public' }, schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
      await app.register(fastifyStatic, {
        root: dir,
        // One route per file of the build (no wildcard): an unknown path stays a 404 or the app's page.
        wildcard: false,
        index: false,
        serve: true,
        decorateReply: false,
        setHeaders(res, path) {
          // Vite puts a content hash in every asset's name: cache them for good.
          res.header('cache-control', path.startsWith(join(dir, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
          if (path.endsWith('.html')) {
            res.header('content-security-policy', CONTENT_SECURITY_POLICY);
            res.header('x-frame-options', 'DENY');
          }
        },
      });
    },
  };
}
