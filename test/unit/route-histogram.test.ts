import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Histogram, Registry } from 'prom-client';
import { RouteHistogram } from '../../src/http/route-histogram.js';

const BOUNDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
// On a bound, between bounds, below the first, above the last, zero.
const SECONDS = [0, 0.00001, 0.0005, 0.0007, 0.001, 0.3, 2.5, 3, 0.0025];
const ROUTES = [
  ['GET', '/healthz'],
  ['POST', '/api/v1/authz/check'],
  ['GET', 'unmatched'],
  ['GET', '/a "quoted" \\ route'],
] as const;

function both() {
  const reference = new Registry();
  const ours = new Registry();
  const prom = new Histogram({ name: 'x_seconds', help: 'h', labelNames: ['method', 'route'], buckets: BOUNDS, registers: [reference] });
  const mine = new RouteHistogram('x_seconds', 'h', BOUNDS, ours);
  return { reference, ours, prom, mine };
}

describe("the request-duration histogram (route-histogram.ts) exports what prom-client's Histogram does", () => {
  test('the same Prometheus text for the same observations', async () => {
    const { reference, ours, prom, mine } = both();
    for (const s of SECONDS)
      for (const [method, route] of ROUTES) {
        prom.observe({ method, route }, s);
        mine.series(method, route).observe(s);
      }
    assert.equal(await ours.metrics(), await reference.metrics(), 'the exposition text should be byte for byte the same');
  });

  test('the same values and labels as JSON', async () => {
    const { reference, ours, prom, mine } = both();
    for (const s of SECONDS) {
      prom.observe({ method: 'GET', route: '/x' }, s);
      mine.series('GET', '/x').observe(s);
    }
    const pick = (m: { values: { metricName?: string; labels: object; value: number }[] }[]) =>
      m[0]!.values.map(({ metricName, labels, value }) => ({ metricName, labels, value }));
    assert.deepEqual(pick((await ours.getMetricsAsJSON()) as never), pick((await reference.getMetricsAsJSON()) as never));
  });

  test('one series a route, however often it is asked for; nothing before the first request', async () => {
    const { ours, mine } = both();
    assert.doesNotMatch(await ours.metrics(), /x_seconds_count/, 'no series should be exported before any observation');
    assert.equal(mine.series('GET', '/x'), mine.series('GET', '/x'));
    mine.series('GET', '/x').observe(0.002);
    assert.match(await ours.metrics(), /^x_seconds_count\{method="GET",route="\/x"\} 1$/m);
  });
});
