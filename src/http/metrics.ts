import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { RouteHistogram, type HistogramSeries } from './route-histogram.js';

interface Count {
  labels: { method: string; route: string; status: string };
  n: number;
  counted: number;
}
interface RouteTally {
  duration: HistogramSeries;
  byStatus: Map<number, Count>;
}

/** One registry per app instance, so several apps in one test process do not share counters. */
export function createMetrics(
  app: FastifyInstance,
  gauges: {
    hashing: () => { running: number; waiting: number; verifications?: number; hashes?: number; anonymousHashes?: number };
    authz?: () => { loads: number; evictions: number; cached: number };
  },
) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gatehouse_' });
  // Requests are tallied in plain Maps, by route, method and status (each key a string or number
  // Node and Fastify hand over as the same value every time: no key is built, no label object
  // hashed) and handed to the counter when it is read: the authorization API's hot path pays little.
  const tally: Count[] = [];
  const routes = new Map<string, Map<string, RouteTally>>();
  new Counter({
    name: 'gatehouse_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
    collect() {
      for (const t of tally) {
        if (t.n > t.counted) this.inc(t.labels, t.n - t.counted);
        t.counted = t.n;
      }
    },
  });
  const duration = new RouteHistogram(
    'gatehouse_http_request_duration_seconds',
    'HTTP request duration',
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registry,
  );
  new Gauge({
    name: 'gatehouse_password_hashes_running',
    help: 'argon2 computations running',
    registers: [registry],
    collect() {
      this.set(gauges.hashing().running);
    },
  });
  // How many password hashes were verified: what a login throttle must bound (the proof suite reads it).
  let counted = 0;
  new Counter({
    name: 'gatehouse_password_verifications_total',
    help: 'argon2 password verifications run',
    registers: [registry],
    collect() {
      const now = gauges.hashing().verifications ?? 0;
      this.inc(now - counted);
      counted = now;
    },
  });
  // Hashes computed (new passwords), and how many of them anonymous requests caused: what the
  // anonymous share of the hashing gate bounds (the proof suite reads them).
  const counted2 = { hashes: 0, anonymousHashes: 0 };
  for (const [key, name, help] of [
    ['hashes', 'gatehouse_password_hashes_total', 'argon2 hashes of new passwords computed'],
    [
      'anonymousHashes',
      'gatehouse_password_hashes_anonymous_total',
      'argon2 hashes computed for anonymous requests (sign-up, reset confirmation)',
    ],
  ] as const) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = gauges.hashing()[key] ?? 0;
        this.inc(now - counted2[key]);
        counted2[key] = now;
      },
    });
  }
  new Gauge({
    name: 'gatehouse_password_hashes_waiting',
    help: 'argon2 computations waiting for a slot',
    registers: [registry],
    collect() {
      this.set(gauges.hashing().waiting);
    },
  });
  // The authorization cache: how many organization indexes were loaded and evicted, how many are in
  // memory (the proof reads them: a storm of made-up organization ids must load and evict nothing).
  const authz = gauges.authz;
  if (authz) {
    const seen = { loads: 0, evictions: 0 };
    for (const [key, name, help] of [
      ['loads', 'gatehouse_authz_index_loads_total', 'organization authorization indexes loaded from the database'],
      ['evictions', 'gatehouse_authz_index_evictions_total', 'organization authorization indexes evicted from memory to make room'],
    ] as const) {
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          // The engine's own counters can be reset (tests): never count backwards.
          const now = authz()[key];
          if (now > seen[key]) this.inc(now - seen[key]);
          seen[key] = now;
        },
      });
    }
    new Gauge({
      name: 'gatehouse_authz_indexes_cached',
      help: 'organization authorization indexes in memory',
      registers: [registry],
      collect() {
        this.set(authz().cached);
      },
    });
  }
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, not the URL: ids must not explode the label space.
    const route = request.routeOptions.url ?? 'unmatched';
    const method = request.method;
    let byMethod = routes.get(route);
    if (!byMethod) {
      byMethod = new Map();
      routes.set(route, byMethod);
    }
    let r = byMethod.get(method);
    if (!r) {
      r = { duration: duration.series(method, route), byStatus: new Map() };
      byMethod.set(method, r);
    }
    const status = reply.statusCode;
    const t = r.byStatus.get(status);
    if (t) t.n++;
    else {
      const count = { labels: { method, route, status: String(status) }, n: 1, counted: 0 };
      r.byStatus.set(status, count);
      tally.push(count);
    }
    r.duration.observe(reply.elapsedTime / 1000);
    done();
  });
  return registry;
}
